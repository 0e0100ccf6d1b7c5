import { dateFilter, equalsFilter } from '../shared/filters';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';

export const generalLedgerEntryResource = defineResource('generalLedgerEntry', 'general ledger entry', [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many general ledger entries',
		description: 'List posted G/L entries (read-only)',
		operation: listOperation({
			resource: 'generalLedgerEntry',
			path: 'generalLedgerEntries',
			filters: [
				equalsFilter('accountNumber', 'Account Number', 'accountNumber'),
				equalsFilter('documentNumber', 'Document Number', 'documentNumber'),
				dateFilter('postingDateFrom', 'Posting Date From', 'postingDate', 'ge'),
				dateFilter('postingDateTo', 'Posting Date To', 'postingDate', 'le'),
			],
		}),
	},
]);
