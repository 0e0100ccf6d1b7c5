import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ServiceTitanClient } from '../../transport';
import { readRecordId, recordIdProperty } from '../shared/get';
import { showFor, type Operation } from '../shared/operation';

interface MarkResult {
	invoiceId: number;
	success: boolean;
	errorMessage?: string | null;
}

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
	async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
		const invoiceId = Number(readRecordId(this, itemIndex, 'invoice'));
		const externalId = (this.getNodeParameter('externalId', itemIndex, '') as string).trim();
		const externalMessage = (this.getNodeParameter('externalMessage', itemIndex, '') as string).trim();
		const results = await client.request<MarkResult[]>('POST', 'accounting', 'invoices/markasexported', {
			body: [{ invoiceId, externalId: externalId || undefined, externalMessage: externalMessage || undefined }],
		});
		const result = (Array.isArray(results) ? results : []).find((entry) => Number(entry.invoiceId) === invoiceId);
		if (!result?.success) {
			throw new NodeOperationError(
				this.getNode(),
				`ServiceTitan did not mark invoice ${invoiceId} as exported: ${result?.errorMessage ?? 'no result returned for this invoice'}`,
				{ itemIndex },
			);
		}
		return { invoiceId, exported: true, externalId: externalId || null, externalMessage: externalMessage || null };
	},
};
