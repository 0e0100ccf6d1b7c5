import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { serviceTitanHosts } from '../nodes/ServiceTitan/transport/hosts';
import { CrossOriginRedirectError, hostOf, redirectTestRules, sendSameOriginOnly, TooManyRedirectsError } from '../nodes/shared/http/redirects';
import { cleanVendorText, describeHtmlPage, isHtml, redactText, secretValues } from '../nodes/shared/redact';

interface TokenResponse {
	access_token?: string;
	error?: string;
	error_description?: string;
}

interface TokenAnswer {
	statusCode?: number;
	body?: unknown;
}

function tokenErrorMessage(status: number | undefined, body: TokenResponse | undefined, tenantId: string, secrets: string[]): string {
	const vendorCode = typeof body?.error === 'string' ? cleanVendorText(body.error, { secrets, maxLength: 100 }) : undefined;
	const code = vendorCode ?? (status !== undefined ? `HTTP ${status}` : 'no answer');
	if (code === 'invalid_client' || status === 401) {
		return `ServiceTitan refused the client ID or client secret (${code}). Check both, and that they were issued for tenant ${tenantId} in the chosen environment.`;
	}
	return `ServiceTitan did not issue an access token (${code}). Check the environment and the auth URL.`;
}

function answerText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return '';
}

/** The token answer as JSON, or undefined when it is not JSON (an HTML page, a proxy's text). */
function tokenBody(body: unknown): TokenResponse | undefined {
	if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return body as TokenResponse;
	const text = answerText(body).trim();
	if (text === '') return {};
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed !== null && typeof parsed === 'object' ? (parsed as TokenResponse) : undefined;
	} catch {
		return undefined;
	}
}

function notJsonMessage(tokenUrl: string, status: number | undefined, text: string): string {
	const what = isHtml(text) ? describeHtmlPage(text, hostOf(tokenUrl)) : `an answer from ${hostOf(tokenUrl)} that is not JSON`;
	return `The ServiceTitan token URL ${tokenUrl} answered with ${what} (HTTP ${status ?? '?'}) instead of a token. Check the environment and the Auth Base URL.`;
}

export class ServiceTitanApi implements ICredentialType {
	name = 'serviceTitanApi';

	displayName = 'ServiceTitan API';

	documentationUrl = 'https://github.com/ml-connector/n8n-nodes-ml-connector#servicetitan-credential';

	icon: Icon = { light: 'file:../nodes/ServiceTitan/servicetitan.svg', dark: 'file:../nodes/ServiceTitan/servicetitan.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production' },
				{ name: 'Integration (Sandbox)', value: 'integration' },
				{ name: 'Custom', value: 'custom', description: 'Your own auth and API base URLs (tests, the ml-connector sandbox, proxies)' },
			],
			default: 'production',
		},
		{
			displayName: 'Auth Base URL',
			name: 'authUrl',
			type: 'string',
			default: '',
			placeholder: 'https://auth.servicetitan.io',
			description: 'The token is requested from {Auth Base URL}/connect/token',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Base URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.servicetitan.io',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			description: 'The numeric ServiceTitan tenant ID',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The application key from the ServiceTitan developer portal, sent as the ST-App-Key header',
		},
		{
			displayName: 'Webhook Signing Key',
			name: 'webhookSigningKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The HMAC key entered for your webhooks in the developer portal. The ServiceTitan Trigger refuses unsigned requests unless verification is explicitly turned off.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description: 'ServiceTitan allows 60 requests per second per app and tenant; requests are paced at 80% of this. 0 turns pacing off.',
		},
		{
			displayName: 'Max Wait per Request (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 90,
			description:
				'How long one request may wait in total for retries, including the wait ServiceTitan asks for with Retry-After. When ServiceTitan asks for more, the request fails with an error that says how long it asked for.',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { authUrl } = serviceTitanHosts(credentials);
		const tenantId = String(credentials.tenantId ?? '');
		const secrets = secretValues(credentials);
		if (!authUrl) throw new UserError('Set the Auth Base URL of the custom ServiceTitan environment');
		const tokenUrl = `${authUrl}/connect/token`;
		let response: TokenAnswer;
		try {
			response = (await sendSameOriginOnly(async (request) => await this.helpers.httpRequest(request), {
				method: 'POST',
				url: tokenUrl,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: String(credentials.clientId ?? ''),
					client_secret: String(credentials.clientSecret ?? ''),
				}).toString(),
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as TokenAnswer;
		} catch (error) {
			if (error instanceof CrossOriginRedirectError || error instanceof TooManyRedirectsError) {
				throw new UserError(`The ServiceTitan token URL ${tokenUrl} did not issue a token: ${error.message}`);
			}
			throw new UserError(redactText(`Could not reach the ServiceTitan token endpoint at ${authUrl}: ${(error as Error).message}`, secrets));
		}
		const body = tokenBody(response.body);
		if (body === undefined && response.statusCode !== 401) {
			throw new UserError(redactText(notJsonMessage(tokenUrl, response.statusCode, answerText(response.body)), secrets));
		}
		if ((response.statusCode !== undefined && response.statusCode >= 400) || typeof body?.access_token !== 'string' || !body.access_token) {
			throw new UserError(tokenErrorMessage(response.statusCode, body, tenantId, secrets));
		}
		return { accessToken: body.access_token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'ST-App-Key': '={{$credentials.appKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.environment === "custom" ? $credentials.apiUrl : ($credentials.environment === "integration" ? "https://api-integration.servicetitan.io" : "https://api.servicetitan.io")).replace(/\\/+$/, "") }}',
			url: '=/settings/v2/tenant/{{$credentials.tenantId}}/business-units',
			qs: { pageSize: 1 },
			disableFollowRedirect: true,
		},
		rules: [
			...redirectTestRules('API Base URL'),
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'ServiceTitan rejected the App Key (HTTP 403): check that the App Key belongs to this application and that the tenant granted it access',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'Tenant not found (HTTP 404): check the Tenant ID and the environment' },
			},
			{
				type: 'responseCode',
				properties: { value: 401, message: 'The access token was refused (HTTP 401): check the Client ID and Client Secret' },
			},
		],
	};
}
