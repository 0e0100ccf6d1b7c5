import type { IDataObject } from 'n8n-workflow';

import { describeHttpFailure, HttpRequestError } from '../http';
import type { WriteResult } from '../sync/adapter';
import { evenChunks, inParallel } from '../sync/bulk';

export interface BatchRequest {
	id: string;
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	/** Relative to the API root, e.g. `companies(<id>)/customers`. */
	url: string;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface BatchResponse {
	id: string;
	status: number;
	body?: IDataObject;
}

export interface BatchSender {
	readonly origin: string;
	batch(requests: BatchRequest[]): Promise<BatchResponse[]>;
}

/** A service's limits: operations per `$batch`, requests processed at a time per user. */
export interface BatchLimits {
	batchSize: number;
	concurrency: number;
}

/** One refused part of a `$batch`, read like a refused request: the status and the service's error body. */
function partError(sender: BatchSender, status: number, body: IDataObject | undefined): HttpRequestError {
	const error = body?.error as IDataObject | undefined;
	const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
	return new HttpRequestError({ status, headers: {}, body, message, host: new URL(sender.origin).host });
}

/** Whether a failed write may still have been carried out (the answer lost, or a server fault). */
function uncertain(status: number | undefined): boolean {
	return status === undefined || status >= 500;
}

/**
 * Sends the requests in `$batch` calls within the service's limits, spread over every slot the
 * service processes at once; each request gets its own
 * result. A `$batch` call that fails as a whole (a dropped connection, a 5xx) leaves every write in
 * it uncertain, for the engine to resolve by reference.
 */
export async function sendBatched<T>(sender: BatchSender, limits: BatchLimits, requests: BatchRequest[], read: (response: BatchResponse, index: number) => T): Promise<Array<WriteResult<T>>> {
	const answers = await inParallel(evenChunks(requests, limits.batchSize, limits.concurrency), limits.concurrency, async (group) => {
		try {
			const responses = await sender.batch(group);
			const byId = new Map(responses.map((response) => [String(response.id), response]));
			return group.map((request, index): WriteResult<T> => {
				const response = byId.get(request.id);
				if (!response) return { ok: false, error: new Error(`The $batch answer has no part ${request.id}`), uncertain: true };
				if (response.status >= 400) return { ok: false, error: partError(sender, response.status, response.body), uncertain: uncertain(response.status) };
				try {
					return { ok: true, value: read(response, index) };
				} catch (error) {
					return { ok: false, error, uncertain: true };
				}
			});
		} catch (error) {
			const status = describeHttpFailure(error).status;
			return group.map((): WriteResult<T> => ({ ok: false, error, uncertain: uncertain(status) }));
		}
	});
	return answers.flat();
}
