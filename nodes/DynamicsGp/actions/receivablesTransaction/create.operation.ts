import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Decimal, formatMoney, MoneyError } from '../../../shared/money';
import { showFor, type Operation } from '../../../shared/operations';
import type { GpClient } from '../../transport';
import { additionalFieldsProperty, dayOf, idProperty, requiredText } from '../shared/operations';
import { documentTypeProperty, RECEIVABLES_PATH } from './fields';

const show = showFor('receivablesTransaction', 'create');

/** GP's document number limit (RM document numbers are 20 characters). */
const MAX_DOCUMENT_NUMBER = 20;

interface DistributionInput {
	accountId?: string;
	type?: string;
	debit?: string | number;
	credit?: string | number;
}


/** The distribution lines as GP takes them; debits and credits must balance. */
function distributionsOf(context: IExecuteFunctions, itemIndex: number, record: string): IDataObject[] {
	const lines = ((context.getNodeParameter('distributions', itemIndex, {}) as IDataObject).distribution ?? []) as DistributionInput[];
	let debits = Decimal.ZERO;
	let credits = Decimal.ZERO;
	const result = lines.map((line, index) => {
		const accountId = String(line.accountId ?? '').trim();
		if (!accountId) throw new NodeOperationError(context.getNode(), `${record}: distribution ${index + 1} has no "Account"; enter the GP account number (e.g. 4100-20)`, { itemIndex });
		const debit = formatMoney(line.debit === '' || line.debit === undefined ? 0 : line.debit, `Distributions[${index + 1}].Debit`);
		const credit = formatMoney(line.credit === '' || line.credit === undefined ? 0 : line.credit, `Distributions[${index + 1}].Credit`);
		debits = debits.add(debit);
		credits = credits.add(credit);
		return { AccountId: accountId, Type: line.type ?? 'Sales', Debit: debit, Credit: credit };
	});
	if (!debits.eq(credits)) {
		throw new NodeOperationError(
			context.getNode(),
			`${record}: the distributions do not balance (debits ${debits.toFixed(2)}, credits ${credits.toFixed(2)}); GP only saves balanced distributions — add the receivables line or correct the amounts`,
			{ itemIndex },
		);
	}
	return result;
}

export const createReceivablesTransaction: Operation<GpClient> = {
	description: [
		documentTypeProperty('create'),
		idProperty('receivablesTransaction', 'create', 'Document Number', 'Unique per document type: GP refuses a number it already has (at most 20 characters)'),
		{ displayName: 'Customer ID', name: 'customerId', type: 'string', required: true, default: '', displayOptions: show },
		{ displayName: 'Document Date', name: 'documentDate', type: 'dateTime', required: true, default: '', description: 'Must fall in a fiscal period open for Sales', displayOptions: show },
		{ displayName: 'Amount', name: 'amount', type: 'string', required: true, default: '', placeholder: '125.00', description: 'The sales amount, a decimal with at most 2 decimals', displayOptions: show },
		{
			displayName: 'Distributions',
			name: 'distributions',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Distribution',
			default: {},
			description: 'GL distribution lines; empty lets GP take the customer\'s default accounts',
			displayOptions: show,
			options: [
				{
					displayName: 'Distribution',
					name: 'distribution',
					values: [
						{ displayName: 'Account', name: 'accountId', type: 'string', default: '', placeholder: '4100-20', description: 'Account number with its segments (account-department)' },
						{ displayName: 'Credit', name: 'credit', type: 'string', default: '' },
						{ displayName: 'Debit', name: 'debit', type: 'string', default: '' },
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: [
								{ name: 'Receivables', value: 'Receivables' },
								{ name: 'Sales', value: 'Sales' },
							],
							default: 'Sales',
						},
					],
				},
			],
		},
		additionalFieldsProperty('receivablesTransaction', 'create', [
			{ displayName: 'Batch ID', name: 'batchId', type: 'string', default: '', description: 'The unposted batch to save into; empty uses GP\'s integration batch' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		]),
	],
	async execute(client, itemIndex) {
		const number = requiredText(this, 'id', itemIndex, 'Document Number', 'Create receivables transaction');
		const record = `Receivables transaction ${number}`;
		if (number.length > MAX_DOCUMENT_NUMBER) {
			throw new NodeOperationError(this.getNode(), `${record}: "Document Number" has ${number.length} characters; GP allows at most ${MAX_DOCUMENT_NUMBER}. Shorten it.`, { itemIndex });
		}
		const customerId = requiredText(this, 'customerId', itemIndex, 'Customer ID', record);
		const documentDate = dayOf(this.getNodeParameter('documentDate', itemIndex));
		if (!documentDate) throw new NodeOperationError(this.getNode(), `${record}: "Document Date" is not a date; enter one like 2026-11-15`, { itemIndex });
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		let body: IDataObject;
		try {
			body = {
				DocumentType: this.getNodeParameter('documentType', itemIndex) as string,
				DocumentNumber: number,
				CustomerId: customerId,
				DocumentDate: documentDate,
				SalesAmount: formatMoney(String(this.getNodeParameter('amount', itemIndex) ?? '').trim(), 'Amount'),
				Distributions: distributionsOf(this, itemIndex, record),
				...(extra.batchId ? { BatchId: extra.batchId } : {}),
				...(extra.description ? { Description: extra.description } : {}),
			};
		} catch (error) {
			if (error instanceof MoneyError) throw new NodeOperationError(this.getNode(), `${record}: ${error.message}`, { itemIndex });
			throw error;
		}
		return await client.create(RECEIVABLES_PATH, body);
	},
};
