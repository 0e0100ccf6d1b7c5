import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const BC_SCOPE = 'https://api.businesscentral.dynamics.com/.default';

export interface BusinessCentralHosts {
	authorityHost: string;
	apiUrl: string;
	custom: boolean;
}

function withoutTrailingSlash(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

export function businessCentralHosts(credentials: ICredentialDataDecryptedObject): BusinessCentralHosts {
	if (credentials.cloud === 'custom') {
		return {
			authorityHost: withoutTrailingSlash(String(credentials.authorityUrl ?? '')),
			apiUrl: withoutTrailingSlash(String(credentials.apiUrl ?? '')),
			custom: true,
		};
	}
	return { authorityHost: 'https://login.microsoftonline.com', apiUrl: 'https://api.businesscentral.dynamics.com', custom: false };
}

/** `{api}/v2.0/{tenant}/{environment}/api/v2.0` */
export function businessCentralApiRoot(credentials: ICredentialDataDecryptedObject): string {
	const { apiUrl } = businessCentralHosts(credentials);
	const tenant = encodeURIComponent(String(credentials.tenantId ?? '').trim());
	const environment = encodeURIComponent(String(credentials.environment ?? '').trim());
	return `${apiUrl}/v2.0/${tenant}/${environment}/api/v2.0`;
}
