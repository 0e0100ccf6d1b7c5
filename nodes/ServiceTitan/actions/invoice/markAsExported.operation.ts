import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOutcome } from '../../../shared';
import type { ServiceTitanClient } from '../../transport';
import { MAX_RECORDS_PER_WRITE, writeChunks, writeChunksOf, type BulkEntry } from '../shared/bulkWrite';
import { readRecordId, recordIdProperty } from '../shared/get';
import { readEntries } from '../shared/itemEntries';
import { showFor, type Operation } from '../shared/operation';

interface MarkResult {
	invoiceId: number;
	success: boolean;
	errorMessage?: string | null;
}

interface Entry extends BulkEntry {
	externalId: string;
	externalMessage: string;
}

function read(context: IExecuteFunctions, itemIndex: number): Entry {
	return {
		itemIndex,
		id: Number(readRecordId(context, itemIndex, 'invoice')),
		externalId: (context.getNodeParameter('externalId', itemIndex, '') as string).trim(),
		externalMessage: (context.getNodeParameter('externalMessage', itemIndex, '') as string).trim(),
	};
}

async function send(client: ServiceTitanClient, entries: Entry[]): Promise<MarkResult[]> {
	const body = entries.map((entry) => ({ invoiceId: entry.id, externalId: entry.externalId || undefined, externalMessage: entry.externalMessage || undefined }));
	const results = await client.request<MarkResult[]>('POST', 'accounting', 'invoices/markasexported', { body });
	return Array.isArray(results) ? results : [];
}

/** ServiceTitan answers per invoice inside its 200: each item gets its own invoice's answer. */
function outcome(context: IExecuteFunctions, entry: Entry, results: MarkResult[]): ItemOutcome {
	const result = results.find((candidate) => Number(candidate.invoiceId) === entry.id);
	if (!result?.success) {
		const why = result?.errorMessage ?? 'no result returned for this invoice';
		const error = new NodeOperationError(context.getNode(), `ServiceTitan did not mark invoice ${entry.id} as exported: ${why}`, { itemIndex: entry.itemIndex });
		return { itemIndex: entry.itemIndex, error };
	}
	const json = { invoiceId: entry.id, exported: true, externalId: entry.externalId || null, externalMessage: entry.externalMessage || null };
	return { itemIndex: entry.itemIndex, json };
}

/** Every input invoice at once: up to 50 per call, each item with its own invoice's answer. */
export const markAsExported: Operation = {
	description: [
		recordIdProperty('invoice', 'invoice', 'markAsExported'),
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: 'The ERP document number, shown in ServiceTitan as the export ID',
			displayOptions: showFor('invoice', 'markAsExported'),
		},
		{
			displayName: 'External Message',
			name: 'externalMessage',
			type: 'string',
			default: '',
			description: 'A note for ServiceTitan users, e.g. where and when the invoice was posted',
			displayOptions: showFor('invoice', 'markAsExported'),
		},
	],
	async executeAll(this: IExecuteFunctions, client: ServiceTitanClient) {
		const { entries, failed } = readEntries(this, (itemIndex) => read(this, itemIndex));
		const chunkList = writeChunks(entries, MAX_RECORDS_PER_WRITE);
		const sent = await writeChunksOf(chunkList, async (part) => await send(client, part), (entry, results) => outcome(this, entry, results));
		return [...failed, ...sent];
	},
};
