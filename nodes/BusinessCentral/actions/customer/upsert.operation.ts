import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BusinessCentralClient } from '../../transport';
import { patchWithEtag } from '../shared/etag';
import { showFor, type Operation } from '../shared/operation';
import { CUSTOMERS, describeRecord, etagOf } from '../shared/records';
import { bodyFromFields } from '../shared/write';
import { customerFields, customerMoneyFields } from './fields';

const show = showFor('customer', 'upsert');

export const upsert: Operation = {
	description: [
		{
			displayName: 'Number',
			name: 'number',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'C00010',
			description: 'The customer number to look for; a new customer gets this number',
			displayOptions: show,
		},
		{ displayName: 'Display Name', name: 'displayName', type: 'string', required: true, default: '', description: "The customer's name", displayOptions: show },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show,
			options: customerFields.filter((field) => field.name !== 'number').sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	],
	async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
		const number = (this.getNodeParameter('number', itemIndex, '') as string).trim();
		const displayName = (this.getNodeParameter('displayName', itemIndex, '') as string).trim();
		if (!number) throw new NodeOperationError(this.getNode(), 'The customer number is empty', { itemIndex });
		if (!displayName) throw new NodeOperationError(this.getNode(), `The display name for customer ${number} is empty`, { itemIndex });
		const body: IDataObject = {
			displayName,
			...bodyFromFields(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, customerMoneyFields),
		};
		const path = await client.companyPath('customers');
		const existing = await client.findBy<IDataObject>(path, 'number', number);
		if (!existing) return await client.request<IDataObject>('POST', path, { body: { number, ...body } });
		return await patchWithEtag(this, client, itemIndex, {
			path: `${path}(${String(existing.id)})`,
			body,
			etag: etagOf(existing),
			label: describeRecord(CUSTOMERS, existing),
		});
	},
};
