import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOutcome } from '../../../shared';
import type { ServiceTitanClient } from '../../transport';
import { MAX_RECORDS_PER_WRITE, writeChunks, writeChunksOf, type BulkEntry } from '../shared/bulkWrite';
import { readRecordId, recordIdProperty } from '../shared/get';
import { readEntries } from '../shared/itemEntries';
import type { Operation } from '../shared/operation';

interface MarkResult {
	inventoryBillId: number;
	success: boolean;
	errorMessage?: string | null;
}

async function send(client: ServiceTitanClient, entries: BulkEntry[]): Promise<MarkResult[]> {
	const results = await client.request<MarkResult[]>('POST', 'accounting', 'inventory-bills/markasexported', {
		body: { inventoryBillIds: entries.map((entry) => entry.id) },
	});
	return Array.isArray(results) ? results : [];
}

/** ServiceTitan answers per bill inside its 200: each item gets its own bill's answer. */
function outcome(context: IExecuteFunctions, entry: BulkEntry, results: MarkResult[]): ItemOutcome {
	const result = results.find((candidate) => Number(candidate.inventoryBillId) === entry.id);
	if (!result?.success) {
		const why = result?.errorMessage ?? 'no result returned for this bill';
		const error = new NodeOperationError(context.getNode(), `ServiceTitan did not mark inventory bill ${entry.id} as exported: ${why}`, { itemIndex: entry.itemIndex });
		return { itemIndex: entry.itemIndex, error };
	}
	return { itemIndex: entry.itemIndex, json: { inventoryBillId: entry.id, exported: true } };
}

/** Every input bill at once: up to 50 per call, each item with its own bill's answer. */
export const markAsExported: Operation = {
	description: [recordIdProperty('inventoryBill', 'inventory bill', 'markAsExported')],
	async executeAll(this: IExecuteFunctions, client: ServiceTitanClient) {
		const { entries, failed } = readEntries(this, (itemIndex) => ({ itemIndex, id: Number(readRecordId(this, itemIndex, 'inventory bill')) }));
		const chunkList = writeChunks(entries, MAX_RECORDS_PER_WRITE);
		const sent = await writeChunksOf(chunkList, async (part) => await send(client, part), (entry, results) => outcome(this, entry, results));
		return [...failed, ...sent];
	},
};
