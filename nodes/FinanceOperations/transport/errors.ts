import type { IDataObject } from 'n8n-workflow';

import { describeHttpFailure, HttpRequestError } from '../../shared/http';

/**
 * F&O's error body says "An error has occurred." in `error.message` and what actually went wrong
 * (the Infolog: "Write failed for table row of type … The value 'ZZ' in field 'Customer group' is
 * not found …") in `error.innererror.message`. Keep the Infolog as the message; drop the stack trace.
 */
export function readableErrorBody(body: unknown): unknown {
	const error = (body as IDataObject | undefined)?.error as IDataObject | undefined;
	const inner = (error?.innererror as IDataObject | undefined)?.message;
	if (typeof inner !== 'string' || !inner.trim()) return body;
	return { error: { code: typeof error?.code === 'string' ? error.code : '', message: inner.trim() } };
}

/** The same failure with F&O's Infolog as its message (see readableErrorBody). */
export function withInfolog(error: unknown): unknown {
	if (!(error instanceof HttpRequestError)) return error;
	const failure = describeHttpFailure(error);
	const body = readableErrorBody(failure.body);
	return body === failure.body ? error : new HttpRequestError({ ...failure, body });
}
