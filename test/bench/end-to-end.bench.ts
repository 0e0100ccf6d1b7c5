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
const failures: string[] = [];
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
	if (!runs.length) return;
	const file = resultsFile();
	writeResults(file, { measuredAt: new Date().toISOString(), machine: { cpus: cpus().length, memoryMiB: Math.round(totalmem() / 1048576) }, runs, failures });
	process.stdout.write(`\nEnd-to-end benchmark (n8n 2.41.1, simulators on loopback)\n${table(runs)}\nFigures: ${file}\n`);
});

/** Measures one run; a failed run is recorded, so every later run and target still reports. */
async function measure(flow: RunFigures['flow'], scenario: Scenario) {
	try {
		const run = await measureRun(templateHome as string, flow, scenario);
		runs.push(run);
		process.stderr.write(`${table([run])}\n`);
		return run;
	} catch (error) {
		failures.push(`${flow}, ${scenario.invoices} invoices, BC ${scenario.latencyMs} ms: ${(error as Error).message}`);
		throw error;
	}
}

const find = (flow: RunFigures['flow'], invoices: number, latencyMs: number) => runs.find((run) => run.flow === flow && run.invoices === invoices && run.latencyMs === latencyMs);
const label = (run: RunFigures) => `${run.flow}, ${run.invoices} invoices, BC ${run.latencyMs} ms`;

function measured(flow: RunFigures['flow'], invoices: number, latencyMs: number): RunFigures {
	const run = find(flow, invoices, latencyMs);
	if (!run) throw new Error(`no figures for ${flow}, ${invoices} invoices, BC ${latencyMs} ms: its run failed (see above)`);
	return run;
}

describe('measurements', () => {
	for (const scenario of SCENARIOS) {
		it(`${scenario.invoices} invoices with payments, BC latency ${scenario.latencyMs} ms: the package, then the baseline`, async () => {
			const outcomes = [];
			for (const flow of ['package', 'baseline'] as const) outcomes.push(await measure(flow, scenario).catch((error: Error) => error));
			const failed = outcomes.find((outcome) => outcome instanceof Error);
			if (failed) throw failed;
			// A flow that skipped work would look fast: each must have posted every postable invoice.
			for (const run of runs.filter((candidate) => candidate.invoices === scenario.invoices && candidate.latencyMs === scenario.latencyMs)) {
				expect({ run: label(run), allPosted: run.posted >= run.postable }).toEqual({ run: label(run), allPosted: true });
			}
		});
	}

	if (MEMORY_INVOICES > 0) {
		it(`${MEMORY_INVOICES} invoices with payments, BC latency 0 ms: the package (memory line)`, async () => {
			const run = await measure('package', { invoices: MEMORY_INVOICES, latencyMs: 0 });
			expect({ run: label(run), allPosted: run.posted >= run.postable }).toEqual({ run: label(run), allPosted: true });
		});
	}
});

describe('targets', () => {
	const packageRuns = () => {
		const found = runs.filter((run) => run.flow === 'package' && SCENARIOS.some((s) => s.invoices === run.invoices && s.latencyMs === run.latencyMs));
		if (!found.length) throw new Error('no package run was measured (see the failures above)');
		return found;
	};

	it(`the package posts at ≥ ${TARGET_SPEED_UP_AT_150_MS}× the baseline's invoices/s with 150 ms BC latency`, () => {
		const slow = SCENARIOS.filter((scenario) => scenario.latencyMs === 150);
		if (!slow.length) throw new Error('no scenario with 150 ms BC latency was measured (BENCH_E2E_SCENARIOS)');
		const ratios = slow.map(({ invoices }) => {
			const ratio = measured('package', invoices, 150).invoicesPerSecond / measured('baseline', invoices, 150).invoicesPerSecond;
			return { invoices, ratio: Number(ratio.toFixed(2)) };
		});
		expect(ratios).toEqual(ratios.map(({ invoices, ratio }) => ({ invoices, ratio: Math.max(ratio, TARGET_SPEED_UP_AT_150_MS) })));
	});

	it(`≤ ${TARGET_BC_REQUESTS_PER_INVOICE} BC HTTP request and ≤ ${TARGET_BC_OPERATIONS_PER_INVOICE} BC operations per posted invoice`, () => {
		const figures = packageRuns().map((run) => ({ run: label(run), requests: Number(run.bcRequestsPerPostedInvoice.toFixed(2)), operations: Number(run.bcOperationsPerPostedInvoice.toFixed(2)) }));
		expect(figures).toEqual(figures.map((figure) => ({ ...figure, requests: Math.min(figure.requests, TARGET_BC_REQUESTS_PER_INVOICE), operations: Math.min(figure.operations, TARGET_BC_OPERATIONS_PER_INVOICE) })));
	});

	it(`≤ ${TARGET_ST_CALLS_PER_INVOICE} ServiceTitan calls per invoice on backfill`, () => {
		const figures = packageRuns().map((run) => ({ run: label(run), calls: Number(run.serviceTitanCallsPerInvoice.toFixed(3)) }));
		expect(figures).toEqual(figures.map((figure) => ({ ...figure, calls: Math.min(figure.calls, TARGET_ST_CALLS_PER_INVOICE) })));
	});

	it("the n8n process's peak RSS is not above the baseline's", () => {
		const figures = SCENARIOS.map(({ invoices, latencyMs }) => ({
			scenario: `${invoices} invoices, BC ${latencyMs} ms`,
			packageMiB: Math.round(measured('package', invoices, latencyMs).peakRssMiB),
			baselineMiB: Math.round(measured('baseline', invoices, latencyMs).peakRssMiB),
		}));
		expect(figures).toEqual(figures.map((figure) => ({ ...figure, packageMiB: Math.min(figure.packageMiB, figure.baselineMiB) })));
	});

	if (MEMORY_INVOICES > 0) it(`peak RSS grows ≤ ${TARGET_RSS_GROWTH_MIB} MB from ${MEMORY_BASE_INVOICES} to ${MEMORY_INVOICES} invoices`, () => {
		const growth = measured('package', MEMORY_INVOICES, 0).peakRssMiB - measured('package', MEMORY_BASE_INVOICES, 0).peakRssMiB;
		expect({ growthMiB: Math.round(growth) }).toEqual({ growthMiB: Math.min(Math.round(growth), TARGET_RSS_GROWTH_MIB) });
	});
});
