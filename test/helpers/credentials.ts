import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';

import { plainHttpRequest } from './http';

/**
 * A stored credential as n8n keeps it: decrypted data plus the hidden expirable token that
 * preAuthentication fills and n8n writes back to the database (so every worker shares it).
 */
export class CredentialStore {
	preAuthCalls = 0;

	constructor(
		readonly type: ICredentialType,
		public data: ICredentialDataDecryptedObject,
	) {}

	private expirableProperty(): string | undefined {
		return this.type.properties.find((property) => property.typeOptions?.expirable)?.name;
	}

	/** n8n-core: preAuthentication runs when the expirable field is empty, or after a 401. */
	async preAuthenticate(expired: boolean): Promise<void> {
		const property = this.expirableProperty();
		if (!this.type.preAuthentication || !property) return;
		if (!expired && this.data[property]) return;
		this.preAuthCalls++;
		const helper = { helpers: { httpRequest: async (options: IHttpRequestOptions) => await plainHttpRequest(options) } };
		const output = await this.type.preAuthentication.call(helper as never, { ...this.data });
		this.data = { ...this.data, ...output } as ICredentialDataDecryptedObject;
	}

	/** Applies a generic `authenticate` block ({{$credentials.x}} expressions in headers/qs). */
	authenticate(options: IHttpRequestOptions): IHttpRequestOptions {
		const auth = this.type.authenticate;
		if (!auth || typeof auth === 'function') return options;
		const resolve = (value: unknown) =>
			String(value)
				.replace(/^=/, '')
				.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(this.data[key] ?? ''));
		const headers = { ...(options.headers ?? {}) };
		for (const [name, value] of Object.entries(auth.properties.headers ?? {})) headers[name] = resolve(value);
		const qs = { ...(options.qs ?? {}) };
		for (const [name, value] of Object.entries(auth.properties.qs ?? {})) qs[name] = resolve(value);
		return { ...options, headers, qs };
	}
}
