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

interface TokenResponse {
	access_token?: string;
	error?: string;
	error_description?: string;
}

function tokenErrorMessage(status: number | undefined, body: TokenResponse | undefined, tenantId: string): string {
	const code = body?.error ?? (status !== undefined ? `HTTP ${status}` : 'no answer');
	if (code === 'invalid_client' || status === 401) {
		return `ServiceTitan refused the client ID or client secret (${code}). Check both, and that they were issued for tenant ${tenantId} in the chosen environment.`;
	}
	return `ServiceTitan did not issue an access token (${code}). Check the environment and the auth URL.`;
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
			description: 'ServiceTitan allows 60 requests per second per app and tenant. 0 turns pacing off.',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { authUrl } = serviceTitanHosts(credentials);
		const tenantId = String(credentials.tenantId ?? '');
		if (!authUrl) throw new UserError('Set the Auth Base URL of the custom ServiceTitan environment');
		let response: { statusCode?: number; body?: TokenResponse };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${authUrl}/connect/token`,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: String(credentials.clientId ?? ''),
					client_secret: String(credentials.clientSecret ?? ''),
				}).toString(),
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as { statusCode?: number; body?: TokenResponse };
		} catch (error) {
			throw new UserError(`Could not reach the ServiceTitan token endpoint at ${authUrl}: ${(error as Error).message}`);
		}
		const body = typeof response.body === 'string' ? (JSON.parse(response.body || '{}') as TokenResponse) : response.body;
		if (response.statusCode !== undefined && response.statusCode >= 400) {
			throw new UserError(tokenErrorMessage(response.statusCode, body, tenantId));
		}
		if (!body?.access_token) throw new UserError(tokenErrorMessage(response.statusCode, body, tenantId));
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
		},
		rules: [
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
