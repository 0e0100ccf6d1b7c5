/**
 * What an HTTP call failed with, read from whatever n8n threw: a NodeApiError wrapping an
 * AxiosError (`cause`), a bare AxiosError, or a network error with a `code`.
 */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
	networkCode?: string;
	message: string;
	/** host:port that answered (or failed to) */
	host?: string;
}

/**
 * What requestWithRetry throws for a failed call: the failure with its vendor text already
 * redacted, and nothing else — no request configuration, so no Authorization header.
 */
export class HttpRequestError extends Error {
	constructor(readonly failure: HttpFailure) {
		super(
			`${failure.host ?? 'The server'} ${
				failure.status !== undefined ? `answered HTTP ${failure.status}` : `could not be reached (${failure.networkCode ?? 'network error'})`
			}`,
		);
	}
}

interface ErrorLike {
	message?: unknown;
	code?: unknown;
	httpCode?: unknown;
	status?: unknown;
	cause?: unknown;
	response?: { status?: unknown; headers?: unknown; data?: unknown; body?: unknown };
	context?: { data?: unknown };
	config?: { url?: unknown; baseURL?: unknown };
}

function hostOfConfig(config: ErrorLike['config']): string | undefined {
	if (typeof config?.url !== 'string') return undefined;
	try {
		return new URL(config.url, typeof config.baseURL === 'string' ? config.baseURL : undefined).host;
	} catch {
		return undefined;
	}
}

function asErrorLike(value: unknown): ErrorLike | undefined {
	return value !== null && typeof value === 'object' ? (value as ErrorLike) : undefined;
}

function lowerCaseHeaders(raw: unknown): Record<string, string> {
	const headers: Record<string, string> = {};
	if (raw === null || typeof raw !== 'object') return headers;
	const entries =
		typeof (raw as { toJSON?: () => unknown }).toJSON === 'function'
			? Object.entries((raw as { toJSON: () => Record<string, unknown> }).toJSON())
			: Object.entries(raw as Record<string, unknown>);
	for (const [name, value] of entries) {
		if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
	}
	return headers;
}

function errorChain(error: unknown): ErrorLike[] {
	const chain: ErrorLike[] = [];
	let current = asErrorLike(error);
	while (current && chain.length < 5 && !chain.includes(current)) {
		chain.push(current);
		current = asErrorLike(current.cause);
	}
	return chain;
}

export function describeHttpFailure(error: unknown): HttpFailure {
	if (error instanceof HttpRequestError) return { ...error.failure, headers: { ...error.failure.headers } };
	const failure: HttpFailure = { headers: {}, message: '' };
	const chain = errorChain(error);
	const withResponse = chain.find((link) => link.response && link.response.status !== undefined);
	if (withResponse?.response) {
		failure.status = Number(withResponse.response.status);
		failure.headers = lowerCaseHeaders(withResponse.response.headers);
		failure.body = withResponse.response.data ?? withResponse.response.body;
	}
	for (const link of chain) {
		if (failure.status === undefined && link.httpCode !== undefined && link.httpCode !== null) {
			const status = Number(link.httpCode);
			if (Number.isInteger(status)) failure.status = status;
		}
		if (failure.body === undefined && link.context?.data !== undefined) failure.body = link.context.data;
		if (failure.networkCode === undefined && typeof link.code === 'string' && /^E[A-Z_]+$/.test(link.code)) {
			failure.networkCode = link.code;
		}
		if (!failure.message && typeof link.message === 'string') failure.message = link.message;
		if (failure.host === undefined) failure.host = hostOfConfig(link.config);
	}
	if (failure.networkCode === undefined && /socket hang up/i.test(failure.message)) {
		failure.networkCode = 'ECONNRESET';
	}
	return failure;
}
