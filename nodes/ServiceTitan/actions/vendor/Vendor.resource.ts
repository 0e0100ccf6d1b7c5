import { activeOptions, idsFilter, modifiedBeforeFilter, modifiedOnOrAfterFilter, type FilterField } from '../shared/filters';
import { RECORD_LOOKUPS } from '../shared/byIds';
import { getOperation } from '../shared/get';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';

const vendorFilters: FilterField[] = [
	{ ...idsFilter, listFormat: 'repeat' },
	modifiedOnOrAfterFilter,
	modifiedBeforeFilter,
	{ name: 'active', label: 'Active', kind: 'options', options: activeOptions },
];

export const vendorResource = defineResource('vendor', 'vendor', [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a vendor',
		description: 'Get one vendor by ID',
		operation: getOperation({ resource: 'vendor', noun: 'vendor', lookup: RECORD_LOOKUPS.vendor, canonical: 'vendor' }),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many vendors',
		description: 'List vendors with filters',
		operation: listOperation({ resource: 'vendor', module: 'inventory', path: 'vendors', filters: vendorFilters, canonical: 'vendor' }),
	},
]);
