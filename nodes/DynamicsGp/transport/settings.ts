import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { ConnectionOptions, WindowsCredentials } from '../../shared/ntlm';

export const CREDENTIAL_TYPE = 'dynamicsGpApi';

export class GpSettingsError extends Error {}

/** Parentheses and `;` are SBA syntax, so a name or key carrying them must be encoded too. */
export function encodeSegment(value: string): string {
	return encodeURIComponent(value).replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** A key in SBA's form: `(a)` or, for a composite key, `(a;b)`. */
export function keyPath(parts: Array<string | number>): string {
	return `(${parts.map((part) => encodeSegment(String(part))).join(';')})`;
}

/** `https://host:port`: the GP Service must use SSL. */
export function gpOrigin(credentials: ICredentialDataDecryptedObject): string {
	const text = String(credentials.serverUrl ?? '').trim();
	let url: URL;
	try {
		url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
	} catch {
		throw new GpSettingsError(`The GP server URL "${text}" is not a valid URL: enter it like https://gp.contoso.local`);
	}
	if (url.protocol !== 'https:') throw new GpSettingsError('The GP server URL must start with https:// (the GP Service only runs over SSL)');
	const port = Number(credentials.port);
	if (credentials.port !== undefined && credentials.port !== '' && Number.isInteger(port) && port > 0) url.port = String(port);
	return url.origin;
}

/** `https://host:port/GPService/Tenants(<tenant>)/Companies(<company database>)` */
export function companyRoot(credentials: ICredentialDataDecryptedObject): string {
	const tenant = String(credentials.tenant ?? '').trim() || 'DefaultTenant';
	const company = String(credentials.company ?? '').trim();
	if (!company) throw new GpSettingsError('Enter the GP company in the credential: the name of its SQL database (e.g. TWO)');
	return `${gpOrigin(credentials)}/GPService/Tenants(${encodeSegment(tenant)})/Companies(${encodeSegment(company)})`;
}

export function windowsCredentialsOf(credentials: ICredentialDataDecryptedObject): WindowsCredentials {
	const account = { domain: String(credentials.domain ?? ''), username: String(credentials.username ?? ''), password: String(credentials.password ?? '') };
	if (!account.username.trim()) throw new GpSettingsError('Enter the Windows user name of the account mapped to a GP user in the credential');
	return credentials.authentication === 'basic' ? { kind: 'basic', ...account } : { kind: 'ntlm', ...account };
}

export function connectionOptionsOf(credentials: ICredentialDataDecryptedObject): ConnectionOptions {
	const ca = String(credentials.caCertificate ?? '').trim();
	return { rejectUnauthorized: credentials.ignoreSslIssues !== true, ca: ca === '' ? undefined : ca };
}
