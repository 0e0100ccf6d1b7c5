import { containsFilter, equalsFilter } from '../shared/filters';
import { getByAccountOperation } from '../shared/get';
import { listOperation } from '../shared/list';
import { vendorLocator } from '../shared/locators';
import { defineResource } from '../shared/operation';
import { upsert } from './upsert.operation';

export const vendorResource = defineResource('vendor', 'vendor', [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a vendor',
		description: 'Get one vendor by account',
		operation: getByAccountOperation({ set: 'VendorsV2', keyField: 'VendorAccountNumber', noun: 'vendor', locator: vendorLocator('vendor', 'get', 'id') }),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many vendors',
		description: 'List vendors with filters',
		operation: listOperation({
			resource: 'vendor',
			set: 'VendorsV2',
			companyScoped: true,
			filters: [
				equalsFilter('vendorAccount', 'Vendor Account', 'VendorAccountNumber', 'US-101'),
				equalsFilter('vendorGroup', 'Vendor Group', 'VendorGroupId', '10'),
				containsFilter('nameContains', 'Name Contains', 'VendorOrganizationName'),
			],
		}),
	},
	{
		value: 'upsert',
		name: 'Create or Update',
		action: 'Create or update a vendor by account',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		operation: upsert,
	},
]);
