import type { IAuthenticateRuleResponseCode, IHttpRequestOptions } from 'n8n-workflow';

import { describeHttpFailure } from './failure';

/**
 * n8n follows redirects by default and, unless told otherwise, sends the Authorization header
 * (and every other header, such as `ST-App-Key`) to whatever host a 3xx names. Every request of
 * the package is sent with redirects off; a redirect on the same origin (scheme, host, port) is
 * followed here, one to another origin is refused.
 */

const MAX_REDIRECTS = 5;

export class CrossOriginRedirectError extends Error {
	constructor(
		readonly status: number,
		readonly from: string,
		readonly target: string,
	) {
		super(
			`${hostOf(from)} answered with a redirect (HTTP ${status}) to another host, ${hostOf(target)}; ` +
				`it was not followed, so the credential was not sent there. If that is the right address, set the URL in the credential to it.`,
		);
	}

	get targetHost(): string {
		return hostOf(this.target);
	}
}

export class TooManyRedirectsError extends Error {
	constructor(readonly from: string) {
		super(`${hostOf(from)} redirected more than ${MAX_REDIRECTS} times`);
	}
}

export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'an invalid URL';
	}
}

function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

/** The absolute URL a request goes to (n8n joins baseURL and url the same way). */
export function targetUrl(request: Pick<IHttpRequestOptions, 'url' | 'baseURL'>): string {
	if (!request.baseURL || /^https?:\/\//i.test(request.url)) return request.url;
	return `${request.baseURL.replace(/\/+$/, '')}/${request.url.replace(/^\/+/, '')}`;
}

function isRedirect(status: number | undefined): status is number {
	return status !== undefined && status >= 300 && status < 400;
}

/** What n8n (and browsers) do on a redirect: 303, and 301/302 after a POST, become a GET without body. */
function nextHop(request: IHttpRequestOptions, status: number, url: string): IHttpRequestOptions {
	const method = String(request.method ?? 'GET').toUpperCase();
	const toGet = (status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
	const next: IHttpRequestOptions = { ...request, url, baseURL: undefined, qs: undefined };
	if (toGet) {
		next.method = 'GET';
		delete next.body;
	}
	return next;
}

interface FullResponse {
	statusCode?: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
	const value = Array.isArray(entry?.[1]) ? (entry?.[1] as unknown[])[0] : entry?.[1];
	return value === undefined || value === null ? undefined : String(value);
}

function resolveLocation(location: string, from: string, status: number): string {
	try {
		return new URL(location, from).href;
	} catch {
		throw new CrossOriginRedirectError(status, from, location);
	}
}

/**
 * Sends `request` through `send` (n8n's httpRequest or httpRequestWithAuthentication) with
 * redirects off, follows same-origin redirects and throws CrossOriginRedirectError for any other.
 * Returns what `send` would have returned for the original options.
 */
export async function sendSameOriginOnly(send: (request: IHttpRequestOptions) => Promise<unknown>, request: IHttpRequestOptions): Promise<unknown> {
	const origin = originOf(targetUrl(request));
	let current: IHttpRequestOptions = { ...request, disableFollowRedirect: true, returnFullResponse: true };
	for (let hop = 0; ; hop++) {
		const from = targetUrl(current);
		let status: number;
		let location: string | undefined;
		try {
			const response = (await send(current)) as FullResponse;
			location = headerValue(response.headers, 'location');
			if (!isRedirect(response.statusCode) || !location) return request.returnFullResponse ? response : response.body;
			status = response.statusCode;
		} catch (error) {
			const failure = describeHttpFailure(error);
			location = failure.headers.location;
			if (!isRedirect(failure.status) || !location) throw error;
			status = failure.status;
		}
		const target = resolveLocation(location, from, status);
		if (originOf(target) !== origin) throw new CrossOriginRedirectError(status, from, target);
		if (hop >= MAX_REDIRECTS) throw new TooManyRedirectsError(targetUrl(request));
		current = nextHop(current, status, target);
	}
}

/**
 * Credential-test rules for a redirect: the test request is sent with `disableFollowRedirect`, so
 * a 3xx fails the test with this message instead of handing the token to the redirect's target.
 */
export function redirectTestRules(urlField: string): IAuthenticateRuleResponseCode[] {
	return [301, 302, 303, 307, 308].map((value) => ({
		type: 'responseCode',
		properties: {
			value,
			message: `The ${urlField} answered with a redirect (HTTP ${value}). Redirects are not followed, so the token is never sent to another address: set the ${urlField} to the address it redirects to.`,
		},
	}));
}
