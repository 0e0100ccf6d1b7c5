import type { IExecuteFunctions } from 'n8n-workflow';

import type { ServiceTitanClient } from '../../transport';
import { MAX_RECORDS_PER_WRITE, writeChunks, writeChunksOf, type BulkEntry } from '../shared/bulkWrite';
import { syncStatusOptions } from '../shared/filters';
import { readRecordId, recordIdProperty } from '../shared/get';
import { readEntries } from '../shared/itemEntries';
import { showFor, type Operation } from '../shared/operation';

interface Entry extends BulkEntry {
	status: string;
}

/**
 * Every input payment at once: up to 50 per call, one call per status. ServiceTitan answers a
 * whole call (200, empty) — a refused call is split until the refusal lands on its payments.
 */
export const setStatus: Operation = {
	description: [
		recordIdProperty('payment', 'payment', 'setStatus'),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: syncStatusOptions,
			default: 'Exported',
			displayOptions: showFor('payment', 'setStatus'),
		},
	],
	async executeAll(this: IExecuteFunctions, client: ServiceTitanClient) {
		const { entries, failed } = readEntries<Entry>(this, (itemIndex) => ({
			itemIndex,
			id: Number(readRecordId(this, itemIndex, 'payment')),
			status: this.getNodeParameter('status', itemIndex, 'Exported') as string,
		}));
		const send = async (part: Entry[]) =>
			await client.request('POST', 'accounting', 'payments/status', { body: { paymentIds: part.map((entry) => entry.id), status: part[0].status } });
		const chunkList = writeChunks(entries, MAX_RECORDS_PER_WRITE, (entry) => entry.status);
		const sent = await writeChunksOf(chunkList, send, (entry) => ({ itemIndex: entry.itemIndex, json: { paymentId: entry.id, status: entry.status } }));
		return [...failed, ...sent];
	},
};
