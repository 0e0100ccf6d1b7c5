import { equalsFilter } from '../shared/filters';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';

export const customerPaymentJournalResource = defineResource('customerPaymentJournal', 'customer payment journal', [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many customer payment journals',
		description: 'List the batches of the cash receipt journal',
		operation: listOperation({ resource: 'customerPaymentJournal', path: 'customerPaymentJournals', filters: [equalsFilter('code', 'Code', 'code')] }),
	},
]);
