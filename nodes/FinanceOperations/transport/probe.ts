import type { IHttpRequestHelper } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { describeHttpFailure, sendSameOriginOnly } from '../../shared/http';

const TLS_FAILURE = /CERT|TLS|SSL|EPROTO/i;

/**
 * Whether the environment answers at all (any HTTP status will do; no token is sent), so a
 * credential test can tell "F&O is unreachable" and "its TLS certificate is not trusted" apart
 * from a refused token.
 */
export async function probeEnvironment(helper: IHttpRequestHelper, environmentUrl: string): Promise<void> {
	const host = new URL(environmentUrl).host;
	try {
		await sendSameOriginOnly(async (hop) => await helper.helpers.httpRequest(hop), { method: 'GET', url: `${environmentUrl}/data/`, ignoreHttpStatusErrors: true, timeout: 20_000 });
	} catch (error) {
		const failure = describeHttpFailure(error);
		const code = failure.networkCode ?? String((error as { code?: unknown }).code ?? 'no answer');
		if (TLS_FAILURE.test(`${code} ${failure.message}`)) {
			throw new UserError(`The F&O environment ${host} answered, but not with a TLS certificate this n8n trusts (${code}): check the Environment URL, and for a private certificate authority set NODE_EXTRA_CA_CERTS`);
		}
		throw new UserError(`The F&O environment ${host} could not be reached (${code}): check the Environment URL and that n8n can reach it`);
	}
}

/**
 * Entra ID refuses the scope `<environment URL>/.default` when the address is not exactly the
 * environment's (it knows the environment as a resource of the tenant by that address); the
 * shared explanation speaks of Business Central's API permission, which does not apply here.
 */
export function explainScopeRefusal(error: unknown, environmentUrl: string): unknown {
	const message = (error as Error)?.message ?? '';
	if (!/The scope was refused/.test(message)) return error;
	const code = /\((AADSTS\d+|[a-z_]+)\)/.exec(message)?.[1] ?? 'invalid_scope';
	return new UserError(
		`Microsoft Entra ID did not issue a token for ${environmentUrl}/.default (${code}): check the Environment URL is exactly your environment's address (as in the browser, without a path), in this tenant`,
	);
}
