/**
 * The invoices-and-payments template in n8n's queue mode: Redis, PostgreSQL, a main, a webhook
 * process and two workers, with webhooks, the backfill and the retry path of the same documents
 * running at the same moment on different workers — and nothing posted twice.
 *
 * The schedules are the only thing the test changes in the template: a schedule trigger is set to
 * fire at a given second (cron) instead of every 15 minutes or every hour. A "tick" is a copy of
 * the template with only that schedule trigger, so each tick is one execution started by the main
 * and run by a worker, as in production.
 *
 * Runs with ML_CONNECTOR_QUEUE=1 (`npm run test:queue`); ML_CONNECTOR_QUEUE_LOGS=<folder> keeps
 * every n8n process's log there.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { duplicatesInBc, expectCompleteBooks, isPostable } from './books';
import { businessCentralCredential, harness, REPO, serviceTitanCredential, ST, WORKFLOWS } from './setup';

/* eslint-disable @typescript-eslint/no-require-imports */
const queue = require('./queue');
const { startServiceTitanSimulator } = require('../simulators/servicetitan');
const { startBusinessCentralSimulator } = require('../simulators/business-central');
/* eslint-enable @typescript-eslint/no-require-imports */

jest.setTimeout(30 * 60_000);

const WEBHOOK_PATH = '3c1f6a52-8e4b-4c1d-9a7e-5b2d8f0c6a11/webhook';
const BACKFILL = 'Every 15 Minutes';
const RETRY = 'Every Hour: Retry Held';
const EXECUTIONS_TIMEOUT_MS = 12 * 60_000;
/**
 * A dead worker's job is given up sooner than with n8n's defaults (lock 60 s renewed every 10 s,
 * stalled check every 30 s): within about 35 s of the kill. The queue recovery interval keeps its
 * default (3 hours): run every few seconds, it marks an execution crashed in the moment between
 * the webhook process saving it and putting it in the queue (seen here under load).
 */
const QUEUE_TIMINGS = {
	QUEUE_WORKER_LOCK_DURATION: '30000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

let cluster: any;
let sim: any;
let bc: any;
let apiKey: string;
/** The published copy of the template that receives the webhooks. */
let invoicesId: string;
let ticks = 0;

const st = () => sim.state;

function template() {
	return JSON.parse(readFileSync(join(WORKFLOWS, 'servicetitan-to-business-central-invoices-payments.json'), 'utf8'));
}

/** The named schedule triggers fire once, at `at` (UTC, the cluster's GENERIC_TIMEZONE). */
function firingAt(workflow: any, triggers: string[], at: Date) {
	for (const name of triggers) {
		const node = workflow.nodes.find((candidate: any) => candidate.name === name);
		node.parameters.rule = { interval: [{ field: 'cronExpression', expression: `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} * * *` }] };
	}
	return workflow;
}

/** A copy of the template with `trigger` as its only trigger, firing at `at`. */
function tickOf(trigger: string, at: Date) {
	const workflow = template();
	workflow.name = `${workflow.name} (${trigger}, tick ${++ticks})`;
	const isTrigger = (node: any) => /trigger$/i.test(node.type) && node.name !== trigger;
	const removed = new Set<string>(workflow.nodes.filter(isTrigger).map((node: any) => node.name));
	workflow.nodes = workflow.nodes.filter((node: any) => !removed.has(node.name));
	for (const name of removed) delete workflow.connections[name];
	return firingAt(workflow, [trigger], at);
}

/**
 * Creates and publishes the workflow `build(at)` makes for a whole second `at` ahead, then waits
 * until that second. When publishing took longer than that (a busy machine), the copy is unpublished
 * and the next one is given twice the time.
 */
async function publishFiringAt(build: (at: Date) => any) {
	for (let leadMs = 8_000; ; leadMs *= 2) {
		const at = new Date(Math.ceil((Date.now() + leadMs) / 1000) * 1000);
		const id = await createAndPublish(build(at));
		if (Date.now() < at.getTime() - 500) {
			await queue.sleep(at.getTime() - Date.now());
			return id;
		}
		await unpublish(id);
		if (leadMs > 60_000) throw new Error(`publishing a workflow took more than ${leadMs / 1000} s`);
	}
}

/** Every execution of the workflow once `count` of them have finished (newest first). */
async function finishedExecutions(workflowId: string, count: number) {
	let executions: any[] = [];
	return queue.waitFor(
		async () => {
			executions = await harness.listExecutions(cluster.main, apiKey, { workflowId });
			const done = executions.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
			return done.length >= count && done.length === executions.length ? executions : undefined;
		},
		EXECUTIONS_TIMEOUT_MS,
		() => `workflow ${workflowId}: ${count} finished executions expected, saw ${JSON.stringify(executions.map((execution) => execution.status))}`,
	);
}

/** Publishes a tick, waits for its one execution and returns it. */
async function runTick(trigger: string) {
	const id = await publishFiringAt((at) => tickOf(trigger, at));
	const [execution] = await finishedExecutions(id, 1);
	await unpublish(id);
	return execution;
}

/** The executions that did not succeed, with where and why they stopped. */
async function failures(executions: any[]) {
	return Promise.all(
		executions
			.filter((execution) => execution.status !== 'success')
			.map(async ({ id, mode, status }) => {
				const { data } = await harness.getExecution(cluster.main, apiKey, id);
				return { id, mode, status, node: data?.resultData?.lastNodeExecuted, error: data?.resultData?.error?.message };
			}),
	);
}

/** The worker that took an execution, from the workers' logs. */
function workerOf(executionId: string) {
	const taken = cluster.workers.filter((worker: any) => queue.executionsStartedBy(worker).has(String(executionId)));
	return taken.length === 1 ? taken[0] : undefined;
}

interface Delivery {
	eventType: string;
	recordId: number;
	eventId: string;
}

/** Signed webhooks to the webhook process, `parallel` at a time; every one must be accepted. */
async function deliver(deliveries: Delivery[], parallel = 8) {
	const url = `${cluster.webhook.url}/webhook/${WEBHOOK_PATH}`;
	const pending = [...deliveries];
	const refused: Array<{ eventId: string; status: number; error?: string }> = [];
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			for (let next = pending.shift(); next; next = pending.shift()) {
				const options = { key: ST.webhookSigningKey, eventId: next.eventId, timeoutMs: 60_000 };
				const result = await sim.sendWebhook(url, { eventType: next.eventType, recordId: next.recordId }, options);
				if (result.status !== 200) refused.push({ eventId: next.eventId, status: result.status, error: result.error });
			}
		}),
	);
	expect(refused).toEqual([]);
}

const invoiceEvent = (invoice: any, tag: string): Delivery => ({ eventType: 'invoice.updated', recordId: invoice.id, eventId: `${tag}-invoice-${invoice.id}` });
const paymentEvent = (payment: any, tag: string): Delivery => ({ eventType: 'payment.updated', recordId: payment.id, eventId: `${tag}-payment-${payment.id}` });

/** New invoices of one fixed shape (the same customers, business units and items every time), half of them paid. */
function addBatch(size: number) {
	const customers = st().customers.filter((customer: any) => customer.active !== false).slice(0, 10);
	const invoices = Array.from({ length: size }, (_, index) =>
		sim.addInvoice({ customerId: customers[index % customers.length].id, businessUnitId: 31 + (index % 4), invoiceDate: '2026-10-29' }),
	);
	const payments = invoices.filter((_, index) => index % 2 === 0).map((invoice: any) => sim.addPayment({ invoiceId: invoice.id, date: '2026-10-30' }));
	return { invoices, payments };
}

async function expectQueueEmpty() {
	expect(await cluster.queueCounts()).toEqual({ wait: 0, active: 0, delayed: 0, paused: 0, prioritized: 0 });
}

beforeAll(async () => {
	await queue.ensureQueuePrerequisites();
	sim = await startServiceTitanSimulator({ port: 0, ...ST, seed: { seed: 31, invoices: 120, customers: 30, startDate: '2026-10-01', months: 1 } });
	// A little server time per BC operation, as a real tenant has; BC's own limits (5 at a time per app) apply.
	bc = await startBusinessCentralSimulator({ port: 0, environment: 'sandbox', allowedPostingDates: { from: '2026-01-01', to: '2026-12-31' }, latencyMs: 20 });
	const tarball = await harness.packPackage(REPO);
	try {
		const env = { NODE_EXTRA_CA_CERTS: bc.caCertPath, ...QUEUE_TIMINGS };
		cluster = await queue.startQueueCluster({ tarball, workers: 2, env, logDir: process.env.ML_CONNECTOR_QUEUE_LOGS });
	} finally {
		harness.removeTempDir(dirname(tarball));
	}
	const cookie = await harness.setupOwner(cluster.main, { email: 'queue@ml-connector.local', password: 'Queue-Owner-Passw0rd' });
	apiKey = await harness.createApiKey(cluster.main, cookie);
	await Promise.all([
		harness.importCredentials(cluster.main, [serviceTitanCredential(sim.url), businessCentralCredential(bc)]),
		harness.importWorkflow(cluster.main, join(WORKFLOWS, 'error-handler.json')),
	]);
	// n8n 2.x runs an error workflow only when it is published.
	await harness.publishWorkflow(cluster.main, apiKey, 'mlcErrorHandler1');
}, 20 * 60_000);

afterAll(async () => {
	await cluster?.stop();
	await sim?.close();
	await bc?.close();
});

describe('the invoices-and-payments template in n8n queue mode (Redis, PostgreSQL, main, webhook process, two workers)', () => {
	it('webhooks (some delivered twice), the backfill and the hourly retry at the same moment: every document once, spread over both workers', async () => {
		invoicesId = await publishFiringAt((at) => firingAt(template(), [BACKFILL, RETRY], at));
		const deliveries = [...st().invoices.map((invoice: any) => invoiceEvent(invoice, 'q1')), ...st().payments.map((payment: any) => paymentEvent(payment, 'q1'))];
		const twice = deliveries.filter((_, index) => index % 7 === 3);
		const started = Date.now();
		// The first delivery arrives twice and both copies reach n8n's history of seen deliveries at
		// the same moment (held there until both wait), as happens to the first deliveries after each
		// monthly clear of that history; then the rest, some twice, next to each other.
		const history = await cluster.postgres.lockTable('processed_data');
		try {
			await deliver([deliveries[0], deliveries[0]]);
			const waiting = `SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'processed_data'::regclass`;
			await queue.waitFor(async () => Number(await cluster.postgres.query(waiting)) >= 2, 3 * 60_000, () => 'the two copies never both reached the history');
		} finally {
			await history.release();
		}
		await deliver([...deliveries.slice(1), ...twice].sort((a, b) => a.recordId - b.recordId));

		const executions = await finishedExecutions(invoicesId, deliveries.length + 1 + twice.length + 2);
		queue.report(`first round: ${executions.length} executions in ${Math.round((Date.now() - started) / 1000)} s`);
		expect(await failures(executions)).toEqual([]);
		expect(executions.filter((execution: any) => execution.mode === 'trigger')).toHaveLength(2);
		expect(executions.filter((execution: any) => execution.mode === 'webhook')).toHaveLength(deliveries.length + 1 + twice.length);
		// Each execution ran on exactly one worker, and both workers ran some.
		const byWorker = cluster.workers.map((worker: any) => executions.filter((execution: any) => queue.executionsStartedBy(worker).has(String(execution.id))).length);
		expect(byWorker.every((count: number) => count > 0)).toBe(true);
		expect(byWorker.reduce((sum: number, count: number) => sum + count, 0)).toBe(executions.length);
		// Competing runs never post twice; an application whose invoice a rival run had not posted yet waits.
		expect(duplicatesInBc(bc)).toEqual([]);
		await expectQueueEmpty();

		const retry = await runTick(RETRY);
		expect(retry.status).toBe('success');
		const books = expectCompleteBooks(st(), bc);
		expect(books.departments).toBe(4);
		queue.report(`books: ${JSON.stringify(books)}; executions per worker ${JSON.stringify(byWorker)}`);
		await expectQueueEmpty();
	});

	it('a worker killed with SIGKILL in the middle of an execution: retried from the list, the books end the same', async () => {
		const batch = addBatch(30);
		const references = new Set(batch.invoices.map((invoice: any) => `ST-INV-${invoice.id}`));
		const batchInBc = () => bc.list('salesInvoices').filter((doc: any) => references.has(doc.externalDocumentNumber));
		const held = { kind: 'delay', ms: 30_000, times: 1, match: ({ method, path }: any) => method === 'POST' && /(\$|%24)batch$/.test(path) && batchInBc().length > 0 };
		bc.faults.push(held);
		const tick = await publishFiringAt((at) => tickOf(BACKFILL, at));
		const execution = await queue.waitFor(async () => (await harness.listExecutions(cluster.main, apiKey, { workflowId: tick, status: 'running' }))[0], 60_000, () => 'the backfill tick did not start');
		const worker = await queue.waitFor(() => workerOf(execution.id), 60_000, () => `no worker logged execution ${execution.id}`);
		// The middle: the new invoices are drafts in Business Central and the call that posts them is
		// held there (BC carries it out after the worker is gone, as a server does); ServiceTitan knows nothing yet.
		await queue.waitFor(() => held.times === 0, 5 * 60_000, () => 'the new invoices never reached the posting call');
		expect(batchInBc().map((doc: any) => doc.status)).toEqual(batch.invoices.map(() => 'Draft'));
		worker.killGroup('SIGKILL');
		await worker.exited;
		expect(batch.invoices.filter((invoice: any) => invoice.syncStatus === 'Exported')).toEqual([]);

		// Bull gives up the dead worker's job once its lock expires; n8n still lists the execution as
		// running (its queue recovery would mark it crashed hours later): it is stopped, then retried.
		await queue.waitFor(async () => (await cluster.queueCounts()).active === 0, 3 * 60_000, () => 'the killed worker\'s job is still active in Redis');
		await expectQueueEmpty();
		expect((await harness.getExecution(cluster.main, apiKey, execution.id, { includeData: false })).status).toBe('running');
		expect((await apiPost(`/executions/${execution.id}/stop`)).status).toBe('canceled');

		const retried = await retryExecution(execution.id);
		expect(retried.mode).toBe('retry');
		const [retry] = (await finishedExecutions(tick, 2)).filter((candidate: any) => String(candidate.id) === String(retried.id));
		expect(retry.status).toBe('success');
		expect(workerOf(retry.id)).toBe(cluster.workers.find((candidate: any) => candidate !== worker));
		await unpublish(tick);

		for (const invoice of batch.invoices) expect({ invoice: invoice.id, postable: isPostable(invoice) }).toEqual({ invoice: invoice.id, postable: true });
		expectCompleteBooks(st(), bc);
		await expectQueueEmpty();
		cluster.workers = cluster.workers.filter((candidate: any) => candidate !== worker);
	});

	it('throughput: the same batch through webhooks with one worker, then with two', async () => {
		const size = 30;
		const measure = async (tag: string) => {
			const batch = addBatch(size);
			const before = new Set((await harness.listExecutions(cluster.main, apiKey, { workflowId: invoicesId })).map((execution: any) => String(execution.id)));
			const [throttled, bcRequests, stRequests] = [bc.stats.throttled, bc.stats.apiRequests, sim.stats.requests];
			const started = Date.now();
			await deliver([...batch.invoices.map((invoice: any) => invoiceEvent(invoice, tag)), ...batch.payments.map((payment: any) => paymentEvent(payment, tag))], 64);
			const all = await finishedExecutions(invoicesId, before.size + size + batch.payments.length);
			const seconds = (Math.max(...all.filter((execution: any) => !before.has(String(execution.id))).map((execution: any) => Date.parse(execution.stoppedAt))) - started) / 1000;
			const executions = all.filter((execution: any) => !before.has(String(execution.id)));
			expect(await failures(executions)).toEqual([]);
			const perWorker = cluster.workers.map((worker: any) => executions.filter((execution: any) => queue.executionsStartedBy(worker).has(String(execution.id))).length);
			const documents = size + batch.payments.length;
			return {
				seconds,
				documentsPerSecond: documents / seconds,
				perWorker,
				bcThrottled: bc.stats.throttled - throttled,
				bcRequestsPerDocument: (bc.stats.apiRequests - bcRequests) / documents,
				stRequestsPerDocument: (sim.stats.requests - stRequests) / documents,
			};
		};
		expect(cluster.workers).toHaveLength(1);
		const one = await measure('t1');
		expect(one.perWorker).toEqual([size + size / 2]);
		cluster.workers.push(await cluster.startWorker('worker-3'));
		const two = await measure('t2');
		expect(two.perWorker.every((count: number) => count > 0)).toBe(true);
		expectCompleteBooks(st(), bc);
		await expectQueueEmpty();
		queue.report(
			`throughput (${size} invoices + ${size / 2} payments by webhook): one worker ${one.seconds.toFixed(1)} s (${one.documentsPerSecond.toFixed(2)}/s, ${one.bcThrottled} BC 429s), ` +
				`two workers ${two.seconds.toFixed(1)} s (${two.documentsPerSecond.toFixed(2)}/s, ${two.bcThrottled} BC 429s, split ${two.perWorker.join('/')}), ` +
				`ratio ${(two.documentsPerSecond / one.documentsPerSecond).toFixed(2)}; per document ${one.bcRequestsPerDocument.toFixed(1)} BC and ${one.stRequestsPerDocument.toFixed(1)} ServiceTitan requests`,
		);
	});
});

/** POST to n8n's public API; a retry answers only once the retried execution has run. */
async function apiPost(pathname: string, body: unknown = {}) {
	const response = await fetch(`${cluster.main.url}/api/v1${pathname}`, {
		method: 'POST',
		headers: { 'x-n8n-api-key': apiKey, 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(EXECUTIONS_TIMEOUT_MS),
	});
	const text = await response.text();
	if (response.status !== 200) throw new Error(`POST ${pathname} -> HTTP ${response.status}: ${text.slice(0, 500)}`);
	return JSON.parse(text);
}

/** Creates the workflow through the public API (much faster than `n8n import:workflow`) and publishes it. */
async function createAndPublish(workflow: any) {
	const { name, nodes, connections, settings } = workflow;
	const { id } = await apiPost('/workflows', { name, nodes, connections, settings });
	await harness.publishWorkflow(cluster.main, apiKey, id);
	return String(id);
}

const unpublish = (workflowId: string) => apiPost(`/workflows/${workflowId}/unpublish`);
const retryExecution = (executionId: string) => apiPost(`/executions/${executionId}/retry`, { loadWorkflow: false });
