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

void SIM_SECRETS;
