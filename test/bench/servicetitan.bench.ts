import type { IDataObject } from 'n8n-workflow';

import { ServiceTitan } from '../../nodes/ServiceTitan/ServiceTitan.node';
import { runExecute } from '../helpers/context';
import { serviceTitanCredential, startSimulator, type Simulator } from '../servicetitan/setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { peakRssBytes } = require('./peak-rss');

/**
 * Targets (2 cores, 24 GB): a month-end export of 20,000 invoices is read, checked to the cent and
 * normalized at ≥ 500 invoices/s each way, and the node process stays under 1.5 GB resident.
 * Memory is the kernel's peak resident size of this whole process (jest, the in-process simulator
 * and the node), so far: what a container limit or the OOM killer would see.
 */
const INVOICES = Number(process.env.BENCH_INVOICES ?? 20_000);
const TARGET_PER_SECOND = 500;
const TARGET_RSS_MB = 1536;

const node = new ServiceTitan();
let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ seed: { seed: 5, invoices: INVOICES, customers: 400 }, exportPageSize: 500 });
});
afterAll(async () => {
	await sim.close();
});

function report(name: string, records: number, ms: number) {
	const perSecond = Math.round((records / ms) * 1000);
	process.stdout.write(`${name}: ${records} records in ${(ms / 1000).toFixed(1)} s = ${perSecond}/s, peak RSS so far ${Math.round(peakRssBytes() / 1048576)} MB\n`);
	return perSecond;
}

let exported: IDataObject[] = [];

it(`reads the invoice export feed of ${INVOICES} invoices with canonical documents`, async () => {
	const started = Date.now();
	const { output } = await runExecute({
		nodeType: node,
		parameters: { resource: 'invoice', operation: 'exportFeed', resumeFrom: 'beginning', includeCanonical: true },
		credentials: { serviceTitanApi: serviceTitanCredential(sim) },
	});
	const elapsed = Date.now() - started;
	exported = output[0].map((item) => item.json);
	expect(exported.length).toBeGreaterThanOrEqual(INVOICES);
	expect(exported.filter((record) => record.canonicalError)).toHaveLength(0);
	expect(report('export feed + canonical', exported.length, elapsed)).toBeGreaterThanOrEqual(TARGET_PER_SECOND);
	expect(peakRssBytes() / 1048576).toBeLessThan(TARGET_RSS_MB);
});

it(`normalizes ${INVOICES} invoices with a business-unit mapping`, async () => {
	const items = exported.map(({ canonical: _canonical, _continueFrom, _hasMore, ...record }) => record);
	const started = Date.now();
	const { output } = await runExecute({
		nodeType: node,
		parameters: {
			resource: 'document',
			operation: 'normalize',
			recordType: 'invoice',
			refetch: false,
			businessUnitMapSource: 'rows',
			businessUnitMapRows: { row: sim.state.businessUnits.map((bu: IDataObject) => ({ from: String(bu.id), to: `DIM-${bu.id}` })) },
		},
		items,
		credentials: { serviceTitanApi: serviceTitanCredential(sim) },
	});
	const elapsed = Date.now() - started;
	expect(output[0].filter((item) => item.json.error)).toHaveLength(0);
	expect(report('normalize + mapping', output[0].length, elapsed)).toBeGreaterThanOrEqual(TARGET_PER_SECOND);
	expect(peakRssBytes() / 1048576).toBeLessThan(TARGET_RSS_MB);
});
