import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { odataString } from '../../../shared/odata';
import { takeRecords } from '../../../shared/paging';
import type { FinanceOperationsClient } from '../../transport';
import { type Operation } from '../shared/operation';
import { headerReferenceProperty } from './fields';

export const get: Operation = {
	description: [
		headerReferenceProperty('get', 'The reference the invoice was created with'),
	],
	async execute(this: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number) {
		const headerReference = String(this.getNodeParameter('headerReference', itemIndex, '')).trim();
		if (!headerReference) throw new NodeOperationError(this.getNode(), 'The header reference is empty', { itemIndex });
		const header = await client.getByKey<IDataObject>('VendorInvoiceHeaders', { HeaderReference: headerReference });
		const lines = await takeRecords(
			client.list<IDataObject>('VendorInvoiceLines', { companyScoped: true, filter: `HeaderReference eq ${odataString(headerReference)}`, orderby: 'InvoiceLineNumber' }),
		);
		return { ...header, lines };
	},
};
