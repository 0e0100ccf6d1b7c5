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

/** The request n8n-core makes with axios: JSON by default, throws AxiosError on >= 400. */
export async function plainHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const query = serializeQuery(options.qs, options.arrayFormat ?? 'repeat');
	const base = options.baseURL ? options.baseURL.replace(/\/$/, '') : '';
	const url = `${base}${options.url}${query ? (options.url.includes('?') ? '&' : '?') + query : ''}`;
	const config: AxiosRequestConfig = {
		method: options.method ?? 'GET',
		url,
		headers: { ...(options.headers as Record<string, string>) },
		data: options.body,
		timeout: options.timeout ?? 60_000,
		validateStatus: options.ignoreHttpStatusErrors ? () => true : (status) => status < 400,
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
