import { exportFeedOperation } from '../shared/exportFeed';
import { idsFilter, modifiedBeforeFilter, modifiedOnOrAfterFilter, syncStatusOptions, type FilterField } from '../shared/filters';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';
import { setStatus } from './setStatus.operation';

const paymentFilters: FilterField[] = [
	idsFilter,
	modifiedOnOrAfterFilter,
	modifiedBeforeFilter,
	{ name: 'statuses', label: 'Sync Statuses', kind: 'multiOptions', options: syncStatusOptions, listFormat: 'comma' },
	{ name: 'appliedToInvoiceIds', label: 'Applied to Invoice IDs', kind: 'string', description: 'Comma-separated invoice IDs' },
	{ name: 'customerId', label: 'Customer ID', kind: 'string' },
	{ name: 'businessUnitIds', label: 'Business Unit IDs', kind: 'string', description: 'Comma-separated' },
	{ name: 'paidOnAfter', label: 'Paid On After', kind: 'dateTime' },
	{ name: 'paidOnBefore', label: 'Paid On Before', kind: 'dateTime' },
];

export const paymentResource = defineResource('payment', 'payment', [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many payments',
		description: 'List payments with filters',
		operation: listOperation({ resource: 'payment', module: 'accounting', path: 'payments', filters: paymentFilters, canonical: 'payment' }),
	},
	{
		value: 'exportFeed',
		name: 'Export Feed',
		action: 'Read the payment export feed',
		description: 'Read new and changed payments from a continuation token (incremental sync)',
		operation: exportFeedOperation({ resource: 'payment', module: 'accounting', feed: 'payments', recordType: 'payment', canonical: 'payment' }),
	},
	{
		value: 'setStatus',
		name: 'Set Status',
		action: 'Set the status of a payment',
		description: 'Set a payment to Exported (or back to Pending/Posted)',
		operation: setStatus,
	},
]);
