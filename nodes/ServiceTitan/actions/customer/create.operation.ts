import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ServiceTitanClient } from '../../transport';
import { showFor, type Operation } from '../shared/operation';
import { ADDRESS_KEYS, addressFields, customerTypeOptions } from './fields';

const show = showFor('customer', 'create');

export const create: Operation = {
	description: [
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', displayOptions: show },
		{ displayName: 'Type', name: 'type', type: 'options', options: customerTypeOptions, default: 'Residential', displayOptions: show },
		{
			displayName: 'Address',
			name: 'address',
			type: 'collection',
			placeholder: 'Add Address Field',
			default: {},
			description: 'Bill-to address; also used for the first service location',
			displayOptions: show,
			options: addressFields,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show,
			options: [
				{ displayName: 'Do Not Mail', name: 'doNotMail', type: 'boolean', default: false },
				{ displayName: 'Do Not Service', name: 'doNotService', type: 'boolean', default: false },
				{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
				{ displayName: 'Location Name', name: 'locationName', type: 'string', default: '', description: 'Name of the first service location (defaults to the customer name)' },
				{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
				{ displayName: 'Tax Exempt', name: 'taxExempt', type: 'boolean', default: false },
			],
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
		const name = (this.getNodeParameter('name', itemIndex) as string).trim();
		if (!name) throw new NodeOperationError(this.getNode(), 'The customer name is empty', { itemIndex });
		const type = this.getNodeParameter('type', itemIndex) as string;
		const addressInput = this.getNodeParameter('address', itemIndex, {}) as IDataObject;
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const address = Object.fromEntries(ADDRESS_KEYS.map((key) => [key, String(addressInput[key] ?? '')]));
		const contacts = [
			...(extra.email ? [{ type: 'Email', value: extra.email }] : []),
			...(extra.phone ? [{ type: 'Phone', value: extra.phone }] : []),
		];
		const body = {
			name,
			type,
			address,
			locations: [{ name: (extra.locationName as string) || name, address }],
			contacts,
			doNotMail: extra.doNotMail ?? false,
			doNotService: extra.doNotService ?? false,
			taxExempt: extra.taxExempt ?? false,
		};
		return await client.request<IDataObject>('POST', 'crm', 'customers', { body });
	},
};
