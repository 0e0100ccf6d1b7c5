import type { IDataObject } from 'n8n-workflow';

/**
 * GP's body shape, in one place: the fact sheet could not confirm SBA's `{"Payload": …}` wrapper
 * (in and out), so it is an explicit assumption that changes here and nowhere else.
 */
export const PAYLOAD_FIELD = 'Payload';

export function wrapPayload(record: IDataObject): IDataObject {
	return { [PAYLOAD_FIELD]: record };
}

/** The record or list a response carries; a body without the wrapper is taken as it is. */
export function unwrapPayload(body: unknown): unknown {
	if (body !== null && typeof body === 'object' && !Array.isArray(body) && PAYLOAD_FIELD in body) return (body as IDataObject)[PAYLOAD_FIELD];
	return body;
}
