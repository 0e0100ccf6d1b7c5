import { containsFilter, equalsFilter, modifiedSinceFilter } from '../shared/filters';
import { getOperation } from '../shared/get';
import { listOperation } from '../shared/list';
import { vendorLocator } from '../shared/locators';
import { VENDORS } from '../shared/records';
import { defineResource } from '../shared/resource';
import { createOperation, updateOperation } from '../shared/write';
import { vendorFields } from './fields';

const write = { resource: 'vendor', entity: VENDORS, fields: vendorFields };

export const vendorResource = defineResource('vendor', 'vendor', [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a vendor',
		description: 'Get one vendor by ID or number',
		operation: getOperation({ resource: 'vendor', entity: VENDORS, locator: vendorLocator('vendor', 'get') }),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many vendors',
		description: 'List vendors with filters',
		operation: listOperation({
			resource: 'vendor',
			path: 'vendors',
			filters: [equalsFilter('number', 'Number', 'number'), containsFilter('displayNameContains', 'Display Name Contains', 'displayName'), modifiedSinceFilter],
		}),
	},
	{ value: 'create', name: 'Create', action: 'Create a vendor', description: 'Create a vendor', operation: createOperation(write) },
	{
		value: 'update',
		name: 'Update',
		action: 'Update a vendor',
		description: 'Change fields of a vendor, refusing to overwrite changes made by someone else',
		operation: updateOperation({ ...write, locator: vendorLocator('vendor', 'update') }),
	},
]);
