import { activeOptions, idsFilter, modifiedOnOrAfterFilter, type FilterField } from '../shared/filters';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';

const glAccountFilters: FilterField[] = [
	idsFilter,
	modifiedOnOrAfterFilter,
	{ name: 'names', label: 'Names', kind: 'string', description: 'Comma-separated' },
	{ name: 'numbers', label: 'Numbers', kind: 'string', description: 'Comma-separated' },
	{ name: 'types', label: 'Types', kind: 'string', description: 'Comma-separated' },
	{ name: 'active', label: 'Active', kind: 'options', options: activeOptions },
];

export const glAccountResource = defineResource('glAccount', 'GL account', [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many GL accounts',
		description: 'List ServiceTitan GL accounts (useful to check an account mapping)',
		operation: listOperation({ resource: 'glAccount', module: 'accounting', path: 'gl-accounts', filters: glAccountFilters }),
	},
]);
