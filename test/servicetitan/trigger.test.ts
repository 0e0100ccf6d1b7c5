import { createHash } from 'node:crypto';

import { ServiceTitanTrigger } from '../../nodes/ServiceTitan/ServiceTitanTrigger.node';
import { SIM_SECRETS, serviceTitanCredential, startSimulator, type Simulator } from './setup';
import { hostWebhook } from './webhookHost';

const trigger = new ServiceTitanTrigger();
let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.close();
});

async function withHost(parameters: Record<string, unknown>, credentialOverrides: Record<string, unknown>, run: (host: Awaited<ReturnType<typeof hostWebhook>>) => Promise<void>) {
	const host = await hostWebhook(trigger, { events: ['*'], options: {}, ...parameters }, serviceTitanCredential(sim, credentialOverrides));
	try {
		await run(host);
	} finally {
		await host.close();
	}
}

const firstInvoiceId = () => sim.state.invoices[0].id;

describe('ServiceTitan Trigger: signed webhooks', () => {
	it.each(['hex', 'base64'])('accepts a correctly signed delivery (%s) and emits one item with a stable eventId', async (encoding) => {
		await withHost({}, {}, async (host) => {
			const sent = await sim.sendWebhook(host.url, { eventType: 'invoice.updated', recordId: firstInvoiceId() }, { encoding });
			expect(sent.status).toBe(200);
			expect(host.executions).toHaveLength(1);
			expect(host.executions[0]).toHaveLength(1);
			expect(host.executions[0][0].json).toMatchObject({
				eventId: sent.eventId,
				eventType: 'invoice.updated',
				recordType: 'invoice',
				recordId: String(firstInvoiceId()),
			});
		});
	});

	it('accepts the sha256= prefix', async () => {
		await withHost({}, {}, async (host) => {
			const sent = await sim.sendWebhook(host.url, { eventType: 'payment.created', recordId: 1 }, { prefix: 'sha256=' });
			expect(sent.status).toBe(200);
			expect(host.executions).toHaveLength(1);
		});
	});

	it('answers 401 and starts nothing for a wrong, missing or tampered signature', async () => {
		await withHost({}, {}, async (host) => {
			const wrongKey = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 }, { key: 'another-key-0123456789abcdef01234' });
			const missing = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 }, { signature: '' });
			const oneWhitespaceByte = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 }, {
				tamper: (raw: string) => raw.replace(/\{"/, '{ "'),
			});
			expect([wrongKey.status, missing.status, oneWhitespaceByte.status]).toEqual([401, 401, 401]);
			expect(host.executions).toHaveLength(0);
		});
	});

	it('refuses every delivery when no signing key is configured, unless verification is turned off', async () => {
		await withHost({}, { webhookSigningKey: '' }, async (host) => {
			const sent = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 });
			expect(sent.status).toBe(401);
			expect(host.executions).toHaveLength(0);
		});
		await withHost({ options: { verifySignature: false } }, { webhookSigningKey: '' }, async (host) => {
			const sent = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 }, { signature: '' });
			expect(sent.status).toBe(200);
			expect(host.executions).toHaveLength(1);
		});
	});

	it('uses a configured header name', async () => {
		await withHost({ options: { signatureHeader: 'X-Custom-Sig' } }, {}, async (host) => {
			const sent = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 }, { header: 'x-custom-sig' });
			expect(sent.status).toBe(200);
			const defaultHeader = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 });
			expect(defaultHeader.status).toBe(401);
		});
	});

	it('acknowledges events outside the filter without starting the workflow', async () => {
		await withHost({ events: ['payment.created'] }, {}, async (host) => {
			const sent = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 });
			expect(sent.status).toBe(200);
			expect(host.executions).toHaveLength(0);
		});
	});

	it('gives a redelivery of the same event the same eventId', async () => {
		await withHost({}, {}, async (host) => {
			const first = await sim.sendWebhook(host.url, { eventType: 'invoice.updated', recordId: firstInvoiceId() }, { eventId: 'evt-fixed-1' });
			const again = await sim.sendWebhook(host.url, { eventType: 'invoice.updated', recordId: firstInvoiceId() }, { eventId: 'evt-fixed-1' });
			expect(first.eventId).toBe(again.eventId);
			expect(host.executions.map((items) => items[0].json.eventId)).toEqual(['evt-fixed-1', 'evt-fixed-1']);
		});
	});
});

const HOUR_MS = 3600 * 1000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR_MS).toISOString();

/** A body signed with the simulator's key (the credential's key), ready to POST byte for byte. */
function signedBody(payload: Record<string, unknown>) {
	const rawBody = JSON.stringify(payload);
	return { rawBody, signature: sim.signWebhook(rawBody) as string };
}

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

describe('ServiceTitan Trigger: replayed deliveries', () => {
	it("keeps the signed body's event id and type when a captured delivery is re-sent with new headers", async () => {
		await withHost({}, {}, async (host) => {
			const sent = await sim.sendWebhook(host.url, { eventType: 'invoice.updated', recordId: firstInvoiceId() });
			const replay = await host.post(sent.rawBody, {
				'x-servicetitan-signature': sent.signature as string,
				'x-servicetitan-webhook-id': 'chosen-by-the-replayer',
				'x-servicetitan-event': 'payment.created',
			});
			expect([sent.status, replay.status]).toEqual([200, 200]);
			const [original, replayed] = host.executions.map((items) => items[0].json);
			expect(replayed).toMatchObject({ eventId: sent.eventId, eventType: 'invoice.updated', recordType: 'invoice' });
			expect(replayed.eventId).toBe(original.eventId);
			expect(replayed.headerWebhookId).toBe('chosen-by-the-replayer');
		});
	});

	it('derives the event id from the signed bytes, never from a header, when the body has none', async () => {
		await withHost({}, {}, async (host) => {
			const { rawBody, signature } = signedBody({ tenantId: 1000001, createdOn: hoursAgo(0), data: { id: firstInvoiceId() } });
			const first = await host.post(rawBody, { 'x-servicetitan-signature': signature, 'x-servicetitan-webhook-id': 'hdr-1', 'x-servicetitan-event': 'invoice.updated' });
			const again = await host.post(rawBody, { 'x-servicetitan-signature': signature, 'x-servicetitan-webhook-id': 'hdr-2', 'x-servicetitan-event': 'invoice.updated' });
			expect([first.status, again.status]).toEqual([200, 200]);
			const emitted = host.executions.map((items) => items[0].json);
			expect(emitted.map((event) => event.eventId)).toEqual([sha256(rawBody), sha256(rawBody)]);
			expect(emitted.map((event) => event.headerWebhookId)).toEqual(['hdr-1', 'hdr-2']);
			// With no type in the body the header's type is all there is: it steers the filter, not the id.
			expect(emitted[0]).toMatchObject({ eventType: 'invoice.updated', recordType: 'invoice', recordId: String(firstInvoiceId()) });
		});
	});

	it.each([
		['stamped in 2020', { createdOn: '2020-01-01T00:00:00Z' }],
		['25 hours old', { createdOn: hoursAgo(25) }],
		['25 hours in the future', { createdOn: hoursAgo(-25) }],
		['2020 in epoch seconds', { timestamp: 1577836800 }],
		['2020 in epoch milliseconds', { timestamp: 1577836800000 }],
		['2020 without a time zone', { occurredOn: '2020-01-01T00:00:00' }],
	])('answers 401 and starts nothing for a validly signed delivery %s (default 24 h window)', async (_label, stamp) => {
		await withHost({}, {}, async (host) => {
			const { rawBody, signature } = signedBody({ eventId: 'evt-old', eventType: 'invoice.updated', ...stamp, data: { id: 1 } });
			const sent = await host.post(rawBody, { 'x-servicetitan-signature': signature });
			expect(sent.status).toBe(401);
			expect(host.executions).toHaveLength(0);
		});
	});

	it.each([
		['stamped now', {}, { createdOn: hoursAgo(0) }],
		['23 hours old', {}, { createdOn: hoursAgo(23) }],
		['without a send time', {}, {}],
		['from 2020 when Max Delivery Age is 0', { maxDeliveryAgeHours: 0 }, { createdOn: '2020-01-01T00:00:00Z' }],
		['25 hours old when Max Delivery Age is 48', { maxDeliveryAgeHours: 48 }, { createdOn: hoursAgo(25) }],
	])('accepts a delivery %s', async (_label, options, stamp) => {
		await withHost({ options }, {}, async (host) => {
			const { rawBody, signature } = signedBody({ eventId: 'evt-fresh', eventType: 'invoice.updated', ...stamp, data: { id: 1 } });
			expect((await host.post(rawBody, { 'x-servicetitan-signature': signature })).status).toBe(200);
			expect(host.executions).toHaveLength(1);
		});
	});

	it("does not take a bare record's own createdOn for the send time", async () => {
		await withHost({}, {}, async (host) => {
			const { rawBody, signature } = signedBody({ id: 77, name: 'Old Customer', type: 'Residential', createdOn: '2020-01-01T00:00:00Z' });
			const sent = await host.post(rawBody, { 'x-servicetitan-signature': signature, 'x-servicetitan-event': 'customer.updated' });
			expect(sent.status).toBe(200);
			expect(host.executions[0][0].json).toMatchObject({ eventType: 'customer.updated', eventId: sha256(rawBody) });
		});
	});
});

describe('ServiceTitan Trigger: refusals', () => {
	it('answers every refusal with the same 401 body and puts the reason in the n8n log only, without secrets', async () => {
		const bodies: string[] = [];
		const logged: string[] = [];
		const signatures: string[] = [];
		await withHost({}, {}, async (host) => {
			const old = signedBody({ eventId: 'evt-2020', eventType: 'invoice.updated', createdOn: '2020-01-01T00:00:00Z', data: { id: 1 } });
			const wrongKey = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 }, { key: 'another-key-0123456789abcdef01234' });
			const attempts = [
				wrongKey,
				await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 }, { signature: 'sha256=not-a-digest' }),
				await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 }, { signature: null }),
				await host.post(old.rawBody, { 'x-servicetitan-signature': old.signature }),
			];
			signatures.push(String(wrongKey.signature), old.signature);
			expect(attempts.map((attempt) => attempt.status)).toEqual([401, 401, 401, 401]);
			bodies.push(...attempts.map((attempt) => attempt.body));
			logged.push(...host.logs.map((entry) => `${entry.level} ${entry.message} ${JSON.stringify(entry.metadata)}`));
			expect(host.executions).toHaveLength(0);
		});
		await withHost({}, { webhookSigningKey: '' }, async (host) => {
			const noKey = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 });
			expect(noKey.status).toBe(401);
			bodies.push(noKey.body);
			logged.push(...host.logs.map((entry) => `${entry.level} ${entry.message} ${JSON.stringify(entry.metadata)}`));
		});

		expect(new Set(bodies).size).toBe(1);
		expect(JSON.parse(bodies[0])).toEqual({ message: 'Unauthorized' });
		const reasons = ['mismatch', 'malformed-signature', 'missing-signature', 'too-old', 'missing-key'];
		expect(logged).toHaveLength(reasons.length);
		reasons.forEach((reason, index) => {
			expect(logged[index]).toMatch(/^warn /);
			expect(logged[index]).toContain(`(${reason})`);
		});
		for (const secret of [SIM_SECRETS.webhookSigningKey, SIM_SECRETS.clientSecret, ...signatures]) {
			expect(logged.join('\n')).not.toContain(secret);
		}
	});

	it('treats a signing key of only spaces as not configured', async () => {
		const spaces = ' '.repeat(40);
		await withHost({}, { webhookSigningKey: spaces }, async (host) => {
			const sent = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 }, { key: spaces });
			expect(sent.status).toBe(401);
			expect(host.executions).toHaveLength(0);
			expect(host.logs.map((entry) => entry.message).join('\n')).toContain('(missing-key)');
		});
	});

	it('uses a signing key pasted with surrounding whitespace as the key without it', async () => {
		await withHost({}, { webhookSigningKey: `  ${SIM_SECRETS.webhookSigningKey}\n` }, async (host) => {
			const sent = await sim.sendWebhook(host.url, { eventType: 'invoice.created', recordId: 1 });
			expect(sent.status).toBe(200);
			expect(host.executions).toHaveLength(1);
		});
	});
});
