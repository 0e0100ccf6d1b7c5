import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ServiceTitanClient } from '../../transport';
import { readRecordId } from '../shared/get';
import { customerLocator } from '../shared/locators';
import { showFor, type Operation } from '../shared/operation';
import { ADDRESS_KEYS, addressFields, customerTypeOptions } from './fields';

const show = showFor('customer', 'update');

export const update: Operation = {
	description: [
		customerLocator('customer', 'update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show,
			options: [
				{ displayName: 'Active', name: 'active', type: 'boolean', default: true },
				{ displayName: 'Do Not Mail', name: 'doNotMail', type: 'boolean', default: false },
				{ displayName: 'Do Not Service', name: 'doNotService', type: 'boolean', default: false },
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Tax Exempt', name: 'taxExempt', type: 'boolean', default: false },
				{ displayName: 'Type', name: 'type', type: 'options', options: customerTypeOptions, default: 'Residential' },
			],
		},
		{
			displayName: 'Address',
			name: 'address',
			type: 'collection',
			placeholder: 'Add Address Field',
			default: {},
			description: 'Replaces the bill-to address when any field is set',
			displayOptions: show,
			options: addressFields,
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
		const id = readRecordId(this, itemIndex, 'customer');
		const body: IDataObject = { ...(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject) };
		const address = this.getNodeParameter('address', itemIndex, {}) as IDataObject;
		if (Object.keys(address).length > 0) {
			body.address = Object.fromEntries(ADDRESS_KEYS.map((key) => [key, String(address[key] ?? '')]));
		}
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), `Nothing to update on customer ${id}: add at least one field`, { itemIndex });
		}
		return await client.request<IDataObject>('PATCH', 'crm', `customers/${id}`, { body });
	},
};
