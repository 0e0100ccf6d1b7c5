import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IAuthenticateGeneric,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { financeOperationsHosts, financeOperationsScope, environmentUrlOf } from '../nodes/FinanceOperations/transport/hosts';
import { explainScopeRefusal, probeEnvironment } from '../nodes/FinanceOperations/transport/probe';
import { entraPreAuthentication } from '../nodes/shared/entra';
import { redirectTestRules } from '../nodes/shared/http/redirects';

const entraToken = entraPreAuthentication(financeOperationsScope, financeOperationsHosts);

export class FinanceOperationsApi implements ICredentialType {
	name = 'financeOperationsApi';

	displayName = 'Finance & Operations API';

	documentationUrl = 'https://github.com/ml-connector/n8n-nodes-ml-connector#finance--operations-credential';

	icon: Icon = { light: 'file:../nodes/FinanceOperations/financeoperations.svg', dark: 'file:../nodes/FinanceOperations/financeoperations.dark.svg' };

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
			displayName: 'Environment URL',
			name: 'environmentUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://contoso.operations.dynamics.com',
			description: 'The address of your Finance & Operations environment (https, no path). The token is requested for it.',
		},
		{
			displayName: 'Default Legal Entity',
			name: 'legalEntity',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'usmf',
			description: 'The company (dataAreaId) records are read from and written to when a node does not choose one',
		},
		{
			displayName: 'Cloud',
			name: 'cloud',
			type: 'options',
			options: [
				{ name: 'Microsoft Global Cloud', value: 'global' },
				{ name: 'Custom Authority', value: 'custom', description: 'Your own Entra ID authority host (sovereign clouds, tests, the ml-connector sandbox)' },
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
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Microsoft Entra tenant of the environment: a GUID or a verified domain such as contoso.com',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The application (client) ID of the app registration; also enter it in F&O on System administration > Setup > Microsoft Entra ID applications',
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
			displayName: 'Max Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'F&O throttles by priority and answers 429 with Retry-After, which is always honoured. Set a rate here only to stay under a limit of your own. 0 turns pacing off.',
		},
		{
			displayName: 'Max Wait per Request (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 300,
			description:
				'How long one request may wait in total for retries, including the wait F&O asks for with Retry-After. When it asks for more, the request fails with an error that says how long it asked for.',
		},
	];

	/**
	 * Whether the environment answers at all first (a wrong address is then named as such, not as a
	 * scope Entra ID does not know), then the token (tenant, app, secret or certificate).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const environmentUrl = environmentUrlOf(credentials);
		await probeEnvironment(this, environmentUrl);
		try {
			return await entraToken.call(this, credentials);
		} catch (error) {
			throw explainScopeRefusal(error, environmentUrl);
		}
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.environmentUrl).trim().replace(/\\/+$/, "") }}',
			url: '=/data/LegalEntities(LegalEntityId=\'{{ encodeURIComponent(String($credentials.legalEntity).trim().toLowerCase().replace(/\'/g, "\'\'")) }}\')',
			disableFollowRedirect: true,
		},
		rules: [
			...redirectTestRules('Environment URL'),
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Finance & Operations refused the token (HTTP 401): enter the Client ID on System administration > Setup > Microsoft Entra ID applications in F&O and pick its service user; check the Environment URL is exactly the environment\'s address',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The app\'s F&O user may not read legal entities (HTTP 403): give the user mapped to the app on the Microsoft Entra ID applications page the security roles the integration needs',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'Finance & Operations has no legal entity with this ID (HTTP 404): check the Default Legal Entity (the dataAreaId, e.g. usmf)' },
			},
		],
	};
}
