import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import type { EntraHosts } from '../../shared/entra';

const PUBLIC_AUTHORITY = 'https://login.microsoftonline.com';

function withoutTrailingSlash(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/**
 * The environment URL as F&O wants it in the token audience: https, lower case, no trailing slash
 * and no path (each customer has its own host; there is no shared base URL).
 */
export function environmentUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const raw = withoutTrailingSlash(String(credentials.environmentUrl ?? ''));
	if (!raw) throw new UserError('Set the Environment URL of the credential, e.g. https://contoso.operations.dynamics.com');
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new UserError(`The Environment URL "${raw}" is not a URL: enter it as https://<your environment>.operations.dynamics.com`);
	}
	if (url.protocol !== 'https:') throw new UserError(`The Environment URL must start with https:// (got ${url.protocol}//${url.host}): F&O only accepts tokens over TLS`);
	if (url.pathname !== '/' || url.search) throw new UserError(`Enter only the environment's address, without a path: https://${url.host}`);
	return url.origin.toLowerCase();
}

/** The token's scope: `<environment URL>/.default`. */
export function financeOperationsScope(credentials: ICredentialDataDecryptedObject): string {
	return `${environmentUrlOf(credentials)}/.default`;
}

export function financeOperationsHosts(credentials: ICredentialDataDecryptedObject): EntraHosts {
	if (credentials.cloud === 'custom') return { authorityHost: withoutTrailingSlash(String(credentials.authorityUrl ?? '')), custom: true };
	return { authorityHost: PUBLIC_AUTHORITY, custom: false };
}

/** `{environment URL}/data` */
export function serviceRootOf(credentials: ICredentialDataDecryptedObject): string {
	return `${environmentUrlOf(credentials)}/data`;
}
