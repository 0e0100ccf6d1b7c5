import { defineResource } from '../../../shared/operations';
import type { GpClient } from '../../transport';
import { createCustomer } from './create.operation';
import { getCustomer } from './get.operation';
import { getManyCustomers } from './getAll.operation';

export const customerResource = defineResource<GpClient>('customer', 'customer', [
	{ value: 'get', name: 'Get', action: 'Get a customer', description: 'Get one customer by ID', operation: getCustomer },
	{ value: 'getAll', name: 'Get Many', action: 'Get many customers', description: 'List the customers of the company', operation: getManyCustomers },
	{ value: 'create', name: 'Create', action: 'Create a customer', description: 'Create a customer', operation: createCustomer },
]);
