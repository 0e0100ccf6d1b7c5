import { vendorMessage } from '../errors';
import { describeHttpFailure, RetriesExhaustedError, type HttpFailure } from '../http';

/**
 * What a failed post tells. An ERP answering 4xx with its own message refused to post; anything
 * else (a 5xx, a dropped connection, a timeout) may have come after it posted, so the caller must
 * look before it says what happened.
 */
export interface FailedPost {
	refused: boolean;
	/** "HTTP 503", "the connection was cut": how the answer failed. */
	answer: string;
	/** BC's own words, when it answered. */
	message: string;
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNRESET: 'the connection was cut',
	ETIMEDOUT: 'no answer in time',
	ECONNABORTED: 'no answer in time',
};

function failureOf(error: unknown): HttpFailure {
	return error instanceof RetriesExhaustedError ? error.lastFailure : describeHttpFailure(error);
}

export function readFailedPost(error: unknown): FailedPost {
	const failure = failureOf(error);
	const status = failure.status;
	return {
		refused: status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429,
		answer: status !== undefined ? `HTTP ${status}` : (NETWORK_FAILURES[failure.networkCode ?? ''] ?? 'no answer'),
		message: vendorMessage(error),
	};
}
