import { activeOptions, idsFilter, modifiedBeforeFilter, modifiedOnOrAfterFilter, type FilterField } from '../shared/filters';
import { exportFeedOperation } from '../shared/exportFeed';
import { RECORD_LOOKUPS } from '../shared/byIds';
import { getOperation } from '../shared/get';
import { listOperation } from '../shared/list';
import { customerLocator } from '../shared/locators';
import { defineResource } from '../shared/resource';
import { create } from './create.operation';
import { update } from './update.operation';

const customerFilters: FilterField[] = [
	idsFilter,
	modifiedOnOrAfterFilter,
	modifiedBeforeFilter,
	{ name: 'name', label: 'Name', kind: 'string' },
	{ name: 'active', label: 'Active', kind: 'options', options: activeOptions },
	{ name: 'city', label: 'City', kind: 'string' },
	{ name: 'zip', label: 'Zip', kind: 'string' },
];

export const customerResource = defineResource('customer', 'customer', [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a customer',
		description: 'Get one customer',
		operation: getOperation({
			resource: 'customer',
			noun: 'customer',
			lookup: RECORD_LOOKUPS.customer,
			canonical: 'customer',
			idProperty: customerLocator('customer', 'get'),
		}),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many customers',
		description: 'List customers with filters',
		operation: listOperation({ resource: 'customer', module: 'crm', path: 'customers', filters: customerFilters, canonical: 'customer' }),
	},
	{
		value: 'exportFeed',
		name: 'Export Feed',
		action: 'Read the customer export feed',
		description: 'Read new and changed customers from a continuation token (incremental sync)',
		operation: exportFeedOperation({ resource: 'customer', module: 'crm', feed: 'customers', recordType: 'customer', canonical: 'customer' }),
	},
	{ value: 'create', name: 'Create', action: 'Create a customer', description: 'Create a customer with one location', operation: create },
	{ value: 'update', name: 'Update', action: 'Update a customer', description: 'Change fields of a customer', operation: update },
]);
