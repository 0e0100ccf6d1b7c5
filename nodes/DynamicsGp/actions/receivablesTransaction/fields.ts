import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../shared/operations';

export const RECEIVABLES_PATH = 'Sales/ReceivablesTransactions';

export function documentTypeProperty(operation: string): INodeProperties {
	return {
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		options: [
			{ name: 'Debit Memo', value: 'DebitMemo' },
			{ name: 'Finance Charge', value: 'FinanceCharge' },
			{ name: 'Invoice', value: 'Invoice' },
		],
		default: 'Invoice',
		displayOptions: showFor('receivablesTransaction', operation),
	};
}
