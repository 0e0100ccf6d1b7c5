import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { redactText, secretValues } from '../redact';
import { acquireEntraToken } from './token';

/** Where a product's Entra ID authority lives, from its credential (custom for sovereign clouds and tests). */
export interface EntraHosts {
	authorityHost: string;
	custom: boolean;
}

/**
 * The credential's `preAuthentication` for every Entra ID product (Business Central, Finance &
 * Operations, NAV online): a client-credentials token through MSAL, with the scope a function of
 * the credential (Business Central's is fixed, F&O's is its environment URL). The token and the
 * authority's discovered metadata go back into the credential's hidden fields.
 */
export function entraPreAuthentication(scopeOf: (credentials: ICredentialDataDecryptedObject) => string, hostsOf: (credentials: ICredentialDataDecryptedObject) => EntraHosts) {
	return async function preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const hosts = hostsOf(credentials);
		if (!hosts.authorityHost) throw new UserError('Set the Authority URL of the custom cloud');
		const certificate =
			credentials.authMethod === 'certificate'
				? { privateKey: String(credentials.certificatePrivateKey ?? ''), thumbprint: String(credentials.certificateThumbprint ?? '') }
				: undefined;
		try {
			const token = await acquireEntraToken(async (request) => await this.helpers.httpRequest(request), {
				authorityHost: hosts.authorityHost,
				tenantId: String(credentials.tenantId ?? '').trim(),
				clientId: String(credentials.clientId ?? '').trim(),
				clientSecret: String(credentials.clientSecret ?? ''),
				certificate,
				scope: scopeOf(credentials),
				customAuthority: hosts.custom,
				authorityMetadata: String(credentials.authorityMetadata ?? ''),
			});
			return { accessToken: token.accessToken, authorityMetadata: token.authorityMetadata };
		} catch (error) {
			throw new UserError(redactText((error as Error).message, secretValues(credentials)));
		}
	};
}
