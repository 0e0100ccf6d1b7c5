import { activeOptions, idsFilter, modifiedOnOrAfterFilter, type FilterField } from '../shared/filters';
import { getOperation } from '../shared/get';
import { listOperation } from '../shared/list';
import { businessUnitLocator } from '../shared/locators';
import { defineResource } from '../shared/resource';

const businessUnitFilters: FilterField[] = [
	idsFilter,
	modifiedOnOrAfterFilter,
	{ name: 'name', label: 'Name Contains', kind: 'string' },
	{ name: 'active', label: 'Active', kind: 'options', options: activeOptions },
];

export const businessUnitResource = defineResource('businessUnit', 'business unit', [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a business unit',
		description: 'Get one business unit',
		operation: getOperation({
			resource: 'businessUnit',
			noun: 'business unit',
			module: 'settings',
			path: 'business-units/{id}',
			idProperty: businessUnitLocator('businessUnit', 'get'),
		}),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many business units',
		description: 'List business units (the source side of the dimension mapping)',
		operation: listOperation({ resource: 'businessUnit', module: 'settings', path: 'business-units', filters: businessUnitFilters }),
	},
]);
