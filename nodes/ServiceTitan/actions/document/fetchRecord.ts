import type { IDataObject } from 'n8n-workflow';

import type { ServiceTitanClient } from '../../transport';
import type { CanonicalRecordType } from '../shared/canonical';

interface Page {
	data?: IDataObject[];
}

/** Reads the current version of a record, so a webhook payload is treated as a notification only. */
export async function fetchRecord(client: ServiceTitanClient, type: CanonicalRecordType, id: string): Promise<IDataObject | undefined> {
	switch (type) {
		case 'invoice':
			return (await client.request<Page>('GET', 'accounting', 'invoices', { qs: { ids: id, activeState: 'All' } })).data?.[0];
		case 'payment':
			return (await client.request<Page>('GET', 'accounting', 'payments', { qs: { ids: id, activeState: 'All' } })).data?.[0];
		case 'inventoryBill':
			return (await client.request<Page>('GET', 'accounting', 'inventory-bills/paginated', { qs: { ids: id } })).data?.[0];
		case 'customer':
			return await client.request<IDataObject>('GET', 'crm', `customers/${id}`);
		case 'vendor':
			return await client.request<IDataObject>('GET', 'inventory', `vendors/${id}`);
	}
}
