export interface RetryPolicy {
	/** Total attempts including the first one. */
	maxAttempts: number;
	baseDelayMs: number;
	/** Floor for every wait, so `Retry-After: 0` (or a date in the past) cannot turn retries into a burst. */
	minDelayMs: number;
	/** Cap for one backoff step (a server's Retry-After may ask for more, up to maxTotalWaitMs). */
	maxDelayMs: number;
	/**
	 * Bound on the sum of all waits for one request, Retry-After included. When the server asks for
	 * more than is left, the rest is waited, one last attempt is made, and the error says what the
	 * server asked for.
	 */
	maxTotalWaitMs: number;
	retryStatuses: readonly number[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	baseDelayMs: 500,
	minDelayMs: 250,
	maxDelayMs: 20_000,
	maxTotalWaitMs: 90_000,
	retryStatuses: [429, 502, 503, 504],
};

const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ERR_STREAM_PREMATURE_CLOSE',
]);

export function isRetryableNetworkCode(code: string | undefined): boolean {
	return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

/** Retry-After is either delta-seconds or an HTTP date. Returns milliseconds, or undefined. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (trimmed === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/** Exponential backoff with full jitter: a random wait in [0, min(cap, base * 2^attempt)]. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.floor(random() * ceiling);
}

/** The wait before the next attempt: the server's Retry-After when it asked for one, else backoff; never below the floor. */
export function nextDelayMs(attempt: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number = Math.random): number {
	const wanted = retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : backoffDelayMs(attempt, policy, random);
	return Math.max(policy.minDelayMs, wanted);
}

/** A policy whose total wait is `maxWaitSeconds` (a credential's setting), when that is a usable number. */
export function policyWithMaxWait(maxWaitSeconds: unknown, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryPolicy {
	const seconds = Number(maxWaitSeconds);
	if (maxWaitSeconds === undefined || maxWaitSeconds === null || maxWaitSeconds === '' || !Number.isFinite(seconds) || seconds < 0) return policy;
	return { ...policy, maxTotalWaitMs: Math.round(seconds * 1000) };
}
