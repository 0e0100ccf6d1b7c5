import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ServiceTitanClient } from '../../transport';
import { readRecordId, recordIdProperty } from '../shared/get';
import type { Operation } from '../shared/operation';

interface MarkResult {
	inventoryBillId: number;
	success: boolean;
	errorMessage?: string | null;
}

export const markAsExported: Operation = {
	description: [recordIdProperty('inventoryBill', 'inventory bill', 'markAsExported')],
	async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
		const billId = Number(readRecordId(this, itemIndex, 'inventory bill'));
		const results = await client.request<MarkResult[]>('POST', 'accounting', 'inventory-bills/markasexported', {
			body: { inventoryBillIds: [billId] },
		});
		const result = (Array.isArray(results) ? results : []).find((entry) => Number(entry.inventoryBillId) === billId);
		if (!result?.success) {
			throw new NodeOperationError(
				this.getNode(),
				`ServiceTitan did not mark inventory bill ${billId} as exported: ${result?.errorMessage ?? 'no result returned for this bill'}`,
				{ itemIndex },
			);
		}
		return { inventoryBillId: billId, exported: true };
	},
};
