import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { decodeEnumFields, eqFilter, isGuid } from '../../shared/odata';
import { odataPages, policyWithMaxWait, RequestPacer, requestWithRetry, type ODataCollection, type RequestContext, type RetryPolicy } from '../../shared';
import { businessCentralApiRoot } from './hosts';

export const CREDENTIAL_TYPE = 'businessCentralApi';

/** Fields whose values BC sends XML-name encoded (`G_x002F_L_x0020_Account`). */
const ENUM_FIELDS = new Set([
	'type',
	'blocked',
	'status',
	'lineType',
	'accountType',
	'category',
	'documentType',
	'balanceAccountType',
	'parentType',
	'disputeStatus',
]);

export interface ODataQuery {
	filter?: string;
	expand?: string;
	select?: string;
	orderby?: string;
	top?: number;
}

export interface BatchRequest {
	id: string;
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	/** Relative to the API root, e.g. `companies(<id>)/customers`. */
	url: string;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface BatchResponse {
	id: string;
	status: number;
	body?: IDataObject;
}

export class CompanyNotFoundError extends Error {}

function queryString(query: ODataQuery): IDataObject {
	const qs: IDataObject = {};
	if (query.filter) qs.$filter = query.filter;
	if (query.expand) qs.$expand = query.expand;
	if (query.select) qs.$select = query.select;
	if (query.orderby) qs.$orderby = query.orderby;
	if (query.top !== undefined) qs.$top = query.top;
	return qs;
}

/** One per node execution: the API root for the tenant and environment, the company, a pacer. */
export class BusinessCentralClient {
	private companyIdCache: string | undefined;

	private constructor(
		private readonly context: RequestContext,
		readonly apiRoot: string,
		private readonly companyRef: string,
		private readonly pacer: RequestPacer,
		private readonly policy: RetryPolicy,
	) {}

	static async create(context: RequestContext, company?: string): Promise<BusinessCentralClient> {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		const rate = Number(credentials.requestsPerSecond ?? 20);
		const companyRef = (company ?? '').trim() || String(credentials.company ?? '').trim();
		const pacer = RequestPacer.belowLimit(Number.isFinite(rate) ? rate : 20);
		return new BusinessCentralClient(context, businessCentralApiRoot(credentials), companyRef, pacer, policyWithMaxWait(credentials.maxWaitSeconds ?? 300));
	}

	get origin(): string {
		return new URL(this.apiRoot).origin;
	}

	/** Sends one request to a path under the API root; answers are JSON with enums decoded. */
	async request<T = IDataObject>(
		method: IHttpRequestMethods,
		path: string,
		options: { qs?: IDataObject; body?: unknown; etag?: string; headers?: Record<string, string>; absoluteUrl?: string } = {},
	): Promise<T> {
		const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
		if (options.etag) headers['If-Match'] = options.etag;
		const response = await requestWithRetry<T>(
			this.context,
			CREDENTIAL_TYPE,
			{ method, url: options.absoluteUrl ?? `${this.apiRoot}/${path}`, qs: options.qs, body: options.body as IDataObject, headers },
			{ pacer: this.pacer, policy: this.policy, expectJson: method === 'GET' },
		);
		return decodeEnumFields(response, ENUM_FIELDS);
	}

	/** The company every entity lives under: the node's or the credential's company (ID or name). */
	async companyId(): Promise<string> {
		if (this.companyIdCache) return this.companyIdCache;
		const companies = (await this.request<ODataCollection<IDataObject>>('GET', 'companies')).value ?? [];
		const ref = this.companyRef;
		const match = ref
			? companies.find((company) => (isGuid(ref) ? String(company.id).toLowerCase() === ref.toLowerCase() : company.name === ref || company.displayName === ref))
			: companies.length === 1
				? companies[0]
				: undefined;
		if (!match) {
			const names = companies.map((company) => `"${String(company.name)}"`).join(', ');
			throw new CompanyNotFoundError(
				ref
					? `Business Central has no company "${ref}" in this environment (companies: ${names})`
					: `Choose a company: this environment has several (${names}). Set it on the node or as the credential's default company.`,
			);
		}
		this.companyIdCache = String(match.id);
		return this.companyIdCache;
	}

	async companyPath(path: string): Promise<string> {
		return `companies(${await this.companyId()})/${path}`;
	}

	/** Server-driven paging over a collection; nextLinks are followed on the API's origin only. */
	async *pages<T = IDataObject>(path: string, query: ODataQuery = {}, pageSize?: number): AsyncGenerator<T[]> {
		const params = new URLSearchParams(queryString(query) as Record<string, string>).toString();
		yield* this.pagesFrom<T>(`${this.apiRoot}/${path}${params ? `?${params}` : ''}`, pageSize);
	}

	/** The same from a full URL on the API's origin (BC's other APIs, e.g. the finance reports API). */
	async *pagesFrom<T = IDataObject>(first: string, pageSize?: number): AsyncGenerator<T[]> {
		const headers = pageSize ? { Prefer: `odata.maxpagesize=${pageSize}` } : undefined;
		yield* odataPages<T>(
			async (url) => await this.request<ODataCollection<T>>('GET', '', { absoluteUrl: url, headers }),
			first,
			this.origin,
		);
	}

	async first<T = IDataObject>(path: string, filter: string, expand?: string): Promise<T | undefined> {
		const response = await this.request<ODataCollection<T>>('GET', path, { qs: queryString({ filter, expand, top: 1 }) });
		return response.value?.[0];
	}

	async findBy<T = IDataObject>(path: string, field: string, value: string, expand?: string): Promise<T | undefined> {
		return await this.first<T>(path, eqFilter(field, value), expand);
	}

	/** JSON $batch (at most 100 requests); each inner request keeps its own status. */
	async batch(requests: BatchRequest[], options: { atomic?: boolean } = {}): Promise<BatchResponse[]> {
		if (requests.length > 100) throw new Error('A Business Central $batch takes at most 100 requests');
		const response = await this.request<{ responses?: BatchResponse[] }>('POST', '$batch', {
			body: { requests: requests.map((request) => ({ ...request, headers: { 'Content-Type': 'application/json', ...(request.headers ?? {}) } })) },
			headers: options.atomic ? { Isolation: 'snapshot' } : undefined,
		});
		return response.responses ?? [];
	}
}
