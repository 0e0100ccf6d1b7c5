import { readdirSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import { harness, REPO } from '../e2e/setup';
import { measureRun, type RunFigures, type Scenario } from './end-to-end/measure';
import { resultsFile, table, writeResults } from './end-to-end/report';

/* eslint-disable @typescript-eslint/no-require-imports */
const { installN8nIfMissing } = require('../e2e/install-n8n');
const { prepareTemplateHome } = require('./end-to-end/n8n-cli');
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * End to end in a real n8n 2.41.1 against the simulators: the package's templates (customers, then
 * the invoices-and-payments backfill by `n8n execute`) and the baseline a capable user builds from
 * n8n's own nodes (test/bench/baseline/), side by side, on the same seed, in the same run. Each run
 * gets fresh simulators and a fresh n8n user folder. The targets are the assertions at the end.
 *
 * BENCH_PACKAGE_DIR: a folder with a built package (default: this repository, after `npm run build`).
 * BENCH_E2E_SCENARIOS: e.g. "300x0,2000x150" (invoices x BC latency ms) to measure fewer.
 * BENCH_E2E_MEMORY_INVOICES: the large run for the memory line (default 10000, 0 = skip).
 */
const TARGET_SPEED_UP_AT_150_MS = 2.5;
const TARGET_BC_REQUESTS_PER_INVOICE = 1;
const TARGET_BC_OPERATIONS_PER_INVOICE = 2.5;
const TARGET_ST_CALLS_PER_INVOICE = 0.1;
const TARGET_RSS_GROWTH_MIB = 100;

const SCENARIOS: Scenario[] = (process.env.BENCH_E2E_SCENARIOS ?? '300x0,300x150,2000x0,2000x150').split(',').map((entry) => {
	const [invoices, latencyMs] = entry.split('x').map(Number);
	return { invoices, latencyMs };
});
const MEMORY_INVOICES = Number(process.env.BENCH_E2E_MEMORY_INVOICES ?? 10_000);
const MEMORY_BASE_INVOICES = 2_000;
const PACKAGE_DIR = process.env.BENCH_PACKAGE_DIR ?? REPO;

jest.setTimeout(40 * 60_000);

const runs: RunFigures[] = [];
/** runs that could not be measured at all (set-up or the customers template failed) */
const errors: string[] = [];
let templateHome: string | undefined;

/** The newest modification time of the files under a folder. */
function newest(dir: string, match: RegExp): number {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((name) => match.test(name))
		.reduce((latest, name) => Math.max(latest, statSync(join(dir, name)).mtimeMs), 0);
}

beforeAll(async () => {
	const sources = Math.max(newest(join(PACKAGE_DIR, 'nodes'), /\.ts$/), newest(join(PACKAGE_DIR, 'credentials'), /\.ts$/));
	const built = newest(join(PACKAGE_DIR, 'dist'), /\.js$/);
	if (built < sources) throw new Error(`the build in ${PACKAGE_DIR}/dist is older than its sources: run "npm run build" first`);
	await installN8nIfMissing();
	templateHome = await prepareTemplateHome(PACKAGE_DIR);
}, 20 * 60_000);

afterAll(() => {
	harness.removeTempDir(templateHome);
	if (!runs.length && !errors.length) return;
	const file = resultsFile();
	writeResults(file, { measuredAt: new Date().toISOString(), machine: { cpus: cpus().length, memoryMiB: Math.round(totalmem() / 1048576) }, runs, errors });
	const failed = runs.filter((run) => run.failure).map((run) => `${label(run)} failed: ${run.failure}`);
	const notes = [...failed, ...errors, ...runs.filter((run) => run.note).map((run) => `${label(run)}: ${run.note}`)];
	process.stdout.write(`\nEnd-to-end benchmark (n8n 2.41.1, simulators on loopback)\n${table(runs)}\n${notes.map((note) => `- ${note}\n`).join('')}Figures: ${file}\n`);
});

const label = (run: Pick<RunFigures, 'flow' | 'invoices' | 'latencyMs'>) => `${run.flow}, ${run.invoices} invoices, BC ${run.latencyMs} ms`;

/** Measures one run and records it, failed or not, so every later run and target still reports. */
async function measure(flow: RunFigures['flow'], scenario: Scenario): Promise<RunFigures> {
	try {
		const run = await measureRun(templateHome as string, flow, scenario);
		runs.push(run);
		process.stderr.write(`${table([run])}\n${run.failure ? `${label(run)} failed: ${run.failure}\n` : ''}`);
		return run;
	} catch (error) {
		errors.push(`${label({ flow, ...scenario })}: ${(error as Error).message}`);
		throw error;
	}
}

/** A flow that skipped work would look fast: a run counts when it succeeded and posted every postable invoice. */
function expectComplete(run: RunFigures) {
	expect({ run: label(run), failure: run.failure, allPosted: run.posted >= run.postable }).toEqual({ run: label(run), failure: null, allPosted: true });
}

function measured(flow: RunFigures['flow'], invoices: number, latencyMs: number): RunFigures {
	const candidates = runs.filter((run) => run.flow === flow && run.invoices === invoices && run.latencyMs === latencyMs);
	const run = candidates.find((candidate) => !candidate.failure);
	if (run) return run;
	const why = candidates.map((candidate) => candidate.failure).join('; ') || 'it could not be measured (see above)';
	throw new Error(`no figures for ${label({ flow, invoices, latencyMs })}: ${why}`);
}

describe('measurements', () => {
	for (const scenario of SCENARIOS) {
		it(`${scenario.invoices} invoices with payments, BC latency ${scenario.latencyMs} ms: the package, then the baseline`, async () => {
			const ours = await measure('package', scenario);
			// The baseline re-sends a whole node's items when Retry On Fail meets one BC 429 (its README):
			// a timing accident, so it gets a second chance; both attempts stay in the figures.
			let baseline = await measure('baseline', scenario);
			if (baseline.failure) baseline = await measure('baseline', scenario);
			expectComplete(ours);
			expectComplete(baseline);
		});
	}

	if (MEMORY_INVOICES > 0) {
		it(`${MEMORY_INVOICES} invoices with payments, BC latency 0 ms: the package (memory line)`, async () => {
			expectComplete(await measure('package', { invoices: MEMORY_INVOICES, latencyMs: 0 }));
		});
	}
});

/** The workflow's own peak: before `n8n execute` printed the run (a running n8n never does), else the whole process's. */
const workflowPeakMiB = (run: RunFigures) => run.peakRssBeforePrintMiB ?? run.peakRssMiB;

/** The figure, or why there is none (so one missing run does not hide the others' figures). */
function orWhy<T>(figure: () => T): T | string {
	try {
		return figure();
	} catch (error) {
		return (error as Error).message;
	}
}

describe('targets', () => {
	const eachPackageRun = <T>(figure: (run: RunFigures) => T) => {
		if (!SCENARIOS.length) throw new Error('no scenario was measured (BENCH_E2E_SCENARIOS)');
		return SCENARIOS.map(({ invoices, latencyMs }) => {
			const value = orWhy(() => figure(measured('package', invoices, latencyMs)));
			return { run: label({ flow: 'package', invoices, latencyMs }), ...(typeof value === 'string' ? { missing: value } : value) };
		});
	};
	const atMost = (value: number | string | undefined, limit: number) => (typeof value === 'number' ? Math.min(value, limit) : `a figure ≤ ${limit}`);

	it(`the package posts at ≥ ${TARGET_SPEED_UP_AT_150_MS}× the baseline's invoices/s with 150 ms BC latency`, () => {
		const slow = SCENARIOS.filter((scenario) => scenario.latencyMs === 150);
		if (!slow.length) throw new Error('no scenario with 150 ms BC latency was measured (BENCH_E2E_SCENARIOS)');
		const ratios = slow.map(({ invoices }) => ({
			invoices,
			ratio: orWhy(() => Number((measured('package', invoices, 150).invoicesPerSecond / measured('baseline', invoices, 150).invoicesPerSecond).toFixed(2))),
		}));
		expect(ratios).toEqual(ratios.map(({ invoices, ratio }) => ({ invoices, ratio: typeof ratio === 'number' ? Math.max(ratio, TARGET_SPEED_UP_AT_150_MS) : `a ratio ≥ ${TARGET_SPEED_UP_AT_150_MS}` })));
	});

	it(`≤ ${TARGET_BC_REQUESTS_PER_INVOICE} BC HTTP request and ≤ ${TARGET_BC_OPERATIONS_PER_INVOICE} BC operations per posted invoice`, () => {
		const figures = eachPackageRun((run) => ({ requests: Number(run.bcRequestsPerPostedInvoice.toFixed(2)), operations: Number(run.bcOperationsPerPostedInvoice.toFixed(2)) }));
		expect(figures).toEqual(figures.map((figure: any) => ({ ...figure, requests: atMost(figure.requests, TARGET_BC_REQUESTS_PER_INVOICE), operations: atMost(figure.operations, TARGET_BC_OPERATIONS_PER_INVOICE) })));
	});

	it(`≤ ${TARGET_ST_CALLS_PER_INVOICE} ServiceTitan calls per invoice on backfill`, () => {
		const figures = eachPackageRun((run) => ({ calls: Number(run.serviceTitanCallsPerInvoice.toFixed(3)) }));
		expect(figures).toEqual(figures.map((figure: any) => ({ ...figure, calls: atMost(figure.calls, TARGET_ST_CALLS_PER_INVOICE) })));
	});

	it("the n8n process's peak RSS while it runs the workflow is not above the baseline's", () => {
		const figures = SCENARIOS.map(({ invoices, latencyMs }) => ({
			scenario: `${invoices} invoices, BC ${latencyMs} ms`,
			packageMiB: orWhy(() => Math.round(workflowPeakMiB(measured('package', invoices, latencyMs)))),
			baselineMiB: orWhy(() => Math.round(workflowPeakMiB(measured('baseline', invoices, latencyMs)))),
		}));
		expect(figures).toEqual(figures.map((figure) => ({ ...figure, packageMiB: atMost(figure.packageMiB, typeof figure.baselineMiB === 'number' ? figure.baselineMiB : 0) })));
	});

	// MB here as in the rest of the project: 1,048,576 bytes.
	if (MEMORY_INVOICES > 0) {
		it(`peak RSS grows ≤ ${TARGET_RSS_GROWTH_MIB} MB from ${MEMORY_BASE_INVOICES} to ${MEMORY_INVOICES} invoices`, () => {
			const growth = Math.round(workflowPeakMiB(measured('package', MEMORY_INVOICES, 0)) - workflowPeakMiB(measured('package', MEMORY_BASE_INVOICES, 0)));
			expect({ growthMiB: growth }).toEqual({ growthMiB: Math.min(growth, TARGET_RSS_GROWTH_MIB) });
		});
	}
});
