import { defineResource } from '../../../shared/operations';
import type { GpClient } from '../../transport';
import { getVendor } from './get.operation';
import { getManyVendors } from './getAll.operation';

export const vendorResource = defineResource<GpClient>('vendor', 'vendor', [
	{ value: 'get', name: 'Get', action: 'Get a vendor', description: 'Get one vendor by ID', operation: getVendor },
	{ value: 'getAll', name: 'Get Many', action: 'Get many vendors', description: 'List the vendors of the company', operation: getManyVendors },
]);
