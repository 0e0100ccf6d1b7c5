import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ServiceTitanClient, type ServiceTitanModule } from '../transport';

interface Page {
	hasMore: boolean;
	data: IDataObject[];
}

async function search(
	context: ILoadOptionsFunctions,
	module: ServiceTitanModule,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const client = await ServiceTitanClient.create(context);
	const page = Number(paginationToken ?? 1);
	const response = await client.request<Page>('GET', module, path, {
		qs: { page, pageSize: 50, ...(filter ? { name: filter } : {}) },
	});
	return {
		results: (response.data ?? []).map((record) => ({
			name: `${String(record.name)} (${String(record.id)})`,
			value: String(record.id),
		})),
		paginationToken: response.hasMore ? String(page + 1) : undefined,
	};
}

export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(this, 'crm', 'customers', filter, paginationToken);
}

export async function searchBusinessUnits(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(this, 'settings', 'business-units', filter, paginationToken);
}
