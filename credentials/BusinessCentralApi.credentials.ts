import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { BC_SCOPE, businessCentralHosts } from '../nodes/BusinessCentral/transport/hosts';
import { entraPreAuthentication } from '../nodes/shared/entra';
import { redirectTestRules } from '../nodes/shared/http/redirects';

export class BusinessCentralApi implements ICredentialType {
	name = 'businessCentralApi';

	displayName = 'Business Central API';

	documentationUrl = 'https://github.com/ml-connector/n8n-nodes-ml-connector#business-central-credential';

	icon: Icon = { light: 'file:../nodes/BusinessCentral/businesscentral.svg', dark: 'file:../nodes/BusinessCentral/businesscentral.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// The authority's OpenID configuration, discovered once and reused by every token refresh.
			displayName: 'Authority Metadata',
			name: 'authorityMetadata',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Cloud',
			name: 'cloud',
			type: 'options',
			options: [
				{ name: 'Microsoft Global Cloud', value: 'global' },
				{ name: 'Custom', value: 'custom', description: 'Your own authority and API URLs (sovereign clouds, tests, the ml-connector sandbox)' },
			],
			default: 'global',
		},
		{
			displayName: 'Authority URL',
			name: 'authorityUrl',
			type: 'string',
			default: '',
			placeholder: 'https://login.microsoftonline.us',
			description: 'The Entra ID authority host; the tenant ID is appended',
			displayOptions: { show: { cloud: ['custom'] } },
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.businesscentral.dynamics.com',
			displayOptions: { show: { cloud: ['custom'] } },
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Microsoft Entra tenant: a GUID or a verified domain such as contoso.com',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The application (client) ID of the app registration',
		},
		{
			displayName: 'Authentication',
			name: 'authMethod',
			type: 'options',
			options: [
				{ name: 'Client Secret', value: 'secret' },
				{ name: 'Certificate', value: 'certificate' },
			],
			default: 'secret',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMethod: ['secret'] } },
		},
		{
			displayName: 'Certificate Private Key',
			name: 'certificatePrivateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			placeholder: '-----BEGIN PRIVATE KEY-----',
			description: 'PEM private key of the certificate uploaded to the app registration',
			displayOptions: { show: { authMethod: ['certificate'] } },
		},
		{
			displayName: 'Certificate Thumbprint',
			name: 'certificateThumbprint',
			type: 'string',
			default: '',
			description: 'SHA-1 (40 hex characters) or SHA-256 (64) thumbprint of the certificate',
			displayOptions: { show: { authMethod: ['certificate'] } },
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'string',
			default: 'production',
			required: true,
			description: 'The Business Central environment name, e.g. production or sandbox',
		},
		{
			displayName: 'Default Company',
			name: 'company',
			type: 'string',
			default: '',
			description: 'Company ID (GUID) or name used when a node does not choose one',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 20,
			description: 'Business Central allows 6,000 requests per 5 minutes per user (20 per second). 0 turns pacing off.',
		},
		{
			displayName: 'Max Wait per Request (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 300,
			description:
				'How long one request may wait in total for retries, including the wait Business Central asks for with Retry-After (up to 300 seconds). When it asks for more, the request fails with an error that says how long it asked for.',
		},
	];

	preAuthentication = entraPreAuthentication(() => BC_SCOPE, businessCentralHosts);

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.cloud === "custom" ? $credentials.apiUrl : "https://api.businesscentral.dynamics.com").replace(/\\/+$/, "") }}',
			url: '=/v2.0/{{$credentials.tenantId}}/{{$credentials.environment}}/api/v2.0/companies',
			disableFollowRedirect: true,
		},
		rules: [
			...redirectTestRules('API URL'),
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Business Central refused the token (HTTP 401): register the app on the "Microsoft Entra Applications" page in Business Central, set it to Enabled and assign permission sets',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The app has no Business Central permission for this (HTTP 403): assign a permission set such as D365 BUS FULL ACCESS to the Entra application in Business Central',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'Environment not found (HTTP 404): check the environment name and the tenant' },
			},
		],
	};
}
