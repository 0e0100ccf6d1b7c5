import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { requestWithRetry, type RequestContext, type RequestPacer, type RetryPolicy } from '../http';
import { odataPages, takeRecords, type ODataCollection } from '../paging';
import { chunks, inParallel } from '../sync/bulk';
import type { BatchRequest, BatchResponse, BatchSender } from './batch';
import { anyOf, KEYS_PER_FILTER, queryString, type ODataQuery } from './query';
import { decodeEnumFields, eqFilter } from './values';

export interface ODataClientSettings {
	context: RequestContext;
	credentialType: string;
	/** The service root every path is relative to. */
	apiRoot: string;
	pacer: RequestPacer;
	policy: RetryPolicy;
	/** Fields whose values the service sends XML-name encoded. */
	enumFields: ReadonlySet<string>;
	/** Requests processed at a time per user (for reads of many keys). */
	concurrency: number;
}

/**
 * What every OData v4 product client shares (Business Central; Finance & Operations and NAV next):
 * requests through requestWithRetry, server-driven paging on the service's own origin, lookups of
 * many keys at once, `$batch`. One per node execution.
 */
export class ODataClient implements BatchSender {
	constructor(protected readonly settings: ODataClientSettings) {}

	get apiRoot(): string {
		return this.settings.apiRoot;
	}

	get origin(): string {
		return new URL(this.settings.apiRoot).origin;
	}

	/** Sends one request to a path under the API root; answers are JSON with enums decoded. */
	async request<T = IDataObject>(
		method: IHttpRequestMethods,
		path: string,
		options: { qs?: IDataObject; body?: unknown; etag?: string; headers?: Record<string, string>; absoluteUrl?: string } = {},
	): Promise<T> {
		const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
		if (options.etag) headers['If-Match'] = options.etag;
		const { context, credentialType, apiRoot, pacer, policy, enumFields } = this.settings;
		const response = await requestWithRetry<T>(
			context,
			credentialType,
			{ method, url: options.absoluteUrl ?? `${apiRoot}/${path}`, qs: options.qs, body: options.body as IDataObject, headers },
			{ pacer, policy, expectJson: method === 'GET' },
		);
		return decodeEnumFields(response, enumFields);
	}

	/** Server-driven paging over a collection; nextLinks are followed on the API's origin only. */
	async *pages<T = IDataObject>(path: string, query: ODataQuery = {}, pageSize?: number): AsyncGenerator<T[]> {
		const params = new URLSearchParams(queryString(query) as Record<string, string>).toString();
		yield* this.pagesFrom<T>(`${this.apiRoot}/${path}${params ? `?${params}` : ''}`, pageSize);
	}

	/** The same from a full URL on the API's origin (a service's other APIs, e.g. BC's reports API). */
	async *pagesFrom<T = IDataObject>(first: string, pageSize?: number): AsyncGenerator<T[]> {
		const headers = pageSize ? { Prefer: `odata.maxpagesize=${pageSize}` } : undefined;
		yield* odataPages<T>(async (url) => await this.request<ODataCollection<T>>('GET', '', { absoluteUrl: url, headers }), first, this.origin);
	}

	async first<T = IDataObject>(path: string, filter: string, expand?: string): Promise<T | undefined> {
		const response = await this.request<ODataCollection<T>>('GET', path, { qs: queryString({ filter, expand, top: 1 }) });
		return response.value?.[0];
	}

	async findBy<T = IDataObject>(path: string, field: string, value: string, expand?: string): Promise<T | undefined> {
		return await this.first<T>(path, eqFilter(field, value), expand);
	}

	/** Every record whose `field` is one of `values`: 40 keys per request, as many requests at once as the service takes. */
	async findByKeys<T = IDataObject>(path: string, field: string, values: string[], select?: string): Promise<T[]> {
		const groups = chunks([...new Set(values)], KEYS_PER_FILTER);
		const pages = await inParallel(groups, this.settings.concurrency, async (group) => await takeRecords(this.pages<T>(path, { filter: anyOf(field, group), select }, 1000)));
		return pages.flat();
	}

	/** JSON $batch (at most 100 requests); each inner request keeps its own status. */
	async batch(requests: BatchRequest[], options: { atomic?: boolean } = {}): Promise<BatchResponse[]> {
		if (requests.length > 100) throw new Error('A $batch takes at most 100 requests');
		const response = await this.request<{ responses?: BatchResponse[] }>('POST', '$batch', {
			body: { requests: requests.map((request) => ({ ...request, headers: { 'Content-Type': 'application/json', ...(request.headers ?? {}) } })) },
			headers: options.atomic ? { Isolation: 'snapshot' } : undefined,
		});
		return response.responses ?? [];
	}
}
