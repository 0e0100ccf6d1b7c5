import type { ICredentialDataDecryptedObject, ICredentialTestRequest, IHttpRequestOptions } from 'n8n-workflow';

import type { CredentialStore } from './credentials';
import { isAxiosError, plainHttpRequest } from './http';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** `={{ js }}` and `=/text/{{ js }}/…` as n8n resolves them, with `$credentials` in scope. */
function resolveExpression(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const evaluate = (code: string) => new Function('$credentials', `return (${code});`)(credentials) as unknown;
	const whole = /^=\{\{([\s\S]*)\}\}$/.exec(value);
	if (whole) return evaluate(whole[1]);
	return value.slice(1).replace(/\{\{([\s\S]*?)\}\}/g, (_, code: string) => String(evaluate(code)));
}

/**
 * n8n-core 2.41.1's credential test (packages/cli credentials-tester.service): preAuthentication
 * always runs, the `test.request` goes through httpRequestWithAuthentication with the options as
 * declared (so `disableFollowRedirect` is honoured), a failed answer is matched against the
 * `responseCode` rules, else reported by status; a 2xx passes.
 */
export async function runCredentialTest(store: CredentialStore): Promise<CredentialTestResult> {
	const test = store.type.test as ICredentialTestRequest;
	try {
		await store.preAuthenticate(true);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	const request = Object.fromEntries(
		Object.entries(test.request).map(([key, value]) => [key, resolveExpression(value, store.data)]),
	) as unknown as IHttpRequestOptions;
	try {
		await plainHttpRequest(store.authenticate({ method: 'GET', ...request, url: request.url ?? '', returnFullResponse: true }));
	} catch (error) {
		const response = isAxiosError(error) ? error.response : undefined;
		if (response) {
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === response.status) return { status: 'Error', message: rule.properties.message };
			}
			if (response.status < 199 || response.status > 299) {
				return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
			}
		}
		const code = (error as { code?: unknown }).code;
		return { status: 'Error', message: typeof code === 'string' ? code : (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
