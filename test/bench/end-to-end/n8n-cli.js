// The real n8n the end-to-end benchmark drives, through its CLI only (no server: `import:*` and
// `execute` run migrations themselves and need no owner login). One migrated user folder with the
// package installed is made once; every measured run gets its own copy, so each starts from an
// empty database.
'use strict';

const { execFile, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { promisify } = require('node:util');
const harness = require('../../e2e/harness');
const { n8nPaths, envWithNode24 } = require('../../e2e/install-n8n');
const { inPhase } = require('../../support/progress');

const SAMPLE_EVERY_MS = 200;
const execFileAsync = promisify(execFile);

/**
 * Packs the built package in packageDir, installs it into a new n8n user folder and migrates its database.
 * @param {string} packageDir a folder with package.json and a built dist/
 * @returns {Promise<string>} the user folder, to copy with copyHome()
 */
async function prepareTemplateHome(packageDir) {
	const tarball = await harness.packPackage(packageDir);
	const { userFolder } = await harness.createN8nHome({ tarball });
	harness.removeTempDir(path.dirname(tarball));
	const result = await inPhase('n8n', 'creating the database (migrations)', () => harness.runN8nCli(cliInstance(userFolder), ['list:workflow'], { timeoutMs: 180_000 }));
	if (result.exitCode !== 0) throw new Error(`n8n list:workflow failed (exit ${result.exitCode}):\n${(result.stdout + result.stderr).slice(-3000)}`);
	return userFolder;
}

/** @param {string} templateHome @returns {string} a fresh copy, removed by harness.removeTempDir() */
function copyHome(templateHome) {
	const dir = harness.makeTempDir('bench-n8n');
	fs.cpSync(templateHome, dir, { recursive: true });
	return dir;
}

/**
 * An n8n instance description for CLI calls only (never started).
 * @param {string} userFolder @param {Record<string, string>} [env]
 */
function cliInstance(userFolder, env = {}) {
	return new harness.N8nInstance({ userFolder, port: 5678, brokerPort: 5679, env });
}

/**
 * `n8n import:workflow` of several workflows in one call.
 * @param {any} instance @param {object[]} workflows each with its id
 */
async function importWorkflows(instance, workflows) {
	const dir = harness.makeTempDir('bench-workflows');
	try {
		const file = path.join(dir, 'workflows.json');
		fs.writeFileSync(file, JSON.stringify(workflows), { mode: 0o600 }); // the baseline's Config holds secrets
		const result = await harness.runN8nCli(instance, ['import:workflow', `--input=${file}`]);
		const output = result.stdout + result.stderr;
		const expected = `Successfully imported ${workflows.length} workflow${workflows.length === 1 ? '.' : 's.'}`;
		if (!(result.exitCode === 0 || result.signal === 'SIGSEGV') || !output.includes(expected)) {
			throw new Error(`n8n import:workflow failed (exit ${result.exitCode}):\n${output.slice(-3000)}`);
		}
	} finally {
		harness.removeTempDir(dir);
	}
}

/** @param {number} pid @returns {{ hwm: number, rss: number } | null} bytes */
function memoryOf(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (/** @type {string} */ field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? 0) * 1024;
		return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
	} catch {
		return null;
	}
}

/** @param {number} pid @returns {number[]} the process and all its descendants */
function processTree(pid) {
	const tree = [pid];
	for (let i = 0; i < tree.length; i++) {
		try {
			const children = fs.readFileSync(`/proc/${tree[i]}/task/${tree[i]}/children`, 'utf8').trim();
			if (children) tree.push(...children.split(/\s+/).map(Number));
		} catch {
			// gone already
		}
	}
	return tree;
}

/**
 * The top-level fields of the run JSON `execute --rawOutput` printed, read line by line (the file can
 * be larger than a JavaScript string may be): status, startedAt, stoppedAt, and resultData's
 * lastNodeExecuted and error.
 * @param {string} file
 */
async function runSummary(file) {
	/** @type {Record<string, any>} */
	const summary = {};
	/** @type {string[] | null} */
	let errorLines = null;
	const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
	for await (const line of lines) {
		if (errorLines) {
			errorLines.push(line);
			if (line.startsWith('      }')) {
				summary.error = JSON.parse(`{${errorLines.join('\n').replace(/,\s*$/, '')}}`).error;
				errorLines = null;
			}
			continue;
		}
		const top = /^ {2}"(status|startedAt|stoppedAt|finished)": (.*?),?$/.exec(line);
		if (top) summary[top[1]] = JSON.parse(top[2]);
		const result = /^ {6}"lastNodeExecuted": (.*?),?$/.exec(line);
		if (result) summary.lastNodeExecuted = JSON.parse(result[1]);
		if (line === '      "error": {') errorLines = [line];
	}
	return summary;
}

/**
 * The newest execution of a workflow as n8n stored it (read with n8n's own sqlite3 build). `n8n execute`
 * saves the run before it prints it, and printing fails on a run larger than a JavaScript string may be.
 * @param {string} userFolder @param {string} workflowId
 * @returns {Promise<{ status: string, startedAt: string | null, stoppedAt: string | null, jsonSizeBytes: number } | null>}
 */
async function lastExecution(userFolder, workflowId) {
	const { nodeBin, n8nDir } = n8nPaths();
	const script = `
		const sqlite3 = require('sqlite3');
		const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
		const sql = 'SELECT status, startedAt, stoppedAt, jsonSizeBytes FROM execution_entity WHERE workflowId = ? ORDER BY id DESC LIMIT 1';
		db.get(sql, [process.argv[2]], (error, row) => {
			if (error) { process.stderr.write(error.message); process.exit(1); }
			process.stdout.write(JSON.stringify(row ?? null));
			db.close();
		});`;
	const database = path.join(userFolder, '.n8n', 'database.sqlite');
	const { stdout } = await execFileAsync(nodeBin, ['-e', script, database, workflowId], { cwd: n8nDir, env: envWithNode24(), timeout: 60_000 });
	const row = JSON.parse(stdout);
	const utc = (/** @type {string | null} */ value) => (value ? new Date(`${value.replace(' ', 'T')}Z`).toISOString() : null);
	return row && { status: row.status, startedAt: utc(row.startedAt), stoppedAt: utc(row.stoppedAt), jsonSizeBytes: Number(row.jsonSizeBytes) };
}

/**
 * The log lines at the end of what `n8n execute` printed, from its "Error executing workflow" on when
 * there is one (the run's JSON is indented and left out: it holds the workflow's parameters).
 * @param {string} file
 */
function logTail(file) {
	const size = fs.statSync(file).size;
	const length = Math.min(size, 64 * 1024);
	const buffer = Buffer.alloc(length);
	const fd = fs.openSync(file, 'r');
	try {
		fs.readSync(fd, buffer, 0, length, size - length);
	} finally {
		fs.closeSync(fd);
	}
	const lines = buffer.toString('utf8').split('\n').filter((line) => line.trim() && !/^[\s{}=]/.test(line));
	const error = lines.findLastIndex((line) => line.startsWith('Error executing workflow'));
	return (error >= 0 ? lines.slice(error) : lines.slice(-20)).join('\n');
}

/**
 * `n8n execute --id=<id> --rawOutput`, measuring the process's peak resident memory: a poller reads
 * VmHWM of the process (and VmRSS of it and its task runner) every 200 ms, and a preloaded hook
 * writes VmHWM as the process exits; the larger of the two counts.
 * @param {any} instance @param {string} id
 * @param {{ timeoutMs?: number }} [options]
 */
async function executeMeasured(instance, id, { timeoutMs = 30 * 60_000 } = {}) {
	const { nodeBin, n8nBin } = n8nPaths();
	const dir = harness.makeTempDir('bench-execute');
	const stdoutFile = path.join(dir, 'run.json');
	const peakDir = path.join(dir, 'peaks');
	fs.mkdirSync(peakDir);
	const env = {
		...instance.env,
		N8N_RUNNERS_BROKER_PORT: String(await harness.findFreePort()),
		NODE_OPTIONS: `--require "${path.join(__dirname, 'report-peak-rss.js')}"`,
		ML_CONNECTOR_PEAK_RSS_DIR: peakDir,
	};
	try {
		return await inPhase('n8n', `running workflow ${id} (measured)`, async () => {
			const started = Date.now();
			const out = fs.openSync(stdoutFile, 'w');
			const child = spawn(nodeBin, [n8nBin, 'execute', `--id=${id}`, '--rawOutput'], { cwd: instance.userFolder, env, stdio: ['ignore', out, 'pipe'] });
			fs.closeSync(out);
			let stderr = '';
			child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-200_000)));
			let polledPeak = 0;
			let treePeak = 0;
			const poll = () => {
				if (!child.pid) return;
				polledPeak = Math.max(polledPeak, memoryOf(child.pid)?.hwm ?? 0);
				treePeak = Math.max(treePeak, processTree(child.pid).reduce((sum, pid) => sum + (memoryOf(pid)?.rss ?? 0), 0));
			};
			const sampler = setInterval(poll, SAMPLE_EVERY_MS);
			let timedOut = false;
			const timer = setTimeout(() => {
				timedOut = true;
				child.kill('SIGKILL');
			}, timeoutMs);
			/** @type {[number | null, string | null]} */
			const [exitCode, signal] = await new Promise((resolve, reject) => {
				child.once('error', reject);
				child.once('close', (code, sig) => resolve([code, sig]));
			});
			const wallMs = Date.now() - started;
			clearInterval(sampler);
			clearTimeout(timer);
			const reported = fs.readdirSync(peakDir).map((name) => JSON.parse(fs.readFileSync(path.join(peakDir, name), 'utf8')));
			const own = reported.find((entry) => entry.pid === child.pid);
			const ownReport = own?.peakRssBytes ?? 0;
			const others = reported.filter((entry) => entry.pid !== child.pid).map((entry) => entry.peakRssBytes);
			const summary = await runSummary(stdoutFile);
			const stored = await lastExecution(instance.userFolder, id);
			const outcome = { ...stored, ...summary };
			return {
				exitCode,
				signal,
				timedOut,
				wallMs,
				runMs: outcome.startedAt && outcome.stoppedAt ? Date.parse(outcome.stoppedAt) - Date.parse(outcome.startedAt) : null,
				summary: outcome,
				printedRun: Boolean(summary.status),
				logTail: logTail(stdoutFile),
				stderrTail: stderr.slice(-4000),
				peakRssBytes: Math.max(polledPeak, ownReport),
				peakRssMeasuredAtExit: ownReport > 0,
				peakRssBeforePrintBytes: own?.peakRssBeforePrintBytes ?? null,
				taskRunnerPeakRssBytes: others.length ? Math.max(...others) : null,
				treePeakRssBytes: treePeak,
			};
		});
	} finally {
		harness.removeTempDir(dir);
	}
}

module.exports = { prepareTemplateHome, copyHome, cliInstance, importWorkflows, executeMeasured, runSummary, logTail };
