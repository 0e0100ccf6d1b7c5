import { getOperation } from '../shared/operations';

export const getVendor = getOperation('vendor', 'Purchasing/Vendors', 'Vendor ID');
