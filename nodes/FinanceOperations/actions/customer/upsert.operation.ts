import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FinanceOperationsClient } from '../../transport';
import { showFor, type Operation } from '../shared/operation';
import { upsertByAccount } from '../shared/upsert';
import { bodyFromFields } from '../shared/values';
import { customerFields, customerMoneyFields } from './fields';

const show = showFor('customer', 'upsert');

export const upsert: Operation = {
	description: [
		{ displayName: 'Customer Account', name: 'account', type: 'string', required: true, default: '', placeholder: 'ST-10042', description: 'The account to look for; a new customer gets this account', displayOptions: show },
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The organization name (required for a new organization)', displayOptions: show },
		{ displayName: 'Customer Group', name: 'customerGroup', type: 'string', default: '', placeholder: '30', description: 'Required for a new customer', displayOptions: show },
		{ displayName: 'Currency', name: 'currency', type: 'string', default: '', placeholder: 'USD', description: 'Sales currency; required for a new customer', displayOptions: show },
		{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: show, options: customerFields },
	],
	async execute(this: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number) {
		const account = (this.getNodeParameter('account', itemIndex, '') as string).trim();
		if (!account) throw new NodeOperationError(this.getNode(), 'The customer account is empty', { itemIndex });
		const fields = bodyFromFields(
			this,
			itemIndex,
			{
				OrganizationName: this.getNodeParameter('name', itemIndex, ''),
				CustomerGroupId: this.getNodeParameter('customerGroup', itemIndex, ''),
				SalesCurrencyCode: this.getNodeParameter('currency', itemIndex, ''),
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			},
			customerMoneyFields,
		);
		return await upsertByAccount(this, client, itemIndex, { set: 'CustomersV3', keyField: 'CustomerAccount', noun: 'customer', requiredOnCreate: { CustomerGroupId: 'Customer Group', SalesCurrencyCode: 'Currency' } }, account, fields);
	},
};
