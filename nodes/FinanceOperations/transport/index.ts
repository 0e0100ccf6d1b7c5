import { randomUUID } from 'node:crypto';

import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { policyWithMaxWait, requestWithRetry, RequestPacer, type RequestContext } from '../../shared/http';
import { KEYS_PER_FILTER, ODataClient, odataString, type BatchRequest, type BatchResponse } from '../../shared/odata';
import { takeRecords, type ODataCollection } from '../../shared/paging';
import { chunks, inParallel } from '../../shared/sync/bulk';
import { readableErrorBody, withInfolog } from './errors';
import { serviceRootOf } from './hosts';
import { keyPath, type KeyValue } from './keys';
import { readBatch, writeBatch } from './multipart';

export { keyPath, type KeyValue } from './keys';

export const CREDENTIAL_TYPE = 'financeOperationsApi';

/**
 * F&O publishes no fixed request rate (throttling is by priority, answered with 429 +
 * Retry-After); one codebase caps a `$batch` at 200 operations. We stay well inside both: 100
 * operations per `$batch`, 4 requests at a time.
 */
export const FINANCE_OPERATIONS_LIMITS = { batchSize: 100, concurrency: 4 };

const CROSS_COMPANY: Readonly<IDataObject> = Object.freeze({ 'cross-company': 'true' });

export interface ListOptions {
	filter?: string;
	select?: string;
	orderby?: string;
	top?: number;
	/** Every legal entity the service user may read, not only the client's. */
	allCompanies?: boolean;
}

/**
 * One per node execution: the shared OData client on the customer's environment, scoped to one
 * legal entity. Company-scoped records are always addressed with their `dataAreaId` and read with
 * `cross-company=true`, so the service user's own default company never decides what is read.
 */
export class FinanceOperationsClient extends ODataClient {
	private constructor(
		settings: ConstructorParameters<typeof ODataClient>[0],
		readonly legalEntity: string,
	) {
		super(settings);
	}

	static async create(context: RequestContext, legalEntity?: string): Promise<FinanceOperationsClient> {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		const rate = Number(credentials.requestsPerSecond ?? 0);
		const company = ((legalEntity ?? '').trim() || String(credentials.legalEntity ?? '').trim()).toLowerCase();
		if (!company) throw new UserError('Set the legal entity (dataAreaId, e.g. usmf) on the node or as the credential\'s default legal entity');
		return new FinanceOperationsClient(
			{
				context,
				credentialType: CREDENTIAL_TYPE,
				apiRoot: serviceRootOf(credentials),
				pacer: RequestPacer.belowLimit(Number.isFinite(rate) ? rate : 0),
				policy: policyWithMaxWait(credentials.maxWaitSeconds ?? 300),
				enumFields: new Set(),
				concurrency: FINANCE_OPERATIONS_LIMITS.concurrency,
			},
			company,
		);
	}

	async request<T = IDataObject>(
		method: IHttpRequestMethods,
		path: string,
		options: { qs?: IDataObject; body?: unknown; etag?: string; headers?: Record<string, string>; absoluteUrl?: string } = {},
	): Promise<T> {
		try {
			return await super.request<T>(method, path, options);
		} catch (error) {
			throw withInfolog(error);
		}
	}

	/** `dataAreaId eq '<legal entity>'`, and the caller's filter, as one `$filter`. */
	companyFilter(filter?: string): string {
		const company = `dataAreaId eq ${odataString(this.legalEntity)}`;
		return filter ? `${company} and (${filter})` : company;
	}

	/** The key of a company-scoped record: `dataAreaId` first, then the entity's own key fields. */
	companyKey(key: Record<string, KeyValue>): Record<string, KeyValue> {
		return { dataAreaId: this.legalEntity, ...key };
	}

	/** Pages of a collection: company-scoped sets in the client's legal entity (or all of them). */
	list<T = IDataObject>(set: string, options: ListOptions & { companyScoped: boolean }): AsyncGenerator<T[]> {
		const params = new URLSearchParams();
		if (options.companyScoped) params.set('cross-company', 'true');
		const filter = options.companyScoped && !options.allCompanies ? this.companyFilter(options.filter) : options.filter;
		if (filter) params.set('$filter', filter);
		if (options.select) params.set('$select', options.select);
		if (options.orderby) params.set('$orderby', options.orderby);
		if (options.top !== undefined) params.set('$top', String(options.top));
		const query = params.toString();
		return this.pagesFrom<T>(`${this.apiRoot}/${set}${query ? `?${query}` : ''}`);
	}

	/** The first record of a company-scoped set matching `filter`, or undefined. */
	async findOne<T = IDataObject>(set: string, filter: string): Promise<T | undefined> {
		const page = await this.request<ODataCollection<T>>('GET', set, { qs: { ...CROSS_COMPANY, $filter: this.companyFilter(filter), $top: 1 } });
		return page.value?.[0];
	}

	/**
	 * Every company-scoped record whose `field` is one of `values` (strings quoted, numbers bare):
	 * `field eq a or field eq b …` (F&O has no `in`), 40 keys per request, several requests at once.
	 */
	async findInCompany<T = IDataObject>(set: string, field: string, values: Array<string | number>, select?: string): Promise<T[]> {
		const literal = (value: string | number) => (typeof value === 'number' ? String(value) : odataString(value));
		const groups = chunks([...new Set(values)], KEYS_PER_FILTER);
		const pages = await inParallel(groups, FINANCE_OPERATIONS_LIMITS.concurrency, async (group) =>
			await takeRecords(this.list<T>(set, { companyScoped: true, filter: group.map((value) => `${field} eq ${literal(value)}`).join(' or '), select })),
		);
		return pages.flat();
	}

	/** One company-scoped record by its key (404 when it does not exist). */
	async getByKey<T = IDataObject>(set: string, key: Record<string, KeyValue>): Promise<T> {
		return await this.request<T>('GET', keyPath(set, this.companyKey(key)), { qs: CROSS_COMPANY });
	}

	/** Creates a company-scoped record in the client's legal entity. */
	async create<T = IDataObject>(set: string, body: IDataObject): Promise<T> {
		return await this.request<T>('POST', set, { body: { ...body, dataAreaId: this.legalEntity } });
	}

	async update(set: string, key: Record<string, KeyValue>, body: IDataObject, etag?: string): Promise<void> {
		await this.request('PATCH', keyPath(set, this.companyKey(key)), { qs: CROSS_COMPANY, body, etag });
	}

	async remove(set: string, key: Record<string, KeyValue>): Promise<void> {
		await this.request('DELETE', keyPath(set, this.companyKey(key)), { qs: CROSS_COMPANY });
	}

	/**
	 * F&O's multipart `$batch` (it has no JSON batch): the requests one by one, or all in one atomic
	 * changeset. Each request keeps its own status; failed parts carry F&O's Infolog as their message.
	 */
	async batch(requests: BatchRequest[], options: { atomic?: boolean } = {}): Promise<BatchResponse[]> {
		if (requests.length > FINANCE_OPERATIONS_LIMITS.batchSize) throw new Error(`A $batch takes at most ${FINANCE_OPERATIONS_LIMITS.batchSize} requests`);
		if (requests.length === 0) return [];
		const atomic = options.atomic ?? false;
		const { context, credentialType, pacer, policy } = this.settings;
		const message = writeBatch(requests, this.apiRoot, atomic, randomUUID());
		let answer: unknown;
		try {
			answer = await requestWithRetry<unknown>(
				context,
				credentialType,
				{ method: 'POST', url: `${this.apiRoot}/$batch`, body: message.body, json: false, headers: { 'Content-Type': message.contentType, Accept: 'multipart/mixed' } },
				{ pacer, policy, expectJson: false },
			);
		} catch (error) {
			throw withInfolog(error);
		}
		const text = Buffer.isBuffer(answer) ? answer.toString('utf8') : String(answer ?? '');
		return readBatch(text, requests, atomic).map((response) => ({ ...response, body: readableErrorBody(response.body) as IDataObject | undefined }));
	}
}
