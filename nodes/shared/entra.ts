import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

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

/** MSAL's network hook, answered by n8n's own HTTP helper (proxies, allowed domains, TLS settings). */
function n8nNetworkClient(httpRequest: HttpRequest, onFailure: (text: string) => void) {
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
		const response = (await httpRequest(request)) as FullResponse;
		const text = typeof response.body === 'string' ? response.body : Buffer.isBuffer(response.body) ? response.body.toString('utf8') : JSON.stringify(response.body ?? {});
		let body: unknown;
		try {
			body = text ? JSON.parse(text) : {};
		} catch {
			body = { error: 'invalid_response', error_description: text.slice(0, 200) };
		}
		if (response.statusCode >= 400) onFailure(text.slice(0, 500));
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

/** App-only token by client credentials, through MSAL (secret or certificate). */
export async function acquireEntraToken(httpRequest: HttpRequest, options: EntraClientCredentials): Promise<string> {
	const authorityHost = options.authorityHost.replace(/\/+$/, '');
	const certificate = options.certificate;
	const thumbprint = certificate?.thumbprint.replace(/[^0-9a-fA-F]/g, '') ?? '';
	// MSAL reports a failed discovery as endpoints_resolution_error; the authority's own answer says why.
	let authorityAnswer = '';
	const configuration: Configuration = {
		auth: {
			clientId: options.clientId,
			authority: `${authorityHost}/${options.tenantId}`,
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
		system: { networkClient: n8nNetworkClient(httpRequest, (text) => (authorityAnswer = text)) },
	};
	try {
		const application = new ConfidentialClientApplication(configuration);
		const result = await application.acquireTokenByClientCredential({ scopes: [options.scope], skipCache: true });
		if (!result?.accessToken) throw new EntraTokenError('Microsoft Entra ID returned no access token');
		return result.accessToken;
	} catch (error) {
		throw new EntraTokenError(explainEntraError(error, authorityAnswer));
	}
}
