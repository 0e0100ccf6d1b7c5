import { defineResource } from '../../../shared/operations';
import type { GpClient } from '../../transport';
import { getManyGlAccounts } from './getAll.operation';

export const glAccountResource = defineResource<GpClient>('glAccount', 'GL account', [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many GL accounts',
		description: 'List the chart of accounts (read-only), each with its segments (account, department)',
		operation: getManyGlAccounts,
	},
]);
