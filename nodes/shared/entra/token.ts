import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { CrossOriginRedirectError, hostOf, sendSameOriginOnly, TooManyRedirectsError } from '../http/redirects';
import { describeHtmlPage, isHtml } from '../redact';

export interface EntraClientCredentials {
	/** e.g. https://login.microsoftonline.com, or a sovereign cloud / test authority host */
	authorityHost: string;
	tenantId: string;
	clientId: string;
	clientSecret?: string;
	certificate?: { privateKey: string; thumbprint: string };
	/** e.g. https://api.businesscentral.dynamics.com/.default */
	scope: string;
	/** Authorities outside Microsoft's public list (custom hosts) must be declared to MSAL. */
	customAuthority: boolean;
	/** The discovery record a previous call returned (kept in the credential), see EntraToken. */
	authorityMetadata?: string;
}

export interface EntraToken {
	accessToken: string;
	/**
	 * The authority's OpenID configuration as MSAL discovered it, with the authority it belongs to
	 * and when: kept in the credential and handed back, so a token refresh does not fetch it again.
	 * Empty when MSAL needed no discovery (Microsoft's public clouds are built into MSAL).
	 */
	authorityMetadata: string;
}

/** MSAL itself keeps discovered metadata for a day; so does the credential. */
const METADATA_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface MetadataRecord {
	authority: string;
	discoveredAt: number;
	metadata: Record<string, unknown>;
}

function cachedMetadata(record: string | undefined, authority: string, now: number): string | undefined {
	if (!record) return undefined;
	try {
		const parsed = JSON.parse(record) as MetadataRecord;
		const fresh = now - Number(parsed.discoveredAt) < METADATA_LIFETIME_MS;
		const complete = typeof parsed.metadata?.token_endpoint === 'string' && typeof parsed.metadata?.issuer === 'string';
		return parsed.authority === authority && fresh && complete ? JSON.stringify(parsed.metadata) : undefined;
	} catch {
		return undefined;
	}
}

function isOpenIdConfiguration(url: string, body: unknown): body is Record<string, unknown> {
	return /\/\.well-known\/openid-configuration$/.test(new URL(url).pathname) && typeof (body as { token_endpoint?: unknown })?.token_endpoint === 'string';
}

type HttpRequest = IHttpRequestHelper['helpers']['httpRequest'];

interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

function headerMap(headers: FullResponse['headers']): Record<string, string> {
	return Object.fromEntries(
		Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value ?? '')]),
	);
}

/** What the authority said besides MSAL's own error, so the credential can explain it. */
interface AuthorityObservations {
	/** the failed answer's text, for matching AADSTS codes (never shown) */
	failedAnswer: string;
	/** an HTML page or other non-JSON answer, described by host and title */
	notJson?: string;
	/** a redirect that was refused */
	refused?: Error;
	/** the OpenID configuration MSAL fetched, to keep in the credential */
	discovered?: Record<string, unknown>;
}

/**
 * MSAL's network hook, answered by n8n's own HTTP helper (proxies, allowed domains, TLS
 * settings), with redirects followed on the same origin only.
 */
function n8nNetworkClient(httpRequest: HttpRequest, seen: AuthorityObservations) {
	const send = async <T>(method: 'GET' | 'POST', url: string, options?: { headers?: Record<string, string>; body?: string }) => {
		const request: IHttpRequestOptions = {
			method,
			url,
			headers: options?.headers,
			body: options?.body,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
		};
		let response: FullResponse;
		try {
			response = (await sendSameOriginOnly(async (hop) => await httpRequest(hop), request)) as FullResponse;
		} catch (error) {
			if (error instanceof CrossOriginRedirectError || error instanceof TooManyRedirectsError) seen.refused = error;
			throw error;
		}
		const text = typeof response.body === 'string' ? response.body : Buffer.isBuffer(response.body) ? response.body.toString('utf8') : JSON.stringify(response.body ?? {});
		let body: unknown;
		try {
			body = text ? JSON.parse(text) : {};
		} catch {
			seen.notJson = isHtml(text) ? describeHtmlPage(text, hostOf(url)) : `an answer from ${hostOf(url)} that is not JSON (HTTP ${response.statusCode})`;
			body = { error: 'invalid_response', error_description: 'The authority did not answer with JSON' };
		}
		if (response.statusCode >= 400) seen.failedAnswer = text.slice(0, 500);
		else if (method === 'GET' && isOpenIdConfiguration(url, body)) seen.discovered = body;
		return { status: response.statusCode, headers: headerMap(response.headers), body: body as T };
	};
	return {
		sendGetRequestAsync: async <T>(url: string, options?: { headers?: Record<string, string>; body?: string }) => await send<T>('GET', url, options),
		sendPostRequestAsync: async <T>(url: string, options?: { headers?: Record<string, string>; body?: string }) => await send<T>('POST', url, options),
	};
}

const TENANT_NOT_FOUND = 'The tenant was not found: check the Tenant ID (a GUID or a verified domain) and the authority.';
const APP_NOT_FOUND = 'No app registration with this Client ID exists in the tenant: check the Client ID, and that the app is registered in this tenant.';
const CREDENTIAL_REFUSED = 'The client secret or certificate was refused: check it has not expired and belongs to this app registration.';
const CERTIFICATE_REFUSED = 'The certificate assertion was refused: check the thumbprint and that the certificate is uploaded to the app registration.';
const SCOPE_REFUSED = 'The scope was refused: the app registration needs the Dynamics 365 Business Central API permission with admin consent.';

/** Entra's error codes say precisely what is wrong; free-text patterns only when there is no code. */
const CODE_HINTS: Record<string, string> = {
	AADSTS90002: TENANT_NOT_FOUND,
	AADSTS900023: TENANT_NOT_FOUND,
	AADSTS700016: APP_NOT_FOUND,
	AADSTS7000215: CREDENTIAL_REFUSED,
	AADSTS7000222: CREDENTIAL_REFUSED,
	AADSTS700027: CERTIFICATE_REFUSED,
	AADSTS700024: CERTIFICATE_REFUSED,
	AADSTS70011: SCOPE_REFUSED,
};

const TEXT_HINTS: Array<[RegExp, string]> = [
	[/unauthorized_client/i, APP_NOT_FOUND],
	[/invalid_client/i, CREDENTIAL_REFUSED],
	[/invalid_scope/i, SCOPE_REFUSED],
	[/endpoints_resolution_error|ENOTFOUND|ECONNREFUSED|certificate/i, 'The authority could not be reached: check the authority URL (and, for a private authority, that its TLS certificate is trusted).'],
];

export class EntraTokenError extends Error {}

export function explainEntraError(error: unknown, authorityAnswer = ''): string {
	const text = `${authorityAnswer} ${(error as { errorCode?: string }).errorCode ?? ''} ${(error as Error).message ?? String(error)}`;
	const entraCode = /AADSTS\d+/.exec(text)?.[0];
	const hint = (entraCode && CODE_HINTS[entraCode]) ?? TEXT_HINTS.find(([pattern]) => pattern.test(text))?.[1];
	const code = entraCode ?? (error as { errorCode?: string }).errorCode ?? 'token request failed';
	return `Microsoft Entra ID did not issue a token (${code}). ${hint ?? 'Check the tenant, client ID and secret or certificate.'}`;
}

function explainRefusal(seen: AuthorityObservations): string | undefined {
	if (seen.refused) return `Microsoft Entra ID did not issue a token: ${seen.refused.message}`;
	if (seen.notJson && !/AADSTS\d+/.test(seen.failedAnswer)) {
		return `Microsoft Entra ID did not issue a token: the authority answered with ${seen.notJson} instead of JSON. Check the authority URL.`;
	}
	return undefined;
}

/** App-only token by client credentials, through MSAL (secret or certificate). */
export async function acquireEntraToken(httpRequest: HttpRequest, options: EntraClientCredentials): Promise<EntraToken> {
	const authorityHost = options.authorityHost.replace(/\/+$/, '');
	const authority = `${authorityHost}/${options.tenantId}`;
	const certificate = options.certificate;
	const thumbprint = certificate?.thumbprint.replace(/[^0-9a-fA-F]/g, '') ?? '';
	const now = Date.now();
	const cached = cachedMetadata(options.authorityMetadata, authority, now);
	// MSAL reports a failed discovery as endpoints_resolution_error; the authority's own answer says why.
	const seen: AuthorityObservations = { failedAnswer: '' };
	const configuration: Configuration = {
		auth: {
			clientId: options.clientId,
			authority,
			...(cached ? { authorityMetadata: cached } : {}),
			...(options.customAuthority ? { knownAuthorities: [new URL(authorityHost).host] } : {}),
			...(certificate
				? {
						clientCertificate:
							thumbprint.length === 64
								? { thumbprintSha256: thumbprint, privateKey: certificate.privateKey }
								: { thumbprint, privateKey: certificate.privateKey },
					}
				: { clientSecret: options.clientSecret }),
		},
		system: { networkClient: n8nNetworkClient(httpRequest, seen) },
	};
	let accessToken: string | undefined;
	try {
		const application = new ConfidentialClientApplication(configuration);
		const result = await application.acquireTokenByClientCredential({ scopes: [options.scope], skipCache: true });
		accessToken = result?.accessToken;
	} catch (error) {
		throw new EntraTokenError(explainRefusal(seen) ?? explainEntraError(error, seen.failedAnswer));
	}
	if (!accessToken) throw new EntraTokenError('Microsoft Entra ID returned no access token');
	const discovered: MetadataRecord | undefined = seen.discovered ? { authority, discoveredAt: now, metadata: seen.discovered } : undefined;
	return {
		accessToken,
		authorityMetadata: cached ? (options.authorityMetadata ?? '') : discovered ? JSON.stringify(discovered) : '',
	};
}
