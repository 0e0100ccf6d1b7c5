import { createHash } from 'node:crypto';

import { readDeliveryTime } from '../../nodes/ServiceTitan/trigger/deliveryTime';
import { readWebhookEvent } from '../../nodes/ServiceTitan/trigger/webhookEvent';

const RAW = '{"raw":"bytes"}';

describe('readWebhookEvent: the signed body wins over the unsigned headers', () => {
	const headers = { 'x-servicetitan-event': 'payment.created', 'x-servicetitan-webhook-id': 'header-id' };

	it.each([
		['eventType', { eventType: 'invoice.updated', data: { id: 5 } }],
		['event', { event: 'invoice.updated', data: { id: 5 } }],
		['type in an envelope', { type: 'invoice.updated', data: { id: 5 } }],
	])('takes the event type from the body field %s', (_label, body) => {
		expect(readWebhookEvent(body, headers, RAW)).toMatchObject({ eventType: 'invoice.updated', recordType: 'invoice', recordId: '5' });
	});

	it("ignores a bare record's own type and falls back to the header", () => {
		expect(readWebhookEvent({ id: 9, type: 'Residential' }, headers, RAW).eventType).toBe('payment.created');
	});

	it('takes the event id from the body, and keeps the header id apart', () => {
		expect(readWebhookEvent({ eventId: 'evt-1', data: {} }, headers, RAW)).toMatchObject({ eventId: 'evt-1', headerWebhookId: 'header-id' });
	});

	it('hashes the signed bytes when the body has no event id, whatever the header says', () => {
		const event = readWebhookEvent({ data: {} }, headers, RAW);
		expect(event.eventId).toBe(`sha256:${createHash('sha256').update(RAW, 'utf8').digest('hex')}`);
		expect(readWebhookEvent({ data: {} }, { ...headers, 'x-servicetitan-webhook-id': 'other' }, RAW).eventId).toBe(event.eventId);
		expect(readWebhookEvent({ data: {} }, headers, `${RAW} `).eventId).not.toBe(event.eventId);
	});

	it('gives unknown and null when nothing names the event', () => {
		expect(readWebhookEvent({}, {}, RAW)).toMatchObject({ eventType: 'unknown', recordType: null, headerWebhookId: null });
	});
});

describe('readDeliveryTime', () => {
	it.each(['timestamp', 'eventTime', 'occurredOn', 'occurredAt', 'sentOn', 'sentAt'])('reads %s from any body', (field) => {
		expect(readDeliveryTime({ [field]: '2020-01-01T00:00:00Z' })).toEqual({ field, value: '2020-01-01T00:00:00Z', ms: Date.UTC(2020, 0, 1) });
	});

	it.each(['createdOn', 'createdAt'])('reads %s only from an envelope, never from a bare record', (field) => {
		expect(readDeliveryTime({ [field]: '2020-01-01T00:00:00Z', data: { id: 1 } })?.field).toBe(field);
		expect(readDeliveryTime({ [field]: '2020-01-01T00:00:00Z', id: 1 })).toBeUndefined();
	});

	it('prefers an event-time field to createdOn', () => {
		expect(readDeliveryTime({ createdOn: '2020-01-01T00:00:00Z', timestamp: 1577836800, data: {} })?.field).toBe('timestamp');
	});

	it('reports a present but unreadable send time', () => {
		expect(readDeliveryTime({ timestamp: 'soon' })).toEqual({ field: 'timestamp', value: 'soon', ms: undefined });
	});
});
