import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { takeRecords } from '../../../shared/paging';
import type { FinanceOperationsClient } from '../../transport';
import { showFor, type Operation } from '../shared/operation';

export const get: Operation = {
	description: [
		{
			displayName: 'Invoice Identifier',
			name: 'invoiceIdentifier',
			type: 'string',
			required: true,
			default: '',
			placeholder: '5637144576',
			description: 'The header\'s InvoiceIdentifier (a RecId, returned by Create)',
			displayOptions: showFor('freeTextInvoice', 'get'),
		},
	],
	async execute(this: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number) {
		const text = String(this.getNodeParameter('invoiceIdentifier', itemIndex, '')).trim();
		if (!/^\d+$/.test(text)) throw new NodeOperationError(this.getNode(), `"${text}" is not a free text invoice identifier: it is a whole number such as 5637144576`, { itemIndex });
		const invoiceIdentifier = Number(text);
		const header = await client.getByKey<IDataObject>('FreeTextInvoiceHeaders', { InvoiceIdentifier: invoiceIdentifier });
		const lines = await takeRecords(client.list<IDataObject>('FreeTextInvoiceLines', { companyScoped: true, filter: `ParentRecId eq ${invoiceIdentifier}`, orderby: 'LineNumber' }));
		return { ...header, lines };
	},
};
