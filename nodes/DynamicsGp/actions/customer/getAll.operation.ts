import { listOperation } from '../shared/operations';

export const getManyCustomers = listOperation('customer', 'Sales/Customers');
