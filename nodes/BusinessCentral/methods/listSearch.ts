import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { odataString } from '../../shared/odata';
import type { ODataCollection } from '../../shared/paging';
import { BusinessCentralClient } from '../transport';

const PAGE = 50;

interface SearchSpec {
	set: string;
	/** The short key shown in brackets and matched from its start (`number`, `code`). */
	keyField: string;
	nameField: string;
}

/** The company chosen on the node, when it has one; else the credential's default company. */
function nodeCompany(context: ILoadOptionsFunctions): string | undefined {
	try {
		const value = context.getCurrentNodeParameter('company', { extractValue: true });
		return typeof value === 'string' && value.trim() ? value : undefined;
	} catch {
		return undefined;
	}
}

function toResult(spec: SearchSpec, record: IDataObject): INodeListSearchItems {
	return { name: `${String(record[spec.nameField])} (${String(record[spec.keyField])})`, value: String(record.id) };
}

/**
 * Without a filter: pages of 50 by key. With one: names containing it plus keys starting with
 * it, as two queries — BC may refuse `or` across different fields.
 */
async function search(context: ILoadOptionsFunctions, spec: SearchSpec, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await BusinessCentralClient.create(context, nodeCompany(context));
	const path = await client.companyPath(spec.set);
	const select = `id,${spec.keyField},${spec.nameField}`;
	const text = filter?.trim();
	if (!text) {
		const skip = Number(paginationToken ?? 0) || 0;
		const page = await client.request<ODataCollection<IDataObject>>('GET', path, { qs: { $select: select, $orderby: spec.keyField, $top: PAGE, $skip: skip } });
		const records = page.value ?? [];
		// The server may cut a page short of $top (odata.maxpagesize) and say so with a nextLink.
		const more = records.length > 0 && (records.length === PAGE || page['@odata.nextLink'] !== undefined);
		return { results: records.map((record) => toResult(spec, record)), paginationToken: more ? String(skip + records.length) : undefined };
	}
	const query = async (clause: string) =>
		(await client.request<ODataCollection<IDataObject>>('GET', path, { qs: { $select: select, $filter: clause, $orderby: spec.keyField, $top: PAGE } })).value ?? [];
	const [byName, byKey] = await Promise.all([
		query(`contains(${spec.nameField},${odataString(text)})`),
		query(`startswith(${spec.keyField},${odataString(text)})`),
	]);
	const unique = new Map([...byKey, ...byName].map((record) => [String(record.id), record]));
	return { results: [...unique.values()].map((record) => toResult(spec, record)) };
}

export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await BusinessCentralClient.create(this);
	const companies = (await client.request<ODataCollection<IDataObject>>('GET', 'companies')).value ?? [];
	const text = filter?.trim().toLowerCase();
	return {
		results: companies
			.filter((company) => !text || `${String(company.name)} ${String(company.displayName)}`.toLowerCase().includes(text))
			.map((company) => ({ name: String(company.displayName || company.name), value: String(company.id) })),
	};
}

export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(this, { set: 'customers', keyField: 'number', nameField: 'displayName' }, filter, paginationToken);
}

export async function searchVendors(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(this, { set: 'vendors', keyField: 'number', nameField: 'displayName' }, filter, paginationToken);
}

export async function searchItems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(this, { set: 'items', keyField: 'number', nameField: 'displayName' }, filter, paginationToken);
}

export async function searchCustomerPaymentJournals(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(this, { set: 'customerPaymentJournals', keyField: 'code', nameField: 'displayName' }, filter, paginationToken);
}
