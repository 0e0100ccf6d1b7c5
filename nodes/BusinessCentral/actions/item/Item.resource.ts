import { containsFilter, enumFilter, equalsFilter, modifiedSinceFilter } from '../shared/filters';
import { getOperation } from '../shared/get';
import { listOperation } from '../shared/list';
import { itemLocator } from '../shared/locators';
import { ITEMS } from '../shared/records';
import { defineResource } from '../shared/resource';

const itemTypes = [
	{ name: 'Inventory', value: 'Inventory' },
	{ name: 'Non-Inventory', value: 'Non-Inventory' },
	{ name: 'Service', value: 'Service' },
];

export const itemResource = defineResource('item', 'item', [
	{
		value: 'get',
		name: 'Get',
		action: 'Get an item',
		description: 'Get one item by ID or number',
		operation: getOperation({ resource: 'item', entity: ITEMS, locator: itemLocator('item', 'get') }),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many items',
		description: 'List items with filters',
		operation: listOperation({
			resource: 'item',
			path: 'items',
			filters: [
				equalsFilter('number', 'Number', 'number'),
				containsFilter('displayNameContains', 'Display Name Contains', 'displayName'),
				enumFilter('type', 'Type', 'type', itemTypes),
				modifiedSinceFilter,
			],
		}),
	},
]);
