import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import {
	exportFeedPages,
	numberedPages,
	policyWithMaxWait,
	RequestPacer,
	requestWithRetry,
	type ExportBatch,
	type ExportPage,
	type NumberedPage,
	type RequestContext,
	type RetryPolicy,
} from '../../shared';
import { serviceTitanHosts } from './hosts';

export const CREDENTIAL_TYPE = 'serviceTitanApi';

export type ServiceTitanModule = 'accounting' | 'crm' | 'inventory' | 'settings' | 'jpm' | 'pricebook';

export interface RequestOptions {
	qs?: IDataObject;
	body?: unknown;
}

/** One per node execution: knows the tenant and API host, and paces requests for that credential. */
export class ServiceTitanClient {
	/** Lookups reused by every item of one execution (never across executions). */
	private readonly memo = new Map<string, Promise<unknown>>();

	private constructor(
		private readonly context: RequestContext,
		readonly apiUrl: string,
		readonly tenantId: string,
		readonly pacer: RequestPacer,
		private readonly policy: RetryPolicy,
	) {}

	static async create(context: RequestContext): Promise<ServiceTitanClient> {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		const { apiUrl } = serviceTitanHosts(credentials);
		const tenantId = String(credentials.tenantId ?? '').trim();
		// The credential holds ServiceTitan's limit (60/s per app and tenant); requests are paced below it.
		const limit = Number(credentials.requestsPerSecond ?? 60);
		const pacer = RequestPacer.belowLimit(Number.isFinite(limit) ? limit : 60);
		return new ServiceTitanClient(context, apiUrl, tenantId, pacer, policyWithMaxWait(credentials.maxWaitSeconds));
	}

	/** A lookup shared by the items of this execution; a failed one is forgotten, so the next item tries again. */
	memoize<T>(key: string, load: () => Promise<T>): Promise<T> {
		const known = this.memo.get(key) as Promise<T> | undefined;
		if (known) return known;
		const loading = load();
		this.memo.set(key, loading);
		loading.catch(() => {
			if (this.memo.get(key) === loading) this.memo.delete(key);
		});
		return loading;
	}

	url(module: ServiceTitanModule, path: string): string {
		return `${this.apiUrl}/${module}/v2/tenant/${encodeURIComponent(this.tenantId)}/${path}`;
	}

	async request<T>(method: IHttpRequestMethods, module: ServiceTitanModule, path: string, options: RequestOptions = {}): Promise<T> {
		return await requestWithRetry<T>(
			this.context,
			CREDENTIAL_TYPE,
			{
				method,
				url: this.url(module, path),
				qs: options.qs,
				arrayFormat: 'repeat',
				body: options.body as IDataObject,
				headers: { Accept: 'application/json' },
			},
			{ pacer: this.pacer, policy: this.policy, expectJson: method === 'GET' },
		);
	}

	pages<T>(module: ServiceTitanModule, path: string, qs: IDataObject, pageSize: number): AsyncGenerator<T[]> {
		return numberedPages<T>(
			async (page) => await this.request<NumberedPage<T>>('GET', module, path, { qs: { ...qs, page, pageSize } }),
		);
	}

	exportFeed<T>(module: ServiceTitanModule, resource: string, from: string | undefined): AsyncGenerator<ExportBatch<T>> {
		return exportFeedPages<T>(
			async (cursor) =>
				await this.request<ExportPage<T>>('GET', module, `export/${resource}`, {
					qs: cursor ? { from: cursor } : {},
				}),
			from,
		);
	}
}
