import type { IExecuteFunctions } from 'n8n-workflow';

import { postSalesDocuments } from '../../../shared/sync/postSalesDocuments';
import { sourceProperty } from '../../../shared/sync/source';
import type { BusinessCentralClient } from '../../transport';
import { BusinessCentralSalesDocuments } from '../../adapter/salesDocuments';
import { BUSINESS_CENTRAL } from '../../adapter/vocabulary';
import type { Operation } from '../shared/operation';

/** Every input invoice at once, through the sync engine: sales invoices, and credit memos for adjustments. */
export const postInvoice: Operation = {
	description: [sourceProperty(['postInvoice'])],
	async executeAll(this: IExecuteFunctions, client: BusinessCentralClient) {
		return await postSalesDocuments(this, new BusinessCentralSalesDocuments(client), BUSINESS_CENTRAL);
	},
};
