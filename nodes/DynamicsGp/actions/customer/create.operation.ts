import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showFor, type Operation } from '../../../shared/operations';
import type { GpClient } from '../../transport';
import { additionalFieldsProperty, idProperty, requiredText } from '../shared/operations';

const show = showFor('customer', 'create');

export const createCustomer: Operation<GpClient> = {
	description: [
		idProperty('customer', 'create', 'Customer ID', 'The new customer\'s ID in GP (at most 15 characters)'),
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', displayOptions: show },
		additionalFieldsProperty('customer', 'create', [
			{ displayName: 'Class ID', name: 'classId', type: 'string', default: '', description: 'The customer class whose defaults (accounts, terms) GP applies' },
			{ displayName: 'Currency ID', name: 'currencyId', type: 'string', default: '', placeholder: 'Z-US$' },
		]),
	],
	async execute(client, itemIndex) {
		const id = requiredText(this, 'id', itemIndex, 'Customer ID', 'Create customer');
		if (id.length > 15) {
			throw new NodeOperationError(this.getNode(), `Create customer ${id}: "Customer ID" has ${id.length} characters; GP allows at most 15. Shorten it (or map a shorter ID).`, {
				itemIndex,
			});
		}
		const name = requiredText(this, 'name', itemIndex, 'Name', `Create customer ${id}`);
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const record: IDataObject = { Id: id, Name: name };
		if (extra.classId) record.ClassId = extra.classId;
		if (extra.currencyId) record.CurrencyId = extra.currencyId;
		return await client.create('Sales/Customers', record);
	},
};
