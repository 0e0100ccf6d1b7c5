import type { IExecuteFunctions } from 'n8n-workflow';

import { sourceProperty } from '../../../shared/sync/source';
import { upsertCustomers } from '../../../shared/sync/upsertCustomers';
import { BusinessCentralCustomers } from '../../adapter/customers';
import { BUSINESS_CENTRAL } from '../../adapter/vocabulary';
import type { BusinessCentralClient } from '../../transport';
import type { Operation } from '../shared/operation';

/** Every input customer at once, through the sync engine: created or updated once per customer number. */
export const upsertCustomer: Operation = {
	description: [sourceProperty(['upsertCustomer'])],
	async executeAll(this: IExecuteFunctions, client: BusinessCentralClient) {
		return await upsertCustomers(this, new BusinessCentralCustomers(client), BUSINESS_CENTRAL);
	},
};
