import { join } from 'node:path';

import { allOutputs, harness, PACKAGE, serviceTitanCredential, startRuntime, ST, WORKFLOWS, type Runtime } from './setup';

jest.setTimeout(10 * 60_000);

const INTAKE_ID = 'mlcStIntake00001';
const WEBHOOK_PATH = '/webhook/0f6a3c1e-9b7d-4d2a-8e55-1c9b2a7d4e01/webhook';

let runtime: Runtime;

beforeAll(async () => {
	runtime = await startRuntime();
	await harness.importCredentials(runtime.n8n, [serviceTitanCredential(runtime.sim.url)]);
	await harness.importWorkflow(runtime.n8n, join(WORKFLOWS, 'error-handler.json'));
	await harness.importWorkflow(runtime.n8n, join(WORKFLOWS, 'servicetitan-intake.json'));
}, 10 * 60_000);

afterAll(async () => {
	await runtime?.stop();
});

async function executions() {
	return (await harness.listExecutions(runtime.n8n, runtime.apiKey, { workflowId: INTAKE_ID })) as Array<{ id: string; mode: string }>;
}

async function deliver(event: Record<string, unknown>, options: Record<string, unknown> = {}) {
	return await runtime.sim.sendWebhook(`${runtime.n8n.url}${WEBHOOK_PATH}`, event, { key: ST.webhookSigningKey, ...options });
}

describe('ml-connector in a real n8n 2.41.1', () => {
	it('loads every node and credential type of the package under its npm name', async () => {
		const types: string[] = await harness.nodeTypes(runtime.n8n);
		for (const name of ['serviceTitan', 'serviceTitanTrigger', 'serviceTitanPollTrigger', 'serviceTitanTool']) {
			expect(types).toContain(`${PACKAGE}.${name}`);
		}
		const credentialTypes = (await fetch(`${runtime.n8n.url}/types/credentials.json`, { headers: { cookie: runtime.cookie } }).then((r) => r.json())) as Array<{ name: string }>;
		expect(credentialTypes.map((type: { name: string }) => type.name)).toContain('serviceTitanApi');
	});

	it('the credential test passes with good secrets and names the app key when it is wrong', async () => {
		const test = async (overrides: Record<string, string>) => {
			const credential = serviceTitanCredential(runtime.sim.url);
			const response = await fetch(`${runtime.n8n.url}/rest/credentials/test`, {
				method: 'POST',
				headers: { cookie: runtime.cookie, 'content-type': 'application/json' },
				body: JSON.stringify({ credentials: { id: credential.id, name: credential.name, type: credential.type, data: { ...credential.data, ...overrides } } }),
			});
			const body = (await response.json()) as { data?: { status: string; message: string } };
			if (!body.data) throw new Error(`credential test answered ${response.status}: ${JSON.stringify(body)}`);
			return body.data as { status: string; message: string };
		};
		expect(await test({})).toMatchObject({ status: 'OK' });
		const wrongKey = await test({ appKey: 'ak1.not-the-key' });
		expect(wrongKey.status).toBe('Error');
		expect(wrongKey.message).toMatch(/App Key/);
		const wrongSecret = await test({ clientSecret: 'not-the-secret' });
		expect(wrongSecret.status).toBe('Error');
		expect(wrongSecret.message).toMatch(/client ID or client secret/i);
	});

	it('the backfill run normalizes every invoice, payment and bill of the export feeds', async () => {
		const result = await harness.executeWorkflow(runtime.n8n, INTAKE_ID);
		expect(result.exitCode).toBe(0);
		const documents = allOutputs(result.runData, 'Normalized Documents');
		const { invoices, payments, inventoryBills } = runtime.sim.state;
		expect(documents.filter((doc) => doc.recordType === 'invoice')).toHaveLength(invoices.length);
		expect(documents.filter((doc) => doc.recordType === 'payment')).toHaveLength(payments.length);
		expect(documents.filter((doc) => doc.recordType === 'inventoryBill')).toHaveLength(inventoryBills.length);
		expect(allOutputs(result.runData, 'Normalize Record', 1)).toHaveLength(0);
	});

	it('a later backfill picks up a record whose webhook was never sent, and nothing else', async () => {
		const added = runtime.sim.addInvoice({});
		const result = await harness.executeWorkflow(runtime.n8n, INTAKE_ID);
		expect(result.exitCode).toBe(0);
		const documents = allOutputs(result.runData, 'Normalized Documents');
		expect(documents.map((doc) => `${doc.recordType}:${doc.recordId}`)).toEqual([`invoice:${added.id}`]);
		// The export position was kept in the workflow's static data: only the new record was read.
		expect(allOutputs(result.runData, 'Invoices Since Last Run').map((event) => event.recordId)).toEqual([String(added.id)]);
	});

	describe('published, behind n8n\'s webhook server', () => {
		beforeAll(async () => {
			await harness.publishWorkflow(runtime.n8n, runtime.apiKey, INTAKE_ID);
		});

		it('a correctly signed webhook starts exactly one execution with the normalized record', async () => {
			const before = (await executions()).length;
			const invoice = runtime.sim.state.invoices[3];
			const sent = await deliver({ eventType: 'invoice.updated', recordId: invoice.id });
			expect(sent.status).toBe(200);
			const all = await harness.waitForExecutions(runtime.n8n, runtime.apiKey, INTAKE_ID, before + 1);
			expect(all).toHaveLength(before + 1);
			const execution = await harness.getExecution(runtime.n8n, runtime.apiKey, all[0].id, { includeData: true });
			const documents = allOutputs({ data: execution.data }, 'Normalized Documents');
			expect(documents).toHaveLength(1);
			expect(documents[0]).toMatchObject({ recordType: 'invoice', recordId: String(invoice.id), eventId: sent.eventId });
		});

		it('a bad or missing signature gets 401 and starts nothing', async () => {
			const before = (await executions()).length;
			const wrong = await deliver({ eventType: 'invoice.updated', recordId: 1 }, { key: 'not-the-signing-key-0123456789abcdef' });
			const missing = await deliver({ eventType: 'invoice.updated', recordId: 1 }, { signature: null });
			const tampered = await deliver({ eventType: 'invoice.updated', recordId: 1 }, { tamper: (raw: string) => raw.replace('{"', '{ "') });
			expect([wrong.status, missing.status, tampered.status]).toEqual([401, 401, 401]);
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(await executions()).toHaveLength(before);
		});

		it('the same event delivered twice is processed once', async () => {
			const before = (await executions()).length;
			const payment = runtime.sim.state.payments[0];
			const first = await deliver({ eventType: 'payment.updated', recordId: payment.id }, { eventId: 'e2e-duplicate-event-1' });
			const all = await harness.waitForExecutions(runtime.n8n, runtime.apiKey, INTAKE_ID, before + 1);
			const second = await deliver({ eventType: 'payment.updated', recordId: payment.id }, { eventId: 'e2e-duplicate-event-1' });
			expect([first.status, second.status]).toEqual([200, 200]);
			const both = await harness.waitForExecutions(runtime.n8n, runtime.apiKey, INTAKE_ID, before + 2);
			const [latest, earlier] = await Promise.all(
				[both[0].id, all[0].id].map((id: string) => harness.getExecution(runtime.n8n, runtime.apiKey, id, { includeData: true })),
			);
			expect(allOutputs({ data: earlier.data }, 'Normalized Documents').map((doc) => doc.recordId)).toEqual([String(payment.id)]);
			expect(allOutputs({ data: latest.data }, 'Skip Repeated Deliveries')).toHaveLength(0);
			expect(allOutputs({ data: latest.data }, 'Normalized Documents')).toHaveLength(0);
		});
	});
});
