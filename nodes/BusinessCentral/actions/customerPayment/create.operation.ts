import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { money } from '../../../shared/money';
import { isGuid } from '../../../shared/odata';
import type { BusinessCentralClient } from '../../transport';
import { paymentJournalLocator } from '../shared/locators';
import { showFor, type Operation } from '../shared/operation';
import { isoDate } from '../shared/values';
import { paymentsPath } from './journal';

const show = showFor('customerPayment', 'create');

export const create: Operation = {
	description: [
		paymentJournalLocator('customerPayment', 'create'),
		{
			displayName: 'Customer Number',
			name: 'customerNumber',
			type: 'string',
			default: '',
			placeholder: 'C00010',
			description: "Empty: Business Central takes the customer from the applied invoice",
			displayOptions: show,
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			required: true,
			default: '',
			placeholder: '250.00',
			description:
				'A decimal number with at most 2 decimals (e.g. 250.00). Business Central wants a <b>negative</b> amount for a customer payment (a receipt credits the customer); a positive one is accepted here but fails when the journal is posted.',
			displayOptions: show,
		},
		{
			displayName: 'Amount Is a Receipt (Make Negative)',
			name: 'amountIsReceipt',
			type: 'boolean',
			default: true,
			description: 'Whether the amount is money received, sent to Business Central as a negative number whatever sign it was entered with. Turn off to send the amount exactly as entered (e.g. a refund).',
			displayOptions: show,
		},
		{
			displayName: 'Posting Date',
			name: 'postingDate',
			type: 'dateTime',
			default: '',
			description: 'Empty: the work date',
			displayOptions: show,
		},
		{
			displayName: 'Applies-To Invoice',
			name: 'appliesToInvoice',
			type: 'string',
			default: '',
			placeholder: 'PS-INV103001',
			description: 'The posted sales invoice this payment pays: its number or its ID. Drafts cannot be applied.',
			displayOptions: show,
		},
		{
			displayName: 'External Document Number',
			name: 'externalDocumentNumber',
			type: 'string',
			default: '',
			placeholder: 'ST-PMT-5521',
			description: 'Your reference for the payment, e.g. the ServiceTitan payment ID',
			displayOptions: show,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show,
			options: [
				{ displayName: 'Comment', name: 'comment', type: 'string', default: '' },
				{ displayName: 'Description', name: 'description', type: 'string', default: '', description: "Empty: the customer's name" },
				{ displayName: 'Document Number', name: 'documentNumber', type: 'string', default: '', description: "Empty: the next number of the journal's number series" },
			],
		},
	],
	async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
		let amount = money(this.getNodeParameter('amount', itemIndex, '') as string, 'Amount');
		if (this.getNodeParameter('amountIsReceipt', itemIndex, true) as boolean) amount = amount.abs().neg();
		const body: IDataObject = { amount: amount.toNumber('Amount') };
		const customerNumber = (this.getNodeParameter('customerNumber', itemIndex, '') as string).trim();
		if (customerNumber) body.customerNumber = customerNumber;
		const postingDate = this.getNodeParameter('postingDate', itemIndex, '') as string;
		if (postingDate) body.postingDate = isoDate(postingDate, 'Posting Date');
		const invoice = (this.getNodeParameter('appliesToInvoice', itemIndex, '') as string).trim();
		if (invoice) body[isGuid(invoice) ? 'appliesToInvoiceId' : 'appliesToInvoiceNumber'] = invoice;
		const externalDocumentNumber = (this.getNodeParameter('externalDocumentNumber', itemIndex, '') as string).trim();
		if (externalDocumentNumber) body.externalDocumentNumber = externalDocumentNumber;
		for (const [name, value] of Object.entries(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject)) {
			if (typeof value === 'string' && value.trim()) body[name] = value.trim();
		}
		return await client.request<IDataObject>('POST', await paymentsPath(this, client, itemIndex), { body });
	},
};
