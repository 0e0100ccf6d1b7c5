import type {
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { describeHttpFailure, type HttpFailure } from './failure';
import type { RequestPacer } from './pacer';
import {
	backoffDelayMs,
	DEFAULT_RETRY_POLICY,
	isRetryableNetworkCode,
	parseRetryAfter,
	type RetryPolicy,
} from './retryPolicy';

export type RequestContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface RetryOptions {
	policy?: RetryPolicy;
	pacer?: RequestPacer;
	/** The response must be a JSON value (not a string); a non-JSON body is retried as a transient fault. */
	expectJson?: boolean;
}

/** Thrown when every attempt failed; carries the last failure so callers can build the n8n error. */
export class RetriesExhaustedError extends Error {
	constructor(
		readonly attempts: number,
		readonly waitedMs: number,
		readonly lastFailure: HttpFailure,
		readonly lastError: unknown,
	) {
		super(
			`gave up after ${attempts} attempts and ${Math.round(waitedMs / 1000)} s of waiting` +
				(lastFailure.status ? ` (last answer: HTTP ${lastFailure.status})` : lastFailure.networkCode ? ` (last error: ${lastFailure.networkCode})` : ''),
		);
	}
}

/** Thrown for a 2xx answer whose body is not the JSON we asked for. */
export class MalformedResponseError extends Error {
	constructor(readonly preview: string) {
		super('The server answered with a body that is not valid JSON');
	}
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']);

/**
 * A POST that failed with a 5xx or a dropped connection may have been carried out: repeating it
 * could create a second document. Only a 429 (refused before any work) is retried for it.
 */
function isTransient(failure: HttpFailure, policy: RetryPolicy, idempotent: boolean): boolean {
	if (!idempotent) return failure.status === 429;
	if (failure.status !== undefined) return policy.retryStatuses.includes(failure.status);
	return isRetryableNetworkCode(failure.networkCode);
}

function checkJson(response: unknown): void {
	if (typeof response === 'string' && response.trim() !== '') {
		throw new MalformedResponseError(response.slice(0, 80));
	}
}

/**
 * Every HTTP call of the package goes through here: n8n's httpRequestWithAuthentication (which
 * runs the credential's preAuthentication and retries once on 401 with a fresh token), plus
 * bounded retries on 429 (honouring Retry-After) and, for idempotent methods, on 502/503/504,
 * connection resets and malformed bodies, with exponential backoff and full jitter, waiting only
 * through n8n-workflow's sleep.
 */
export async function requestWithRetry<T = unknown>(
	context: RequestContext,
	credentialType: string,
	request: IHttpRequestOptions,
	options: RetryOptions = {},
): Promise<T> {
	const policy = options.policy ?? DEFAULT_RETRY_POLICY;
	let waitedMs = 0;
	const idempotent = IDEMPOTENT_METHODS.has(String(request.method ?? 'GET').toUpperCase());
	for (let attempt = 0; ; attempt++) {
		await options.pacer?.wait();
		let failure: HttpFailure;
		let thrown: unknown;
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				credentialType,
				{ json: true, ...request },
			)) as T;
			if (options.expectJson !== false) checkJson(response);
			return response;
		} catch (error) {
			thrown = error;
			failure =
				error instanceof MalformedResponseError
					? { headers: {}, networkCode: 'EMALFORMED', message: error.message }
					: describeHttpFailure(error);
			const transient = error instanceof MalformedResponseError || isTransient(failure, policy, idempotent);
			if (!transient) throw error;
		}
		const delay =
			parseRetryAfter(failure.headers['retry-after'], Date.now()) ?? backoffDelayMs(attempt, policy);
		const attemptsLeft = attempt + 1 < policy.maxAttempts;
		if (!attemptsLeft || waitedMs + delay > policy.maxTotalWaitMs) {
			throw new RetriesExhaustedError(attempt + 1, waitedMs, failure, thrown);
		}
		waitedMs += delay;
		await sleep(delay);
	}
}
