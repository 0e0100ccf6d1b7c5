import { defineResource } from '../../../shared/operations';
import type { GpClient } from '../../transport';
import { createReceivablesTransaction } from './create.operation';
import { getReceivablesTransaction } from './get.operation';

export const receivablesTransactionResource = defineResource<GpClient>('receivablesTransaction', 'receivables transaction', [
	{
		value: 'create',
		name: 'Create',
		action: 'Create an unposted receivables transaction',
		description: 'Save a receivables transaction into an unposted batch; it is posted in GP',
		operation: createReceivablesTransaction,
	},
	{ value: 'get', name: 'Get', action: 'Get a receivables transaction', description: 'Get one receivables transaction by type and number', operation: getReceivablesTransaction },
]);
