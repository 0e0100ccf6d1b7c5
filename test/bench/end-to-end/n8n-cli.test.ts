import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { logTail, runSummary } = require('./n8n-cli');

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('reads the outcome of a failed run from what `n8n execute --rawOutput` printed, not from look-alike fields inside items', async () => {
	const item = { json: { status: 'Open', error: { message: 'inside an item' }, startedAt: 'no' } };
	const run = {
		data: {
			startData: {},
			resultData: {
				runData: { 'Post Invoice': [{ startTime: 1, data: { main: [[item]] } }] },
				lastNodeExecuted: 'Post Invoice',
				error: { message: 'Business Central refused the batch', node: { name: 'Post Invoice' }, description: 'HTTP 400' },
			},
		},
		mode: 'cli',
		startedAt: '2026-11-02T10:00:00.000Z',
		stoppedAt: '2026-11-02T10:00:12.500Z',
		status: 'error',
	};
	const file = join(dir, 'run.json');
	writeFileSync(file, `Execution was NOT successful.\n====\n${JSON.stringify(run, null, 2)}\n`);
	expect(await runSummary(file)).toEqual({
		status: 'error',
		startedAt: '2026-11-02T10:00:00.000Z',
		stoppedAt: '2026-11-02T10:00:12.500Z',
		lastNodeExecuted: 'Post Invoice',
		error: run.data.resultData.error,
	});
});

it('the preloaded hook reports the peak resident size of a process that freed its memory before exiting', () => {
	const script = 'let block = Buffer.alloc(200 * 1048576, 1); block = null;';
	const result = spawnSync(process.execPath, ['-e', script], {
		env: { ...process.env, NODE_OPTIONS: `--require ${join(__dirname, 'report-peak-rss.js')}`, ML_CONNECTOR_PEAK_RSS_DIR: dir },
		encoding: 'utf8',
	});
	expect(result.status).toBe(0);
	const [report] = readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));
	expect(report.pid).toBe(result.pid);
	expect(report.peakRssBytes / 1048576).toBeGreaterThanOrEqual(190);
});

it("keeps n8n's own error lines from what `execute` printed and leaves the run's JSON out", () => {
	const file = join(dir, 'run.json');
	const run = JSON.stringify({ data: { resultData: { runData: { Config: [{ json: { clientSecret: 'not-for-logs' } }] } } } }, null, 2);
	writeFileSync(file, `n8n Task Broker ready on 127.0.0.1\n${run}\nError executing workflow. See log messages for details.\nExecution error:\n====================================\nInvalid string length\n`);
	expect(logTail(file)).toBe('Error executing workflow. See log messages for details.\nExecution error:\nInvalid string length');
});

it('the preloaded hook also reports the peak just before `n8n execute` prints the finished run as indented JSON', () => {
	// A run of about 100 MB resident, then its print: the print's string is the spike the hook leaves out.
	const script = `
		const run = { data: { resultData: { runData: { Node: Array.from({ length: 400000 }, (_, i) => ({ json: { id: i, text: 'x'.repeat(40) } })) } } } };
		const printed = JSON.stringify(run, null, 2);
		process.stdout.write(String(printed.length));`;
	const result = spawnSync(process.execPath, ['-e', script], {
		env: { ...process.env, NODE_OPTIONS: `--require ${join(__dirname, 'report-peak-rss.js')}`, ML_CONNECTOR_PEAK_RSS_DIR: dir },
		encoding: 'utf8',
	});
	expect(result.status).toBe(0);
	const [report] = readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));
	expect(report.peakRssBeforePrintBytes).toBeGreaterThan(0);
	expect(report.peakRssBeforePrintBytes).toBeLessThan(report.peakRssBytes);
	// the print of a 400,000-item run is over 60 MB of text
	expect((report.peakRssBytes - report.peakRssBeforePrintBytes) / 1048576).toBeGreaterThan(30);
});
