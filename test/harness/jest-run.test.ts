/**
 * Runs jest itself, with the project's configuration, on two fixture files, to check what a whole
 * test run leaves behind and what it says while a test runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const JEST = path.join(REPO, 'node_modules', 'jest', 'bin', 'jest.js');
const FIXTURE_CONFIG = path.join(__dirname, 'fixtures', 'jest.config.js');

let tmp: string;
let report: { tmpdir: string; created: string[] };
let child: { code: number | null; stderr: string };
let abandoned: string;

function runJest(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, [JEST, '--config', FIXTURE_CONFIG, '--runInBand', '--ci'], { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		proc.stderr.on('data', (chunk) => (stderr += chunk));
		proc.once('error', reject);
		proc.once('close', (code) => resolve({ code, stderr }));
	});
}

beforeAll(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-child-tmp-'));
	// A run that was killed before its teardown: its process is gone, its folder is not.
	const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
	abandoned = path.join(tmp, `ml-connector-run-${gone.stdout}-x1`);
	fs.mkdirSync(path.join(abandoned, 'ml-connector-n8n-old'), { recursive: true });
	const reportFile = path.join(os.tmpdir(), `fixture-report-${process.pid}.json`);
	child = await runJest({
		...process.env,
		TMPDIR: tmp,
		TMP: tmp,
		TEMP: tmp,
		ML_CONNECTOR_PROGRESS: 'on',
		ML_CONNECTOR_PROGRESS_TICK_MS: '400',
		FIXTURE_REPORT: reportFile,
	});
	report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
	fs.rmSync(reportFile, { force: true });
}, 120_000);

afterAll(() => {
	fs.rmSync(tmp, { recursive: true, force: true });
});

it('the fixture run fails, as the fixture means it to', () => {
	expect(child.stderr).toContain('this fixture fails on purpose');
	expect(child.code).toBe(1);
});

it('a failed run leaves nothing in the temp folder: no n8n user folder, pack folder, certificate or key', () => {
	expect(report.created).toHaveLength(4);
	for (const dir of report.created) expect(dir.startsWith(report.tmpdir)).toBe(true);
	expect(report.created.filter((dir) => fs.existsSync(dir))).toEqual([]);
	// jest's own cache (jest_<uid>) is meant to stay.
	expect(fs.readdirSync(tmp).filter((name) => !/^jest_/.test(name))).toEqual([]);
});

it('the folder of an earlier run that was killed is removed too', () => {
	expect(fs.existsSync(abandoned)).toBe(false);
});

it('a test that runs for a while is reported as still running, with its name and elapsed time, before it ends', () => {
	const tick = child.stderr.search(/\[jest \+\d+:\d\d\] test\/harness\/fixtures\/slow\.fixture\.js: still running after \d+ s, "waits quietly for two seconds" for \d+ s/);
	const result = child.stderr.search(/(PASS|FAIL) test\/harness\/fixtures\/slow\.fixture\.js/);
	expect(tick).toBeGreaterThanOrEqual(0);
	expect(result).toBeGreaterThan(tick);
});
