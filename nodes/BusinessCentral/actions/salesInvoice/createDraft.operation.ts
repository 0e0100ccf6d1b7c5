import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { vendorMessage } from '../../../shared/errors';
import { Decimal } from '../../../shared/money';
import type { BusinessCentralClient } from '../../transport';
import { setDimensions, type DimensionAssignment } from '../shared/dimensionSetLines';
import { customerLocator } from '../shared/locators';
import { showFor, type Operation } from '../shared/operation';
import { byId, CUSTOMERS, readLocator, requireGuid } from '../shared/records';
import { isoDate } from '../shared/values';
import { dimensionsProperty, linesProperty } from './fields';

const show = showFor('salesInvoice', 'createDraft');

const DATE_FIELDS: Record<string, string> = { invoiceDate: 'Invoice Date', postingDate: 'Posting Date', dueDate: 'Due Date' };

function lineBody(line: IDataObject, index: number): IDataObject {
	const label = `Line ${index + 1}`;
	const lineType = String(line.lineType ?? 'Item');
	const description = String(line.description ?? '').trim();
	if (lineType === 'Comment') {
		if (!description) throw new Error(`${label} is a comment without a description`);
		return { lineType, description };
	}
	const number = String(line.number ?? '').trim();
	if (!number) throw new Error(`${label} has no ${lineType === 'Account' ? 'G/L account' : 'item'} number`);
	const body: IDataObject = {
		lineType,
		lineObjectNumber: number,
		quantity: Decimal.parse(String(line.quantity ?? '1'), `${label} quantity`).toNumber(`${label} quantity`),
	};
	if (description) body.description = description;
	const unitPrice = String(line.unitPrice ?? '').trim();
	if (unitPrice) body.unitPrice = Decimal.parse(unitPrice, `${label} unit price`).toNumber(`${label} unit price`);
	return body;
}

function readDimensions(context: IExecuteFunctions, itemIndex: number): DimensionAssignment[] {
	const entries = ((context.getNodeParameter('dimensions', itemIndex, {}) as IDataObject).dimension as IDataObject[] | undefined) ?? [];
	const seen = new Set<string>();
	return entries.map((entry, index) => {
		const code = String(entry.code ?? '').trim();
		const valueCode = String(entry.valueCode ?? '').trim();
		if (!code || !valueCode) {
			throw new NodeOperationError(context.getNode(), `Dimension ${index + 1} needs both a dimension code and a value code`, { itemIndex });
		}
		if (seen.has(code.toUpperCase())) throw new NodeOperationError(context.getNode(), `Dimension ${code} is listed twice`, { itemIndex });
		seen.add(code.toUpperCase());
		return { code, valueCode };
	});
}

export const createDraft: Operation = {
	description: [
		customerLocator('salesInvoice', 'createDraft', 'customer'),
		{
			displayName: 'External Document Number',
			name: 'externalDocumentNumber',
			type: 'string',
			default: '',
			placeholder: 'ST-INV-88231',
			description: 'Your reference for the invoice (e.g. the ServiceTitan invoice number); search for it before creating to avoid duplicates',
			displayOptions: show,
		},
		linesProperty('createDraft'),
		dimensionsProperty('createDraft'),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show,
			options: [
				{ displayName: 'Currency Code', name: 'currencyCode', type: 'string', default: '', description: 'Empty for the local currency' },
				{ displayName: 'Customer PO Reference', name: 'customerPurchaseOrderReference', type: 'string', default: '', description: "The customer's purchase order number (Your Reference)" },
				{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', default: '', description: "Empty: from the customer's payment terms" },
				{ displayName: 'Invoice Date', name: 'invoiceDate', type: 'dateTime', default: '', description: 'Document date. Empty: the work date.' },
				{ displayName: 'Posting Date', name: 'postingDate', type: 'dateTime', default: '', description: 'Empty: the work date' },
			],
		},
	],
	async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
		const customer = readLocator(this, itemIndex, 'customer', CUSTOMERS);
		const body: IDataObject = byId(customer) ? { customerId: requireGuid(this, itemIndex, customer, CUSTOMERS) } : { customerNumber: customer.value };
		const externalDocumentNumber = (this.getNodeParameter('externalDocumentNumber', itemIndex, '') as string).trim();
		if (externalDocumentNumber) body.externalDocumentNumber = externalDocumentNumber;
		for (const [name, value] of Object.entries(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject)) {
			if (value === '' || value === undefined || value === null) continue;
			body[name] = DATE_FIELDS[name] ? isoDate(value, DATE_FIELDS[name]) : value;
		}
		const lines = ((this.getNodeParameter('lines', itemIndex, {}) as IDataObject).line as IDataObject[] | undefined) ?? [];
		if (lines.length) body.salesInvoiceLines = lines.map(lineBody);
		const dimensions = readDimensions(this, itemIndex);

		const path = await client.companyPath('salesInvoices');
		const created = await client.request<IDataObject>('POST', path, { body });
		const invoicePath = `${path}(${String(created.id)})`;
		try {
			await setDimensions(client, invoicePath, dimensions);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `Draft sales invoice ${String(created.number)} was created, but its dimensions could not be set: ${vendorMessage(error)}`, {
				itemIndex,
				description: `The draft (ID ${String(created.id)}) is in Business Central without the dimensions. Fix them there, or delete the draft before running again so it is not created twice.`,
			});
		}
		return await client.request<IDataObject>('GET', invoicePath, { qs: { $expand: 'salesInvoiceLines,dimensionSetLines' } });
	},
};
