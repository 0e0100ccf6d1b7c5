import { harness, PACKAGE, startRuntime, type Runtime } from './setup';
import { gpCredentialData, startGp, type GpSimulator } from '../gp/setup';

jest.setTimeout(10 * 60_000);

const CREDENTIAL = { id: 'mlcGpCredential1', name: 'Dynamics GP (simulator)', type: 'dynamicsGpApi' };
const WORKFLOW_ID = 'mlcGpCustomers01';

let runtime: Runtime;
let gp: GpSimulator;

beforeAll(async () => {
	gp = await startGp({ port: 0 });
	runtime = await startRuntime();
	// The simulator's CA travels in the credential (CA Certificate), as an on-premises CA does.
	await harness.importCredentials(runtime.n8n, [{ ...CREDENTIAL, data: gpCredentialData(gp) }]);
}, 10 * 60_000);

afterAll(async () => {
	await runtime?.stop();
	await gp?.close();
});

/** n8n's own credential test (the node's testedBy function, over the shared NTLM transport). */
async function credentialTest(overrides: Record<string, unknown>) {
	const response = await fetch(`${runtime.n8n.url}/rest/credentials/test`, {
		method: 'POST',
		headers: { cookie: runtime.cookie, 'content-type': 'application/json' },
		body: JSON.stringify({ credentials: { ...CREDENTIAL, data: { ...gpCredentialData(gp), ...overrides } } }),
	});
	const body = (await response.json()) as { data?: { status: string; message: string } };
	if (!body.data) throw new Error(`credential test answered ${response.status}: ${JSON.stringify(body)}`);
	return body.data;
}

describe('Dynamics GP in a real n8n 2.41.1', () => {
	it('loads the node and its credential type under the npm name', async () => {
		expect(await harness.nodeTypes(runtime.n8n)).toEqual(expect.arrayContaining([`${PACKAGE}.dynamicsGp`, `${PACKAGE}.dynamicsGpTool`]));
		const credentialTypes = (await fetch(`${runtime.n8n.url}/types/credentials.json`, { headers: { cookie: runtime.cookie } }).then((r) => r.json())) as Array<{ name: string }>;
		expect(credentialTypes.map((type) => type.name)).toContain('dynamicsGpApi');
	});

	it("n8n's credential test passes over Windows authentication and names the failing part, never the password", async () => {
		expect(await credentialTest({})).toMatchObject({ status: 'OK' });
		const wrong = await credentialTest({ password: 'not-the-password' });
		expect(wrong).toEqual({ status: 'Error', message: expect.stringMatching(/^Windows account \(HTTP 401\): .*CONTOSO\\gp-integration/) });
		expect((await credentialTest({ company: 'NOPE' })).message).toMatch(/^Company: /);
		expect(JSON.stringify(wrong)).not.toContain(gp.password);
	});

	it('lists the customers through the node in a workflow, with one Windows handshake', async () => {
		await harness.importWorkflow(runtime.n8n, {
			id: WORKFLOW_ID,
			name: 'GP customers',
			nodes: [
				{ id: 'a1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'a2',
					name: 'GP Customers',
					type: `${PACKAGE}.dynamicsGp`,
					typeVersion: 1,
					position: [220, 0],
					parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
					credentials: { dynamicsGpApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
				},
			],
			connections: { Start: { main: [[{ node: 'GP Customers', type: 'main', index: 0 }]] } },
			settings: {},
		});
		gp.resetStats();
		const result = await harness.executeWorkflow(runtime.n8n, WORKFLOW_ID);
		expect(result.exitCode).toBe(0);
		const customers = harness.nodeOutputJson(result.runData, 'GP Customers');
		expect(customers.length).toBe(gp.state.customers.length);
		expect(gp.stats.handshakes).toBe(1);
	});
});
