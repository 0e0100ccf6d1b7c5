import type { WriteResult } from '../../shared/sync/adapter';
import { sendBatched as sendWithin, type BatchRequest, type BatchResponse } from '../../shared/odata';
import { BUSINESS_CENTRAL_LIMITS, type BusinessCentralClient } from '../transport';

export const CONCURRENCY = BUSINESS_CENTRAL_LIMITS.concurrency;

/** `$batch` calls within BC's limits (100 operations each, 5 at a time); each request keeps its own result. */
export async function sendBatched<T>(client: BusinessCentralClient, requests: BatchRequest[], read: (response: BatchResponse, index: number) => T): Promise<Array<WriteResult<T>>> {
	return await sendWithin(client, BUSINESS_CENTRAL_LIMITS, requests, read);
}
