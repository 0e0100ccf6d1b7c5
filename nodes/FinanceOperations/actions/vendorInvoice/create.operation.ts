import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { odataString } from '../../../shared/odata';
import type { FinanceOperationsClient } from '../../transport';
import { createHeaderWithLines } from '../shared/documents';
import { additionalFieldsProperty, linesProperty, quantityAndPrice, readLines } from '../shared/documentFields';
import { dimensionsProperty, readDimensions } from '../shared/dimensionValues';
import { readKey, vendorLocator } from '../shared/locators';
import { headerReferenceProperty } from './fields';
import { showFor, type Operation } from '../shared/operation';
import { bodyFromFields, dateTime } from '../shared/values';

const show = showFor('vendorInvoice', 'create');


export const create: Operation = {
	description: [
		vendorLocator('vendorInvoice', 'create'),
		headerReferenceProperty('create', "Your own unique reference for this invoice (the sync uses the ServiceTitan bill's); it ties the lines to the header and finds the invoice again"),
		{ displayName: 'Invoice Number', name: 'invoiceNumber', type: 'string', required: true, default: '', placeholder: 'SUP-2026-0412', description: "The vendor's invoice number", displayOptions: show },
		{ displayName: 'Invoice Date', name: 'invoiceDate', type: 'dateTime', default: '', displayOptions: show },
		dimensionsProperty('vendorInvoice', 'create'),
		linesProperty(
			'vendorInvoice',
			'create',
			[
				{ displayName: 'Item Number', name: 'itemNumber', type: 'string', default: '', description: 'For stocked items' },
				{ displayName: 'Main Account', name: 'mainAccount', type: 'string', default: '', placeholder: '600100', description: 'A non-PO line carries a procurement category or a main account' },
				{ displayName: 'Procurement Category', name: 'procurementCategory', type: 'string', default: '', placeholder: 'Subcontract' },
			],
			'420.00',
		),
		additionalFieldsProperty('vendorInvoice', 'create', [
			{ displayName: 'Currency', name: 'Currency', type: 'string', default: '', placeholder: 'USD', description: "Empty: the vendor's currency" },
			{ displayName: 'Description', name: 'InvoiceDescription', type: 'string', default: '' },
			{ displayName: 'Due Date', name: 'DueDate', type: 'dateTime', default: '' },
			{ displayName: 'Posting Date', name: 'Date', type: 'dateTime', default: '' },
			{ displayName: 'Terms of Payment', name: 'TermsOfPayment', type: 'string', default: '' },
		]),
	],
	async execute(this: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number) {
		const vendor = readKey(this, itemIndex, 'vendorAccount', 'vendor');
		const headerReference = String(this.getNodeParameter('headerReference', itemIndex, '')).trim();
		const invoiceNumber = String(this.getNodeParameter('invoiceNumber', itemIndex, '')).trim();
		if (!headerReference) throw new NodeOperationError(this.getNode(), `The header reference of the vendor invoice for vendor ${vendor} is empty`, { itemIndex });
		const label = `vendor invoice ${headerReference} of vendor ${vendor}`;
		if (!invoiceNumber) throw new NodeOperationError(this.getNode(), `The invoice number of the ${label} is empty`, { itemIndex });
		const lineBodies = readLines(this, itemIndex, label).map((line, index): IDataObject => {
			const { quantity, unitPrice } = quantityAndPrice(this, itemIndex, line, index, label);
			return {
				InvoiceLineNumber: index + 1,
				ReceiveNow: quantity,
				UnitPrice: unitPrice,
				...bodyFromFields(this, itemIndex, {
					LineDescription: line.description,
					ProcurementCategoryName: line.procurementCategory,
					MainAccountDisplayValue: line.mainAccount,
					ItemNumber: line.itemNumber,
					DimensionDisplayValue: line.dimensionDisplayValue,
				}),
			};
		});
		const existing = await client.findOne<IDataObject>('VendorInvoiceHeaders', `HeaderReference eq ${odataString(headerReference)}`);
		if (existing) {
			throw new NodeOperationError(this.getNode(), `The ${label} already exists in F&O (invoice number ${String(existing.InvoiceNumber)}): it was not created again`, {
				itemIndex,
				description: 'Each vendor invoice needs its own header reference. Use Vendor Invoice → Get to read the existing one.',
			});
		}
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const dimensions = await readDimensions(this, client, itemIndex, `the ${label}`);
		const header: IDataObject = {
			HeaderReference: headerReference,
			InvoiceNumber: invoiceNumber,
			VendorAccount: vendor,
			...bodyFromFields(this, itemIndex, {
				InvoiceDate: dateTime(this.getNodeParameter('invoiceDate', itemIndex, '')),
				DimensionDisplayValue: dimensions,
				...additional,
				DueDate: dateTime(additional.DueDate),
				Date: dateTime(additional.Date),
			}),
		};
		const currency = typeof header.Currency === 'string' ? header.Currency : undefined;
		return await createHeaderWithLines(this, client, itemIndex, {
			label,
			headerSet: 'VendorInvoiceHeaders',
			header,
			headerKey: () => ({ HeaderReference: headerReference }),
			lineSet: 'VendorInvoiceLines',
			lines: (created) =>
				lineBodies.map((line) => ({
					...line,
					HeaderReference: headerReference,
					Currency: currency ?? String(created.Currency ?? ''),
					...(line.DimensionDisplayValue === undefined && dimensions !== undefined ? { DimensionDisplayValue: dimensions } : {}),
				})),
			lineLabel: (line, index) => `line ${index + 1}${line.LineDescription ? ` (${String(line.LineDescription)})` : ''}`,
		});
	},
};
