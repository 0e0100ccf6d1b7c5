import { AxiosError, AxiosHeaders } from 'axios';
import { NodeApiError, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import {
	backoffDelayMs,
	DEFAULT_RETRY_POLICY,
	describeHttpFailure,
	HttpRequestError,
	parseRetryAfter,
	RequestPacer,
	requestWithRetry,
	RetriesExhaustedError,
	type RequestContext,
	type RetryPolicy,
} from '../../nodes/shared/http';

const node: INode = { id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

function httpError(status: number, headers: Record<string, string> = {}, data: unknown = {}) {
	const axiosError = new AxiosError('Request failed', 'ERR_BAD_RESPONSE', undefined, undefined, {
		status,
		statusText: '',
		headers: new AxiosHeaders(headers),
		config: { headers: new AxiosHeaders({ Authorization: 'Bearer secret-token' }) },
		data,
	});
	return new NodeApiError(node, axiosError as never);
}

function resetError() {
	const error = new Error('socket hang up') as Error & { code: string };
	error.code = 'ECONNRESET';
	return new NodeApiError(node, error as never);
}

/** A context whose HTTP answers (bodies, as n8n returns them) come from a script, one entry per attempt. */
function scriptedContext(script: Array<() => unknown>) {
	let calls = 0;
	const context = {
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const step = script[Math.min(calls, script.length - 1)];
				calls++;
				const body = step();
				return options.returnFullResponse ? { body, headers: {}, statusCode: 200, statusMessage: 'OK' } : body;
			},
		},
	} as unknown as RequestContext;
	return { context, calls: () => calls };
}

const fastPolicy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, minDelayMs: 1, maxDelayMs: 5, maxTotalWaitMs: 5_000 };

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
	return await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
}

describe('parseRetryAfter', () => {
	it('reads delta-seconds and HTTP dates', () => {
		const now = Date.parse('2026-11-21T10:00:00Z');
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('0.5', now)).toBe(500);
		expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});
});

describe('backoffDelayMs', () => {
	it('grows exponentially under the cap, with full jitter', () => {
		expect(backoffDelayMs(0, DEFAULT_RETRY_POLICY, () => 0.999)).toBeLessThanOrEqual(500);
		expect(backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.999)).toBe(Math.floor(0.999 * 4000));
		expect(backoffDelayMs(20, DEFAULT_RETRY_POLICY, () => 1)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
		expect(backoffDelayMs(5, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
	});
});

describe('describeHttpFailure', () => {
	it('finds status, headers and body inside a NodeApiError wrapping an AxiosError', () => {
		const failure = describeHttpFailure(httpError(429, { 'Retry-After': '2' }, { title: 'Too many' }));
		expect(failure.status).toBe(429);
		expect(failure.headers['retry-after']).toBe('2');
		expect(failure.body).toEqual({ title: 'Too many' });
	});

	it('finds a connection reset', () => {
		expect(describeHttpFailure(resetError()).networkCode).toBe('ECONNRESET');
	});
});

describe('requestWithRetry', () => {
	it('retries 429, 502, 503, 504 and resets, then succeeds', async () => {
		const { context, calls } = scriptedContext([
			() => { throw httpError(429); },
			() => { throw httpError(502); },
			() => { throw httpError(503); },
			() => { throw httpError(504); },
			() => { throw resetError(); },
			() => ({ ok: true }),
		]);
		await expect(requestWithRetry(context, 'x', { url: 'http://127.0.0.1/' }, { policy: fastPolicy })).resolves.toEqual({ ok: true });
		expect(calls()).toBe(6);
	});

	it('retries through a transport of its own (the shared NTLM transport) as through n8n, and never calls n8n then', async () => {
		const { context, calls } = scriptedContext([() => ({ viaN8n: true })]);
		const answers: Array<() => unknown> = [
			() => { throw new HttpRequestError({ status: 429, headers: { 'retry-after': '0' }, message: 'Too many requests', host: '127.0.0.1' }); },
			() => { throw new HttpRequestError({ status: 503, headers: {}, message: 'Unavailable', host: '127.0.0.1' }); },
			() => ({ ok: true }),
		];
		let sent = 0;
		const send = async (options: IHttpRequestOptions) => {
			const body = answers[sent++]();
			return options.returnFullResponse ? { body, headers: {}, statusCode: 200, statusMessage: 'OK' } : body;
		};
		await expect(requestWithRetry(context, 'x', { url: 'http://127.0.0.1/' }, { policy: fastPolicy, send })).resolves.toEqual({ ok: true });
		expect({ sent, viaN8n: calls() }).toEqual({ sent: 3, viaN8n: 0 });
	});

	it('honours Retry-After before the next attempt', async () => {
		const { context, calls } = scriptedContext([() => { throw httpError(429, { 'retry-after': '1' }); }, () => ({ ok: true })]);
		const started = Date.now();
		await requestWithRetry(context, 'x', { url: 'http://127.0.0.1/' }, { policy: fastPolicy });
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(calls()).toBe(2);
	});

	it('does not retry other client errors, and throws them without the request (no Authorization header)', async () => {
		const { context, calls } = scriptedContext([() => { throw httpError(400, {}, { title: 'Bad' }); }]);
		const error = await failureOf(requestWithRetry(context, 'x', { url: 'http://127.0.0.1/' }, { policy: fastPolicy }));
		expect(error).toBeInstanceOf(HttpRequestError);
		expect((error as HttpRequestError).failure).toMatchObject({ status: 400, body: { title: 'Bad' }, host: '127.0.0.1' });
		expect(JSON.stringify(error)).not.toContain('secret-token');
		expect(calls()).toBe(1);
	});

	it('gives up after the bounded number of attempts with the last status', async () => {
		const { context, calls } = scriptedContext([() => { throw httpError(503); }]);
		const error = await requestWithRetry(context, 'x', { url: 'http://127.0.0.1/' }, { policy: { ...fastPolicy, maxAttempts: 3 } }).then(
			() => undefined,
			(e: RetriesExhaustedError) => e,
		);
		expect(error).toBeInstanceOf(RetriesExhaustedError);
		if (!error) return;
		expect(error.lastFailure.status).toBe(503);
		expect(error.message).toMatch(/gave up after 3 attempts/);
		expect(calls()).toBe(3);
	});

	it('when the server asks for more than the wait budget, waits out the budget, tries once more, then says what the server asked for', async () => {
		const { context, calls } = scriptedContext([() => { throw httpError(429, { 'retry-after': '300' }); }]);
		const started = Date.now();
		const error = await failureOf(requestWithRetry(context, 'x', { url: 'http://127.0.0.1/' }, { policy: { ...fastPolicy, maxTotalWaitMs: 400 } }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(380);
		expect(error).toBeInstanceOf(RetriesExhaustedError);
		expect((error as Error).message).toMatch(/the server asked to wait 300 s \(Retry-After\), more than the 0.4 s this request may wait/);
		expect(calls()).toBe(2);
	});

	it('keeps a minimum backoff when Retry-After is 0 or a date in the past', async () => {
		for (const retryAfter of ['0', new Date(Date.now() - 60_000).toUTCString()]) {
			const { context, calls } = scriptedContext([() => { throw httpError(429, { 'retry-after': retryAfter }); }]);
			const started = Date.now();
			const error = await failureOf(requestWithRetry(context, 'x', { url: 'http://127.0.0.1/' }, { policy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 4 } }));
			expect(error).toBeInstanceOf(RetriesExhaustedError);
			expect(calls()).toBe(4);
			// three waits of at least the 250 ms floor, not three immediate repeats
			expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 250 - 20);
		}
	});

	it('retries a body that is not JSON', async () => {
		const { context, calls } = scriptedContext([() => '{"data": [1, 2', () => ({ data: [1, 2] })]);
		await expect(requestWithRetry(context, 'x', { url: 'http://127.0.0.1/' }, { policy: fastPolicy })).resolves.toEqual({ data: [1, 2] });
		expect(calls()).toBe(2);
	});
});

describe('RequestPacer', () => {
	it('spaces requests to the configured rate', async () => {
		let now = 0;
		const pacer = new RequestPacer(10, () => now);
		await pacer.wait();
		now = 20;
		const started = Date.now();
		await pacer.wait();
		// The second slot is at 100 ms on the fake clock: the pacer sleeps the remaining 80 ms.
		expect(Date.now() - started).toBeGreaterThanOrEqual(70);
	});

	it('does nothing when pacing is off', async () => {
		const pacer = new RequestPacer(0);
		const started = Date.now();
		for (let i = 0; i < 100; i++) await pacer.wait();
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe('requestWithRetry for requests that are not idempotent', () => {
	it('does not repeat a POST after a 5xx or a dropped connection (it may have been carried out)', async () => {
		const cases: Array<[() => Error, Partial<HttpRequestError['failure']>]> = [
			[() => httpError(504), { status: 504 }],
			[() => resetError(), { networkCode: 'ECONNRESET' }],
		];
		for (const [failure, expected] of cases) {
			const { context, calls } = scriptedContext([() => { throw failure(); }, () => ({ ok: true })]);
			const error = await failureOf(requestWithRetry(context, 'x', { method: 'POST', url: 'http://127.0.0.1/' }, { policy: fastPolicy }));
			expect(error).toBeInstanceOf(HttpRequestError);
			expect((error as HttpRequestError).failure).toMatchObject(expected);
			expect(calls()).toBe(1);
		}
	});

	it('still repeats a POST refused with 429', async () => {
		const { context, calls } = scriptedContext([() => { throw httpError(429); }, () => ({ ok: true })]);
		await expect(requestWithRetry(context, 'x', { method: 'POST', url: 'http://127.0.0.1/' }, { policy: fastPolicy })).resolves.toEqual({ ok: true });
		expect(calls()).toBe(2);
	});
});
