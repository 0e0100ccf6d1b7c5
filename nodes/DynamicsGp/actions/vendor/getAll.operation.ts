import { listOperation } from '../shared/operations';

export const getManyVendors = listOperation('vendor', 'Purchasing/Vendors');
