import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { odataString } from '../../shared/odata';
import type { ODataCollection } from '../../shared/paging';
import { FinanceOperationsClient } from '../transport';

const PAGE = 50;

interface SearchSpec {
	set: string;
	keyField: string;
	nameField: string;
}

function nodeLegalEntity(context: ILoadOptionsFunctions): string | undefined {
	try {
		const value = context.getCurrentNodeParameter('legalEntity');
		return typeof value === 'string' && value.trim() ? value : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Without a filter: pages of 50 by account. With one: accounts starting with it, then names
 * containing it (F&O's `*` wildcards; it has no contains()).
 */
async function search(context: ILoadOptionsFunctions, spec: SearchSpec, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await FinanceOperationsClient.create(context, nodeLegalEntity(context));
	const select = `${spec.keyField},${spec.nameField}`;
	const query = async (clause: string | undefined, skip = 0) =>
		await client.request<ODataCollection<IDataObject>>('GET', spec.set, {
			qs: { 'cross-company': 'true', $filter: client.companyFilter(clause), $select: select, $orderby: spec.keyField, $top: PAGE, $skip: skip },
		});
	const toResult = (record: IDataObject) => ({ name: `${String(record[spec.nameField])} (${String(record[spec.keyField])})`, value: String(record[spec.keyField]) });
	const text = filter?.trim().replace(/\*/g, '');
	if (!text) {
		const skip = Number(paginationToken ?? 0) || 0;
		const page = await query(undefined, skip);
		const records = page.value ?? [];
		// F&O may cut a page short of $top and say so with a nextLink.
		const more = records.length > 0 && (records.length === PAGE || page['@odata.nextLink'] !== undefined);
		return { results: records.map(toResult), paginationToken: more ? String(skip + records.length) : undefined };
	}
	const [byKey, byName] = await Promise.all([query(`${spec.keyField} eq ${odataString(`${text}*`)}`), query(`${spec.nameField} eq ${odataString(`*${text}*`)}`)]);
	const seen = new Set<string>();
	const results = [...(byKey.value ?? []), ...(byName.value ?? [])].map(toResult).filter((result) => !seen.has(result.value) && Boolean(seen.add(result.value)));
	return { results };
}

export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, { set: 'CustomersV3', keyField: 'CustomerAccount', nameField: 'OrganizationName' }, filter, paginationToken);
}

export async function searchVendors(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, { set: 'VendorsV2', keyField: 'VendorAccountNumber', nameField: 'VendorOrganizationName' }, filter, paginationToken);
}
