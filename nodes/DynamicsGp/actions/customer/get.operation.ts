import { getOperation } from '../shared/operations';

export const getCustomer = getOperation('customer', 'Sales/Customers', 'Customer ID');
