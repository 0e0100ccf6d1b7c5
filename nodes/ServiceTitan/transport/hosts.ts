import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export interface ServiceTitanHosts {
	authUrl: string;
	apiUrl: string;
}

const ENVIRONMENTS: Record<string, ServiceTitanHosts> = {
	production: { authUrl: 'https://auth.servicetitan.io', apiUrl: 'https://api.servicetitan.io' },
	integration: {
		authUrl: 'https://auth-integration.servicetitan.io',
		apiUrl: 'https://api-integration.servicetitan.io',
	},
};

function withoutTrailingSlash(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

export function serviceTitanHosts(credentials: ICredentialDataDecryptedObject): ServiceTitanHosts {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'custom') {
		return {
			authUrl: withoutTrailingSlash(String(credentials.authUrl ?? '')),
			apiUrl: withoutTrailingSlash(String(credentials.apiUrl ?? '')),
		};
	}
	return ENVIRONMENTS[environment] ?? ENVIRONMENTS.production;
}
