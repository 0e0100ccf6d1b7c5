import { containsFilter, equalsFilter, modifiedSinceFilter } from '../shared/filters';
import { getOperation } from '../shared/get';
import { listOperation } from '../shared/list';
import { customerLocator } from '../shared/locators';
import { CUSTOMERS } from '../shared/records';
import { defineResource } from '../shared/resource';
import { createOperation, updateOperation } from '../shared/write';
import { customerFields, customerMoneyFields } from './fields';
import { upsert } from './upsert.operation';

const write = { resource: 'customer', entity: CUSTOMERS, fields: customerFields, moneyFields: customerMoneyFields };

export const customerResource = defineResource('customer', 'customer', [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a customer',
		description: 'Get one customer by ID or number',
		operation: getOperation({ resource: 'customer', entity: CUSTOMERS, locator: customerLocator('customer', 'get') }),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many customers',
		description: 'List customers with filters',
		operation: listOperation({
			resource: 'customer',
			path: 'customers',
			filters: [equalsFilter('number', 'Number', 'number'), containsFilter('displayNameContains', 'Display Name Contains', 'displayName'), modifiedSinceFilter],
		}),
	},
	{ value: 'create', name: 'Create', action: 'Create a customer', description: 'Create a customer', operation: createOperation(write) },
	{
		value: 'update',
		name: 'Update',
		action: 'Update a customer',
		description: 'Change fields of a customer, refusing to overwrite changes made by someone else',
		operation: updateOperation({ ...write, locator: customerLocator('customer', 'update') }),
	},
	{
		value: 'upsert',
		name: 'Create or Update',
		action: 'Create or update a customer by number',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		operation: upsert,
	},
]);
