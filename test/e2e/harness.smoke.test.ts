/**
 * Proves the e2e harness against a real n8n 2.41.1 with built-in nodes only (no package of ours):
 * one n8n start for the whole file.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import {
	N8nInstance,
	createApiKey,
	executeWorkflow,
	getExecution,
	importCredentials,
	importWorkflow,
	listExecutions,
	nodeOutputJson,
	nodeTypes,
	packPackage,
	publishWorkflow,
	setupOwner,
	startN8n,
	waitForExecutions,
} from './harness';

jest.setTimeout(10 * 60_000);

const timings: Record<string, number> = {};
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await fn();
	} finally {
		timings[label] = (Date.now() - started) / 1000;
	}
}

const manualTrigger = {
	id: 'c0a80001-0000-4000-8000-000000000001',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function setNode(name: string, assignments: Array<{ name: string; value: unknown; type: string }>) {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [220, 0],
		parameters: {
			assignments: { assignments: assignments.map((a, i) => ({ id: `a${i}`, ...a })) },
			options: {},
		},
	};
}

function chain(...names: string[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

let n8n: N8nInstance;
let apiKey: string;
let userFolder: string;

beforeAll(async () => {
	userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-connector-smoke-'));
	n8n = await timed('start n8n (to ready)', () => startN8n({ userFolder }));
	await timed('setupOwner', () =>
		setupOwner(n8n, { email: 'smoke@ml-connector.local', password: 'Smoke-Passw0rd', firstName: 'Smoke', lastName: 'Test' }),
	);
	apiKey = await timed('createApiKey', () => createApiKey(n8n));
});

afterAll(async () => {
	if (n8n) await timed('stop n8n', () => n8n.stop());
	if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	console.log(
		`harness smoke timings (s):\n${Object.entries(timings)
			.map(([label, seconds]) => `  ${label}: ${seconds.toFixed(1)}`)
			.join('\n')}`,
	);
});

it('packPackage refuses a repository that was not built', async () => {
	const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-connector-unbuilt-'));
	try {
		fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'unbuilt', version: '0.0.0' }));
		await expect(packPackage(repo)).rejects.toThrow(/dist does not exist - run "npm run build" first/);
	} finally {
		fs.rmSync(repo, { recursive: true, force: true });
	}
});

it('lists the loaded node types', async () => {
	const types = await timed('nodeTypes', () => nodeTypes(n8n));
	expect(types).toEqual(expect.arrayContaining(['n8n-nodes-base.set', 'n8n-nodes-base.webhook', 'n8n-nodes-base.manualTrigger']));
});

it('setupOwner logs in when the owner already exists', async () => {
	const cookie = await setupOwner(n8n, { email: 'smoke@ml-connector.local', password: 'Smoke-Passw0rd' });
	expect(cookie).toMatch(/^n8n-auth=/);
});

it('imports and executes a Manual → Set workflow', async () => {
	const workflow = {
		name: 'Harness smoke: manual set',
		nodes: [
			manualTrigger,
			setNode('Set', [
				{ name: 'greeting', value: 'hello', type: 'string' },
				{ name: 'answer', value: 42, type: 'number' },
			]),
		],
		connections: chain('Start', 'Set'),
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
	const id = await timed('importWorkflow', () => importWorkflow(n8n, workflow));
	expect(id).toMatch(/^[0-9A-Za-z]{16}$/);

	const run = await timed('executeWorkflow (success)', () => executeWorkflow(n8n, id, { timeoutMs: 120_000 }));
	expect(run.exitCode).toBe(0);
	expect(run.runData.status).toBe('success');
	expect(run.runData.mode).toBe('cli');
	expect(nodeOutputJson(run.runData, 'Set')).toEqual([{ greeting: 'hello', answer: 42 }]);

	const executions = await listExecutions(n8n, apiKey, { workflowId: id });
	expect(executions.map((e) => [e.mode, e.status])).toEqual([['cli', 'success']]);
});

it('keeps the id given to importWorkflow and reports a failed run with exit code 1', async () => {
	const workflow = {
		name: 'Harness smoke: failing',
		nodes: [
			manualTrigger,
			{
				id: 'c0a80001-0000-4000-8000-000000000201',
				name: 'Boom',
				type: 'n8n-nodes-base.stopAndError',
				typeVersion: 1,
				position: [220, 0],
				parameters: { errorMessage: 'boom on purpose' },
			},
		],
		connections: chain('Start', 'Boom'),
		settings: { executionOrder: 'v1' },
	};
	const id = await importWorkflow(n8n, workflow, { id: 'smokeFailing0001' });
	expect(id).toBe('smokeFailing0001');

	const run = await timed('executeWorkflow (failure)', () => executeWorkflow(n8n, id));
	expect(run.exitCode).toBe(1);
	expect(run.runData.status).toBe('error');
	expect(run.runData.data.resultData.error.message).toContain('boom on purpose');
});

it('imports a credential that an HTTP Request node then sends to a loopback server', async () => {
	const seen: http.IncomingHttpHeaders[] = [];
	const server = http.createServer((req, res) => {
		seen.push(req.headers);
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ ok: true, path: req.url }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as import('node:net').AddressInfo;
	try {
		await timed('importCredentials', () =>
			importCredentials(n8n, [
				{ id: 'smokeHeaderAuth1', name: 'Smoke header', type: 'httpHeaderAuth', data: { name: 'X-Smoke-Token', value: 'secret-123' } },
			]),
		);
		const id = await importWorkflow(n8n, {
			name: 'Harness smoke: credential',
			nodes: [
				manualTrigger,
				{
					id: 'c0a80001-0000-4000-8000-000000000301',
					name: 'Call',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [220, 0],
					parameters: {
						url: `http://127.0.0.1:${port}/echo`,
						authentication: 'genericCredentialType',
						genericAuthType: 'httpHeaderAuth',
						options: {},
					},
					credentials: { httpHeaderAuth: { id: 'smokeHeaderAuth1', name: 'Smoke header' } },
				},
			],
			connections: chain('Start', 'Call'),
			settings: { executionOrder: 'v1' },
		});
		const run = await executeWorkflow(n8n, id);
		expect(run.exitCode).toBe(0);
		expect(nodeOutputJson(run.runData, 'Call')).toEqual([{ ok: true, path: '/echo' }]);
		expect(seen).toHaveLength(1);
		expect(seen[0]['x-smoke-token']).toBe('secret-123');
	} finally {
		await new Promise((resolve) => server.close(resolve));
	}
});

it('publishes a Webhook workflow; one POST makes exactly one execution', async () => {
	const webhookPath = 'harness-smoke-hook';
	const id = await importWorkflow(n8n, {
		name: 'Harness smoke: webhook',
		nodes: [
			{
				id: 'c0a80001-0000-4000-8000-000000000401',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '5f1c2d3e-0000-4000-8000-000000000401',
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
			},
			setNode('Echo', [{ name: 'got', value: '={{ $json.body.ping }}', type: 'string' }]),
		],
		connections: chain('Webhook', 'Echo'),
		settings: { executionOrder: 'v1' },
	});

	const before = await fetch(n8n.webhookUrl(webhookPath), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
	expect(before.status).toBe(404); // imported workflows are unpublished

	const { publication } = await timed('publishWorkflow (to live)', () => publishWorkflow(n8n, apiKey, id));
	expect(publication.status).toBe('published');

	const res = await timed('POST webhook', () =>
		fetch(n8n.webhookUrl(webhookPath), {
			method: 'POST',
			body: JSON.stringify({ ping: 'pong' }),
			headers: { 'content-type': 'application/json' },
		}),
	);
	expect(res.status).toBe(200);
	expect(await res.json()).toEqual({ message: 'Workflow was started' });

	await timed('waitForExecutions', () => waitForExecutions(n8n, apiKey, id, 1, 30_000));
	await new Promise((resolve) => setTimeout(resolve, 1000)); // nothing else may trickle in
	const executions = await listExecutions(n8n, apiKey, { workflowId: id });
	expect(executions).toHaveLength(1);
	expect(executions[0]).toMatchObject({ mode: 'webhook', status: 'success', workflowId: id });

	const execution = await getExecution(n8n, apiKey, executions[0].id, { includeData: true });
	expect(nodeOutputJson({ data: execution.data }, 'Echo')).toEqual([{ got: 'pong' }]);
});
