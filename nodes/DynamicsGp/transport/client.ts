import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { policyWithMaxWait, requestWithRetry, type RequestContext } from '../../shared/http';
import { NtlmConnection } from '../../shared/ntlm';
import { secretValues } from '../../shared/redact';
import { gpError, GpRequestError } from './errors';
import { unwrapPayload, wrapPayload } from './payload';
import { companyRoot, connectionOptionsOf, CREDENTIAL_TYPE, keyPath, windowsCredentialsOf } from './settings';

/**
 * One per node execution: a Windows-authenticated connection to the GP Service (handshake once per
 * connection) and the company's SBA root. Requests go through requestWithRetry (429/5xx retries,
 * same-origin redirects only) on that connection; bodies through payload.ts; failures as
 * GpRequestErrors. Close it when the execution ends.
 */
export class GpClient {
	private constructor(
		private readonly context: RequestContext,
		private readonly root: string,
		private readonly connection: NtlmConnection,
		private readonly secrets: string[],
		private readonly maxWaitSeconds: unknown,
	) {}

	static async create(context: RequestContext): Promise<GpClient> {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		const root = companyRoot(credentials);
		const connection = new NtlmConnection(windowsCredentialsOf(credentials), connectionOptionsOf(credentials));
		return new GpClient(context, root, connection, secretValues(credentials as Record<string, unknown>), credentials.maxWaitSeconds);
	}

	async list(resource: string): Promise<IDataObject[]> {
		const records = await this.request('GET', resource);
		if (Array.isArray(records)) return records as IDataObject[];
		// The list shape is an assumption (payload.ts): say so rather than return nothing.
		throw new GpRequestError(
			`Dynamics GP: GET ${resource} answered ${records === null || records === undefined ? 'no body' : `${typeof records === 'object' ? 'an object' : `a ${typeof records}`}`} where a list was expected`,
			undefined,
			undefined,
			'The GP Service answers lists in another shape than this connector expects (a JSON array, or one inside "Payload"): compare with https://<server>:<port>/GPService/Tenants(<tenant>)/help and report it.',
		);
	}

	async get(resource: string, key: Array<string | number>): Promise<IDataObject> {
		return (await this.request('GET', `${resource}${keyPath(key)}`)) as IDataObject;
	}

	async create(resource: string, record: IDataObject): Promise<IDataObject> {
		return (await this.request('POST', resource, record)) as IDataObject;
	}

	close(): void {
		this.connection.close();
	}

	private async request(method: IHttpRequestMethods, path: string, record?: IDataObject): Promise<unknown> {
		try {
			const body = await requestWithRetry(
				this.context,
				CREDENTIAL_TYPE,
				{ method, url: `${this.root}/${path}`, json: true, ...(record ? { body: wrapPayload(record) } : {}) },
				{ send: async (request) => await this.connection.httpRequest(request), policy: policyWithMaxWait(this.maxWaitSeconds) },
			);
			return unwrapPayload(body);
		} catch (error) {
			throw gpError(error, `${method} ${decodeURIComponent(path)}`, this.secrets);
		}
	}
}
