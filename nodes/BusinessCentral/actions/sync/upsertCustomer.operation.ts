import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { applyNamingRule } from '../../../shared/mapping';
import type { BusinessCentralClient } from '../../transport';
import type { Operation } from '../shared/operation';
import { etagOf } from '../shared/records';
import { businessCentralCustomer, changedFields } from './customerFields';
import { sourceProperty, readSource } from '../../../shared/sync/source';

export const upsertCustomer: Operation = {
	description: [sourceProperty(['upsertCustomer'])],
	async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
		const { document: customer, mapped } = readSource(this, itemIndex, 'customer');
		const rule = this.getNodeParameter('customerNumberRule', itemIndex, 'ST-{id}') as string;
		const number = String(mapped.customerNumber ?? applyNamingRule(rule, { id: customer.id, name: customer.name }, 20));
		const desired = businessCentralCustomer(customer, number);
		const path = await client.companyPath('customers');
		const existing = await client.findBy(path, 'number', number);
		const changes = existing ? changedFields(desired, existing) : desired;
		const summary = { serviceTitanCustomerId: customer.id, number };
		if (this.getNodeParameter('dryRun', itemIndex, false) as boolean) {
			return { ...summary, dryRun: true, action: existing ? (Object.keys(changes).length ? 'update' : 'unchanged') : 'create', payload: changes };
		}
		if (!existing) {
			const created = await client.request<IDataObject>('POST', path, { body: desired });
			return { ...summary, action: 'created', id: created.id, customer: created };
		}
		if (Object.keys(changes).length === 0) return { ...summary, action: 'unchanged', id: existing.id, customer: existing };
		const updated = await client.request<IDataObject>('PATCH', `${path}(${String(existing.id)})`, {
			body: changes,
			etag: etagOf(existing, `customer ${number}`),
		});
		return { ...summary, action: 'updated', id: updated.id, changed: Object.keys(changes), customer: updated };
	},
};

