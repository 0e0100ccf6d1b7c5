import { containsFilter, equalsFilter } from '../shared/filters';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/operation';

export const mainAccountResource = defineResource('mainAccount', 'main account', [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many main accounts',
		description: 'List the main accounts of the chart of accounts (shared by legal entities)',
		operation: listOperation({
			resource: 'mainAccount',
			set: 'MainAccounts',
			companyScoped: false,
			orderby: 'MainAccountId',
			filters: [
				equalsFilter('mainAccountId', 'Main Account ID', 'MainAccountId', '401100'),
				equalsFilter('chartOfAccounts', 'Chart of Accounts', 'ChartOfAccounts', 'Shared'),
				containsFilter('nameContains', 'Name Contains', 'Name'),
			],
		}),
	},
]);
