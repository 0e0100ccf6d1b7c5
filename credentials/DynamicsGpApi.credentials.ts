import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Dynamics GP's Service Based Architecture (the GP Service of Web Components) with a Windows
 * account. Tested by the Dynamics GP node (`testedBy`): NTLM needs a kept-alive connection that
 * n8n's request-based credential test does not keep.
 */
export class DynamicsGpApi implements ICredentialType {
	name = 'dynamicsGpApi';

	displayName = 'Dynamics GP API';

	documentationUrl = 'https://github.com/ml-connector/n8n-nodes-ml-connector#dynamics-gp-credential';

	icon: Icon = { light: 'file:../nodes/DynamicsGp/dynamicsgp.svg', dark: 'file:../nodes/DynamicsGp/dynamicsgp.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://gp.contoso.local',
			description: 'The server running the GP Service (Web Components); it only answers over HTTPS',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 65535 },
			default: 443,
			description: 'The GP Service port chosen when Web Components were installed',
		},
		{
			displayName: 'Tenant',
			name: 'tenant',
			type: 'string',
			default: 'DefaultTenant',
			description: 'The tenant name; DefaultTenant on a single-tenant install',
		},
		{
			displayName: 'Company Database',
			name: 'company',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'TWO',
			description: 'The SQL Server database name of the GP company (not its display name)',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Windows (NTLM)', value: 'ntlm', description: 'A domain account mapped to a GP user' },
				{ name: 'Basic', value: 'basic', description: 'The same Windows account, sent with every request (when the GP Service allows Basic)' },
			],
			default: 'ntlm',
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			placeholder: 'CONTOSO',
			description: 'The Windows domain; empty when the user name is DOMAIN\\user or user@domain',
		},
		{
			displayName: 'User Name',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The Windows account mapped to a GP user (User Setup > Windows Account)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'CA Certificate',
			name: 'caCertificate',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: '-----BEGIN CERTIFICATE-----',
			description: 'PEM certificate of the authority that signed the GP Service certificate, when it is not publicly trusted (an internal CA)',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the certificate cannot be validated; the password then goes to whoever answers',
		},
		{
			displayName: 'Max Wait per Request (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 90,
			description: 'How long one request may wait in total for retries after 429 and 5xx answers',
		},
	];
}
