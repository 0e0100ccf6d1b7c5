import { idsFilter, modifiedBeforeFilter, modifiedOnOrAfterFilter, type FilterField } from '../shared/filters';
import { getOperation } from '../shared/get';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';

const purchaseOrderFilters: FilterField[] = [
	idsFilter,
	modifiedOnOrAfterFilter,
	modifiedBeforeFilter,
	{
		name: 'status',
		label: 'Status',
		kind: 'options',
		options: ['Canceled', 'Exported', 'PartiallyReceived', 'Pending', 'Received', 'Sent'].map((value) => ({ name: value, value })),
	},
	{ name: 'number', label: 'PO Number', kind: 'string' },
	{ name: 'jobId', label: 'Job ID', kind: 'string' },
];

export const purchaseOrderResource = defineResource('purchaseOrder', 'purchase order', [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a purchase order',
		description: 'Get one purchase order by ID',
		operation: getOperation({ resource: 'purchaseOrder', noun: 'purchase order', module: 'inventory', path: 'purchase-orders/{id}' }),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many purchase orders',
		description: 'List purchase orders with filters',
		operation: listOperation({ resource: 'purchaseOrder', module: 'inventory', path: 'purchase-orders', filters: purchaseOrderFilters }),
	},
]);
