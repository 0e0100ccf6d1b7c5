import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { BusinessCentralClient } from '../../transport';
import { salesInvoiceLocator } from '../shared/locators';
import type { Operation } from '../shared/operation';
import { findRecordId, SALES_INVOICES } from '../shared/records';

export const post: Operation = {
	description: [salesInvoiceLocator('salesInvoice', 'post')],
	async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
		const id = await findRecordId(this, client, itemIndex, 'id', SALES_INVOICES);
		const invoicePath = `${await client.companyPath('salesInvoices')}(${id})`;
		await client.request('POST', `${invoicePath}/Microsoft.NAV.post`);
		// Posting keeps the ID but gives the invoice its posted number and status.
		return await client.request<IDataObject>('GET', invoicePath);
	},
};
