import type { IDataObject } from 'n8n-workflow';

import { describeHttpFailure, HttpRequestError } from '../../shared/http';
import { chunks, inParallel } from '../../shared/sync/bulk';
import type { WriteResult } from '../../shared/sync/adapter';
import type { BatchRequest, BatchResponse, BusinessCentralClient } from '../transport';

/** BC's limits: 100 operations per `$batch`, 5 requests processed at a time per user. */
export const BATCH_SIZE = 100;
export const CONCURRENCY = 5;

/** One refused part of a `$batch`, read like a refused request: BC's status and error body. */
function partError(client: BusinessCentralClient, status: number, body: IDataObject | undefined): HttpRequestError {
	const error = body?.error as IDataObject | undefined;
	const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
	return new HttpRequestError({ status, headers: {}, body, message, host: new URL(client.origin).host });
}

/** Whether a failed write may still have been carried out (BC's answer lost, or a server fault). */
function uncertain(status: number | undefined): boolean {
	return status === undefined || status >= 500;
}

/**
 * Sends the requests in `$batch` calls of at most 100, at most 5 at a time; each request gets its own
 * result. A `$batch` call that fails as a whole (a dropped connection, a 5xx) leaves every write in it
 * uncertain, for the engine to resolve by reference.
 */
export async function sendBatched<T>(
	client: BusinessCentralClient,
	requests: BatchRequest[],
	read: (response: BatchResponse, index: number) => T,
): Promise<Array<WriteResult<T>>> {
	const groups = chunks(requests, BATCH_SIZE);
	const answers = await inParallel(groups, CONCURRENCY, async (group) => {
		try {
			const responses = await client.batch(group);
			const byId = new Map(responses.map((response) => [String(response.id), response]));
			return group.map((request, index): WriteResult<T> => {
				const response = byId.get(request.id);
				if (!response) return { ok: false, error: new Error(`Business Central's $batch answer has no part ${request.id}`), uncertain: true };
				if (response.status >= 400) return { ok: false, error: partError(client, response.status, response.body), uncertain: uncertain(response.status) };
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
