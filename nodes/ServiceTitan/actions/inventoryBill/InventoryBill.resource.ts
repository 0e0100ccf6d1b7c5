import { exportFeedOperation } from '../shared/exportFeed';
import { idsFilter, modifiedBeforeFilter, modifiedOnOrAfterFilter, type FilterField } from '../shared/filters';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';
import { markAsExported } from './markAsExported.operation';

const billFilters: FilterField[] = [
	idsFilter,
	modifiedOnOrAfterFilter,
	modifiedBeforeFilter,
	{
		name: 'syncStatuses',
		label: 'Sync Statuses',
		kind: 'multiOptions',
		options: [
			{ name: 'Exported', value: 'Exported' },
			{ name: 'Pending', value: 'Pending' },
			{ name: 'Posted', value: 'Posted' },
			{ name: 'Posted and Exported', value: 'PostedAndExported' },
		],
	},
	{ name: 'businessUnitIds', label: 'Business Unit IDs', kind: 'string', description: 'Comma-separated', listFormat: 'repeat' },
	{ name: 'billNumber', label: 'Bill Number', kind: 'string' },
	{ name: 'purchaseOrderNumber', label: 'Purchase Order Number', kind: 'string' },
	{ name: 'batchId', label: 'Batch ID', kind: 'string' },
	{ name: 'dateFrom', label: 'Bill Date From', kind: 'dateTime' },
	{ name: 'dateTo', label: 'Bill Date To', kind: 'dateTime' },
];

export const inventoryBillResource = defineResource('inventoryBill', 'inventory bill', [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many inventory bills',
		description: 'List inventory bills (bills for received purchase orders) with filters',
		operation: listOperation({
			resource: 'inventoryBill',
			module: 'accounting',
			path: 'inventory-bills/paginated',
			filters: billFilters,
			canonical: 'inventoryBill',
		}),
	},
	{
		value: 'exportFeed',
		name: 'Export Feed',
		action: 'Read the inventory bill export feed',
		description: 'Read new and changed inventory bills from a continuation token (incremental sync)',
		operation: exportFeedOperation({ resource: 'inventoryBill', module: 'accounting', feed: 'inventory-bills', recordType: 'inventoryBill', canonical: 'inventoryBill' }),
	},
	{
		value: 'markAsExported',
		name: 'Mark as Exported',
		action: 'Mark an inventory bill as exported',
		description: 'Set the inventory bill to Exported',
		operation: markAsExported,
	},
]);
