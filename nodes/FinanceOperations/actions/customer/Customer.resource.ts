import { containsFilter, equalsFilter } from '../shared/filters';
import { getByAccountOperation } from '../shared/get';
import { listOperation } from '../shared/list';
import { customerLocator } from '../shared/locators';
import { defineResource } from '../shared/operation';
import { upsert } from './upsert.operation';

export const customerResource = defineResource('customer', 'customer', [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a customer',
		description: 'Get one customer by account',
		operation: getByAccountOperation({ set: 'CustomersV3', keyField: 'CustomerAccount', noun: 'customer', locator: customerLocator('customer', 'get', 'id') }),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many customers',
		description: 'List customers with filters',
		operation: listOperation({
			resource: 'customer',
			set: 'CustomersV3',
			companyScoped: true,
			filters: [
				equalsFilter('customerAccount', 'Customer Account', 'CustomerAccount', 'US-001'),
				equalsFilter('customerGroup', 'Customer Group', 'CustomerGroupId', '30'),
				containsFilter('nameContains', 'Name Contains', 'OrganizationName'),
			],
		}),
	},
	{
		value: 'upsert',
		name: 'Create or Update',
		action: 'Create or update a customer by account',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		operation: upsert,
	},
]);
