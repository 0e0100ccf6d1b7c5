import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FinanceOperationsClient } from '../../transport';
import { showFor, type Operation } from '../shared/operation';
import { upsertByAccount } from '../shared/upsert';
import { bodyFromFields } from '../shared/values';

const show = showFor('vendor', 'upsert');

export const upsert: Operation = {
	description: [
		{ displayName: 'Vendor Account', name: 'account', type: 'string', required: true, default: '', placeholder: 'ST-V-2001', description: 'The account to look for; a new vendor gets this account', displayOptions: show },
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The vendor organization name (required for a new vendor)', displayOptions: show },
		{ displayName: 'Vendor Group', name: 'vendorGroup', type: 'string', default: '', placeholder: '10', description: 'Required for a new vendor', displayOptions: show },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show,
			options: [
				{ displayName: 'Currency', name: 'CurrencyCode', type: 'string', default: '', placeholder: 'USD' },
				{ displayName: 'Default Dimension Display Value', name: 'DefaultDimensionDisplayValue', type: 'string', default: '', placeholder: '001-022', description: 'Financial dimensions in the active default format (see Dimension → Get Format)' },
			],
		},
	],
	async execute(this: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number) {
		const account = (this.getNodeParameter('account', itemIndex, '') as string).trim();
		if (!account) throw new NodeOperationError(this.getNode(), 'The vendor account is empty', { itemIndex });
		const fields = bodyFromFields(this, itemIndex, {
			VendorOrganizationName: this.getNodeParameter('name', itemIndex, ''),
			VendorGroupId: this.getNodeParameter('vendorGroup', itemIndex, ''),
			...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		});
		return await upsertByAccount(this, client, itemIndex, { set: 'VendorsV2', keyField: 'VendorAccountNumber', noun: 'vendor', requiredOnCreate: { VendorOrganizationName: 'Name', VendorGroupId: 'Vendor Group' } }, account, fields);
	},
};
