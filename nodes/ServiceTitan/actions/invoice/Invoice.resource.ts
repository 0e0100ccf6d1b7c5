import { exportFeedOperation } from '../shared/exportFeed';
import {
	idsFilter,
	modifiedBeforeFilter,
	modifiedOnOrAfterFilter,
	syncStatusOptions,
	type FilterField,
} from '../shared/filters';
import { RECORD_LOOKUPS } from '../shared/byIds';
import { getOperation } from '../shared/get';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';
import { markAsExported } from './markAsExported.operation';

const invoiceFilters: FilterField[] = [
	idsFilter,
	modifiedOnOrAfterFilter,
	modifiedBeforeFilter,
	{ name: 'statuses', label: 'Sync Statuses', kind: 'multiOptions', options: syncStatusOptions },
	{ name: 'businessUnitId', label: 'Business Unit ID', kind: 'string' },
	{ name: 'batchId', label: 'Batch ID', kind: 'string' },
	{ name: 'batchNumber', label: 'Batch Number', kind: 'string' },
	{ name: 'customerId', label: 'Customer ID', kind: 'string' },
	{ name: 'number', label: 'Invoice Number', kind: 'string' },
	{ name: 'invoicedOnOrAfter', label: 'Invoiced On or After', kind: 'dateTime' },
	{ name: 'invoicedOnBefore', label: 'Invoiced Before', kind: 'dateTime' },
	{
		name: 'activeState',
		label: 'Active State',
		kind: 'options',
		options: [
			{ name: 'Active Only', value: 'ActiveOnly' },
			{ name: 'All', value: 'All' },
			{ name: 'Inactive Only', value: 'InactiveOnly' },
		],
	},
];

export const invoiceResource = defineResource('invoice', 'invoice', [
	{
		value: 'get',
		name: 'Get',
		action: 'Get an invoice',
		description: 'Get one invoice by ID',
		operation: getOperation({ resource: 'invoice', noun: 'invoice', lookup: RECORD_LOOKUPS.invoice, canonical: 'invoice' }),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many invoices',
		description: 'List invoices with filters',
		operation: listOperation({ resource: 'invoice', module: 'accounting', path: 'invoices', filters: invoiceFilters, canonical: 'invoice' }),
	},
	{
		value: 'exportFeed',
		name: 'Export Feed',
		action: 'Read the invoice export feed',
		description: 'Read new and changed invoices from a continuation token (incremental sync)',
		operation: exportFeedOperation({ resource: 'invoice', module: 'accounting', feed: 'invoices', recordType: 'invoice', canonical: 'invoice' }),
	},
	{
		value: 'markAsExported',
		name: 'Mark as Exported',
		action: 'Mark an invoice as exported',
		description: 'Set the invoice to Exported with the ERP document number',
		operation: markAsExported,
	},
]);
