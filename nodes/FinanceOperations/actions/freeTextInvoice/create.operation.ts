import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FinanceOperationsClient } from '../../transport';
import { createHeaderWithLines } from '../shared/documents';
import { additionalFieldsProperty, linesProperty, quantityAndPrice, readLines } from '../shared/documentFields';
import { dimensionsProperty, readDimensions } from '../shared/dimensionValues';
import { customerLocator, readKey } from '../shared/locators';
import { showFor, type Operation } from '../shared/operation';
import { bodyFromFields, dateTime } from '../shared/values';

const show = showFor('freeTextInvoice', 'create');


export const create: Operation = {
	description: [
		customerLocator('freeTextInvoice', 'create'),
		{ displayName: 'Invoice Date', name: 'invoiceDate', type: 'dateTime', default: '', description: 'Empty: today in F&O', displayOptions: show },
		{
			displayName: 'Customer Reference',
			name: 'customerReference',
			type: 'string',
			default: '',
			placeholder: 'ST-INV-88812',
			description: 'Your reference for the invoice (the sync puts the ServiceTitan reference here and looks invoices up by it)',
			displayOptions: show,
		},
		dimensionsProperty('freeTextInvoice', 'create'),
		linesProperty(
			'freeTextInvoice',
			'create',
			[
				{ displayName: 'Item Sales Tax Group', name: 'salesTaxItemGroup', type: 'string', default: '' },
				{ displayName: 'Main Account', name: 'mainAccount', type: 'string', default: '', placeholder: '401100', description: 'The revenue main account, without dimensions' },
				{ displayName: 'Sales Tax Group', name: 'salesTaxGroup', type: 'string', default: '' },
			],
			'1850.00',
		),
		additionalFieldsProperty('freeTextInvoice', 'create', [
			{ displayName: 'Currency', name: 'CurrencyCode', type: 'string', default: '', placeholder: 'USD', description: "Empty: the customer's currency" },
			{ displayName: 'Due Date', name: 'DueDate', type: 'dateTime', default: '' },
			{ displayName: 'Invoice Account', name: 'InvoiceAccount', type: 'string', default: '', description: "Empty: the customer's invoice account" },
			{ displayName: 'Method of Payment', name: 'MethodOfPayment', type: 'string', default: '' },
			{ displayName: 'Sales Tax Group', name: 'SalesTaxGroupId', type: 'string', default: '' },
			{ displayName: 'Terms of Payment', name: 'TermsOfPayment', type: 'string', default: '' },
		]),
	],
	async execute(this: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number) {
		const customer = readKey(this, itemIndex, 'customerAccount', 'customer');
		const label = `free text invoice for customer ${customer}`;
		const lineBodies = readLines(this, itemIndex, label).map((line, index): IDataObject => {
			const mainAccount = String(line.mainAccount ?? '').trim();
			if (!mainAccount) throw new NodeOperationError(this.getNode(), `Line ${index + 1} Main Account of the ${label} is empty`, { itemIndex });
			const { quantity, unitPrice } = quantityAndPrice(this, itemIndex, line, index, label);
			return {
				LineNumber: index + 1,
				Description: String(line.description ?? ''),
				MainAccountDisplayValue: mainAccount,
				Quantity: quantity,
				UnitPrice: unitPrice,
				...bodyFromFields(this, itemIndex, { DefaultDimensionDisplayValue: line.dimensionDisplayValue, SalesTaxGroupId: line.salesTaxGroup, SalesTaxItemGroupId: line.salesTaxItemGroup }),
			};
		});
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const dimensions = await readDimensions(this, client, itemIndex, `the ${label}`);
		const header: IDataObject = {
			CustomerAccount: customer,
			...bodyFromFields(this, itemIndex, {
				InvoiceDate: dateTime(this.getNodeParameter('invoiceDate', itemIndex, '')),
				CustomerReference: this.getNodeParameter('customerReference', itemIndex, ''),
				DefaultDimensionDisplayValue: dimensions,
				...additional,
				DueDate: dateTime(additional.DueDate),
			}),
		};
		return await createHeaderWithLines(this, client, itemIndex, {
			label,
			headerSet: 'FreeTextInvoiceHeaders',
			header,
			headerKey: (created) => ({ InvoiceIdentifier: Number(created.InvoiceIdentifier) }),
			lineSet: 'FreeTextInvoiceLines',
			lines: (created) =>
				lineBodies.map((line) => ({
					...line,
					ParentRecId: Number(created.InvoiceIdentifier),
					...(line.DefaultDimensionDisplayValue === undefined && dimensions !== undefined ? { DefaultDimensionDisplayValue: dimensions } : {}),
				})),
			lineLabel: (line, index) => `line ${index + 1} (main account ${String(line.MainAccountDisplayValue)})`,
		});
	},
};
