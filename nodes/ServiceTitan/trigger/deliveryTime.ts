import type { IDataObject } from 'n8n-workflow';

import { timestampMilliseconds } from '../../shared/signature';

/** Names that only ever mean "when this event was sent", wherever they appear at the top level. */
export const EVENT_TIME_FIELDS = ['timestamp', 'eventTime', 'occurredOn', 'occurredAt', 'sentOn', 'sentAt'];
/**
 * Names that a ServiceTitan record also carries (its own creation date): read only from an
 * envelope (a body with a `data` object), never from a bare record, or an update to an old record
 * would look like a replay.
 */
export const ENVELOPE_TIME_FIELDS = ['createdOn', 'createdAt'];

export interface DeliveryTime {
	field: string;
	value: unknown;
	/** undefined when the field is present but not a date-time or epoch number */
	ms: number | undefined;
}

export function isEnvelope(body: IDataObject): boolean {
	return body.data !== null && typeof body.data === 'object' && !Array.isArray(body.data);
}

/** The first send-time field the body carries, in the order of the lists above. */
export function readDeliveryTime(body: IDataObject): DeliveryTime | undefined {
	const fields = isEnvelope(body) ? [...EVENT_TIME_FIELDS, ...ENVELOPE_TIME_FIELDS] : EVENT_TIME_FIELDS;
	const field = fields.find((name) => body[name] !== undefined && body[name] !== null && body[name] !== '');
	return field === undefined ? undefined : { field, value: body[field], ms: timestampMilliseconds(body[field]) };
}
