import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { vendorMessage } from '../../../shared/errors';
import { describeHttpFailure } from '../../../shared/http';
import type { BusinessCentralClient } from '../../transport';

/** BC answers a stale If-Match with 409 Request_EntityChanged (412 on some paths). */
export function isConcurrencyConflict(error: unknown): boolean {
	const status = describeHttpFailure(error).status;
	return status === 409 || status === 412;
}

/**
 * PATCH with If-Match. A stale ETag never overwrites: it becomes an error saying the record
 * was changed by someone else since it was read.
 */
export async function patchWithEtag(
	context: IExecuteFunctions,
	client: BusinessCentralClient,
	itemIndex: number,
	request: { path: string; body: IDataObject; etag: string; label: string },
): Promise<IDataObject> {
	try {
		return await client.request<IDataObject>('PATCH', request.path, { body: request.body, etag: request.etag });
	} catch (error) {
		if (!isConcurrencyConflict(error)) throw error;
		throw new NodeOperationError(context.getNode(), `Someone else changed ${request.label} after it was read, so Business Central refused the update (HTTP 409 conflict)`, {
			itemIndex,
			description:
				`Nothing was overwritten. Business Central said: "${vendorMessage(error)}". ` +
				'Read the record again, check the other change, then update with its new @odata.etag (or leave the ETag option empty to update the current version).',
		});
	}
}
