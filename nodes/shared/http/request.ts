import type {
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { cleanVendorText, redactText, redactValue, secretValues } from '../redact';
import { describeHttpFailure, HttpRequestError, type HttpFailure } from './failure';
import type { RequestPacer } from './pacer';
import { CrossOriginRedirectError, hostOf, sendSameOriginOnly, targetUrl, TooManyRedirectsError } from './redirects';
import { DEFAULT_RETRY_POLICY, isRetryableNetworkCode, nextDelayMs, parseRetryAfter, type RetryPolicy } from './retryPolicy';

export type RequestContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface RetryOptions {
	policy?: RetryPolicy;
	pacer?: RequestPacer;
	/** The response must be a JSON value (not a string); a non-JSON body is retried as a transient fault. */
	expectJson?: boolean;
	/** Sends one request instead of n8n's httpRequestWithAuthentication: the shared NTLM transport (Windows authentication keeps a connection n8n's helpers do not). */
	send?: (request: IHttpRequestOptions) => Promise<unknown>;
}

/** The server's Retry-After asked for more than the request's wait budget had left. */
export interface RetryAfterBeyondBudget {
	askedMs: number;
	budgetMs: number;
}

function seconds(ms: number): string {
	return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(Math.round(ms / 100) / 10);
}

/** Thrown when every attempt failed; carries the last failure (redacted) so callers can build the n8n error. */
export class RetriesExhaustedError extends Error {
	constructor(
		readonly attempts: number,
		readonly waitedMs: number,
		readonly lastFailure: HttpFailure,
		readonly retryAfter?: RetryAfterBeyondBudget,
	) {
		super(
			`gave up after ${attempts} attempts and ${seconds(waitedMs)} s of waiting` +
				(lastFailure.status ? ` (last answer: HTTP ${lastFailure.status})` : lastFailure.networkCode ? ` (last error: ${lastFailure.networkCode})` : '') +
				(retryAfter
					? `; the server asked to wait ${seconds(retryAfter.askedMs)} s (Retry-After), more than the ${seconds(retryAfter.budgetMs)} s ` +
						`this request may wait — raise "Max Wait per Request" on the credential, or run again later`
					: ''),
		);
	}
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']);

/** Response headers a failure keeps; the rest (cookies, tracing) never travels with an error. */
const KEPT_HEADERS = ['retry-after', 'content-type', 'location'];

/**
 * A POST that failed with a 5xx or a dropped connection may have been carried out: repeating it
 * could create a second document. Only a 429 (refused before any work) is retried for it.
 */
function isTransient(failure: HttpFailure, policy: RetryPolicy, idempotent: boolean): boolean {
	if (!idempotent) return failure.status === 429;
	if (failure.status !== undefined) return policy.retryStatuses.includes(failure.status);
	return isRetryableNetworkCode(failure.networkCode);
}

function isMalformed(response: unknown): response is string {
	return typeof response === 'string' && response.trim() !== '';
}

async function credentialSecrets(context: RequestContext, credentialType: string): Promise<string[]> {
	try {
		return secretValues((await context.getCredentials(credentialType)) as Record<string, unknown>);
	} catch {
		return [];
	}
}

function parsedBody(body: unknown): unknown {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string' || !/^\s*[[{]/.test(text)) return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * The failure as it may travel: vendor text redacted with the credential's own secret values
 * (read now, so a token refreshed during the run is known too), HTML pages summarised.
 */
export async function sanitizeFailure(context: RequestContext, credentialType: string, failure: HttpFailure, host: string): Promise<HttpFailure> {
	const secrets = await credentialSecrets(context, credentialType);
	const body = parsedBody(failure.body);
	const headers: Record<string, string> = {};
	for (const name of KEPT_HEADERS) if (failure.headers[name] !== undefined) headers[name] = failure.headers[name];
	return {
		status: failure.status,
		networkCode: failure.networkCode,
		host,
		headers,
		body: typeof body === 'string' ? cleanVendorText(body, { host, secrets }) : redactValue(body, secrets),
		message: redactText(failure.message, secrets),
	};
}

/**
 * Every HTTP call of the package goes through here: n8n's httpRequestWithAuthentication (which
 * runs the credential's preAuthentication and retries once on 401 with a fresh token), redirects
 * followed on the same origin only, plus bounded retries on 429 (honouring Retry-After) and, for
 * idempotent methods, on 502/503/504, connection resets and malformed bodies, with exponential
 * backoff and full jitter above a floor, waiting only through n8n-workflow's sleep. What it
 * throws never carries the request (headers) or unredacted vendor text.
 */
export async function requestWithRetry<T = unknown>(
	context: RequestContext,
	credentialType: string,
	request: IHttpRequestOptions,
	options: RetryOptions = {},
): Promise<T> {
	const policy = options.policy ?? DEFAULT_RETRY_POLICY;
	const idempotent = IDEMPOTENT_METHODS.has(String(request.method ?? 'GET').toUpperCase());
	const host = hostOf(targetUrl(request));
	const send = options.send ?? (async (hop: IHttpRequestOptions) => await context.helpers.httpRequestWithAuthentication.call(context, credentialType, hop));
	let waitedMs = 0;
	let lastChance = false;
	let beyondBudget: RetryAfterBeyondBudget | undefined;
	for (let attempt = 0; ; attempt++) {
		await options.pacer?.wait();
		let failure: HttpFailure;
		try {
			const response = await sendSameOriginOnly(send, { json: true, ...request });
			if (options.expectJson === false || !isMalformed(response)) return response as T;
			failure = { headers: {}, networkCode: 'EMALFORMED', message: 'The server answered with a body that is not valid JSON', body: response };
		} catch (error) {
			if (error instanceof CrossOriginRedirectError || error instanceof TooManyRedirectsError) throw error;
			failure = describeHttpFailure(error);
			// Not an HTTP answer (e.g. the credential's preAuthentication refused): its own message says why.
			if (failure.status === undefined && failure.networkCode === undefined) throw error;
			if (!isTransient(failure, policy, idempotent)) {
				throw new HttpRequestError(await sanitizeFailure(context, credentialType, failure, host));
			}
		}
		const exhausted = async () =>
			new RetriesExhaustedError(attempt + 1, waitedMs, await sanitizeFailure(context, credentialType, failure, host), beyondBudget);
		if (lastChance || attempt + 1 >= policy.maxAttempts) throw await exhausted();
		const retryAfterMs = parseRetryAfter(failure.headers['retry-after'], Date.now());
		let delay = nextDelayMs(attempt, retryAfterMs, policy);
		const leftMs = policy.maxTotalWaitMs - waitedMs;
		if (delay > leftMs) {
			if (retryAfterMs !== undefined && retryAfterMs > leftMs) beyondBudget = { askedMs: retryAfterMs, budgetMs: policy.maxTotalWaitMs };
			if (leftMs < policy.minDelayMs) throw await exhausted();
			delay = leftMs;
			lastChance = true;
		}
		waitedMs += delay;
		await sleep(delay);
	}
}
