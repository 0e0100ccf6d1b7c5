import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { recordTypeFromEvent } from '../actions/document/detect';
import { isEnvelope } from './deliveryTime';

export interface WebhookEvent {
	/** The dedupe key: the signed body's event id, else a hash of the exact signed bytes. */
	eventId: string;
	eventType: string;
	recordType: string | null;
	recordId: string | null;
	tenantId: string | null;
	/** `x-servicetitan-webhook-id` as received: not signed, for tracing only, never for dedupe. */
	headerWebhookId: string | null;
	data: IDataObject;
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

/**
 * Reads a delivery tolerantly (ServiceTitan does not document the envelope). Headers are not
 * covered by the signature, so whatever the signed body says wins: a captured body re-sent with
 * new headers must keep its event id and type. The event id never comes from a header, else a
 * re-send with a fresh header id would pass Remove Duplicates; the header event type is used only
 * when the body has none (it then steers the filter and record type, not the id).
 */
export function readWebhookEvent(body: IDataObject, headers: Record<string, unknown>, rawBody: Buffer | string): WebhookEvent {
	const envelope = isEnvelope(body);
	const data = envelope ? (body.data as IDataObject) : {};
	// A bare record can have its own `type` (a customer's "Residential"), so only an envelope's counts.
	const bodyEventType = text(body.eventType) ?? text(body.event) ?? (envelope ? text(body.type) : undefined);
	const eventType = bodyEventType ?? text(headers['x-servicetitan-event']) ?? 'unknown';
	return {
		eventId: text(body.eventId) ?? `sha256:${createHash('sha256').update(rawBody).digest('hex')}`,
		eventType,
		recordType: recordTypeFromEvent(eventType) ?? null,
		recordId: text(data.id) ?? text(body.recordId) ?? text(body.entityId) ?? null,
		tenantId: text(body.tenantId) ?? null,
		headerWebhookId: text(headers['x-servicetitan-webhook-id']) ?? null,
		data,
	};
}
