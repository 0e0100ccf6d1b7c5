import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { recordTypeFromEvent } from '../actions/document/detect';

export interface WebhookEvent {
	eventId: string;
	eventType: string;
	recordType: string | null;
	recordId: string | null;
	tenantId: string | null;
	data: IDataObject;
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

/**
 * Reads a delivery tolerantly (the payload envelope is not documented by ServiceTitan): event type
 * from the `x-servicetitan-event` header or the body, record id from `data.id` or the body, and an
 * `eventId` that is stable across redeliveries — the sender's id if it gives one, otherwise a hash
 * of the exact signed bytes.
 */
export function readWebhookEvent(body: IDataObject, headers: Record<string, unknown>, rawBody: Buffer | string): WebhookEvent {
	const data = body.data !== null && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as IDataObject) : {};
	const eventType = text(headers['x-servicetitan-event']) ?? text(body.eventType) ?? text(body.event) ?? text(body.type) ?? 'unknown';
	const eventId =
		text(headers['x-servicetitan-webhook-id']) ??
		text(body.eventId) ??
		`sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
	return {
		eventId,
		eventType,
		recordType: recordTypeFromEvent(eventType) ?? null,
		recordId: text(data.id) ?? text(body.recordId) ?? text(body.entityId) ?? null,
		tenantId: text(body.tenantId) ?? null,
		data,
	};
}
