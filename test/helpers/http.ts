import axios, { AxiosError, type AxiosRequestConfig } from 'axios';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

function serializeQuery(qs: IDataObject | undefined, arrayFormat: IHttpRequestOptions['arrayFormat']): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === null) continue;
		if (Array.isArray(value)) {
			if (arrayFormat === 'comma') params.append(key, value.join(','));
			else value.forEach((entry, index) => params.append(arrayFormat === 'indices' ? `${key}[${index}]` : arrayFormat === 'brackets' ? `${key}[]` : key, String(entry)));
		} else {
			params.append(key, String(value));
		}
	}
	return params.toString();
}

/**
 * Redirects as n8n-core 2.41.1 (@n8n/backend-network convertN8nRequestToAxios) handles them:
 * `disableFollowRedirect` → axios maxRedirects 0 (the 3xx is the answer: an AxiosError, or the
 * response under ignoreHttpStatusErrors); else `maxRedirects` or follow-redirects' default of 21;
 * and its beforeRedirect puts the Authorization header back on every hop, to any origin, unless
 * `sendCredentialsOnCrossOriginRedirect` is false (default true). follow-redirects itself keeps
 * every other header (such as ST-App-Key) on every hop.
 */
function redirectConfig(options: IHttpRequestOptions, headers: Record<string, string>): Partial<AxiosRequestConfig> {
	if (options.disableFollowRedirect === true) return { maxRedirects: 0 };
	const originalOrigin = new URL(options.url, options.baseURL).origin;
	const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
	return {
		...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
		beforeRedirect: (redirected: Record<string, unknown>) => {
			const sameOrigin = new URL(String(redirected.href)).origin === originalOrigin;
			if (authorization && (sameOrigin || (options.sendCredentialsOnCrossOriginRedirect ?? true))) {
				(redirected.headers as Record<string, string>).Authorization = authorization;
			}
		},
	};
}

/** The request n8n-core makes with axios: JSON by default, throws AxiosError unless 2xx. */
export async function plainHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const query = serializeQuery(options.qs, options.arrayFormat ?? 'repeat');
	const base = options.baseURL ? options.baseURL.replace(/\/$/, '') : '';
	const url = `${base}${options.url}${query ? (options.url.includes('?') ? '&' : '?') + query : ''}`;
	const headers = { ...(options.headers as Record<string, string>) };
	const config: AxiosRequestConfig = {
		method: options.method ?? 'GET',
		url,
		headers,
		...redirectConfig(options, headers),
		data: options.body,
		timeout: options.timeout ?? 60_000,
		// axios's default, which n8n keeps: only 2xx is an answer (a 3xx that is not followed throws)
		validateStatus: options.ignoreHttpStatusErrors ? () => true : (status) => status >= 200 && status < 300,
		responseType: 'json',
		transitional: { silentJSONParsing: true, forcedJSONParsing: true, clarifyTimeoutError: false },
	};
	const response = await axios.request(config);
	if (options.returnFullResponse) {
		return { body: response.data, headers: response.headers, statusCode: response.status, statusMessage: response.statusText };
	}
	return response.data;
}

export function isAxiosError(error: unknown): error is AxiosError {
	return error instanceof AxiosError;
}
