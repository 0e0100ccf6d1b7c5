// Drives a real n8n 2.41.1 (installed by ./install-n8n.js) for end-to-end tests and the sandbox.
//
// Facts observed on n8n 2.41.1 here (Node 24.21 for n8n, SQLite, 2 cores):
// - `n8n start`: /healthz/readiness answers 200 after 12-13 s on a fresh database (about 200
//   migrations), 7-9 s on an existing one. It turns 200 when the HTTP server is up; published
//   workflows are activated after that, right before the log line "Editor is now accessible via:"
//   (< 0.1 s later on an empty database). waitReady() waits for both. SIGTERM: 0.2-1.5 s.
// - jest sets NODE_ENV=test, which flips n8n into its own test mode (`inTest`): the child gets
//   NODE_ENV=production instead.
// - The only outbound call at start-up is the MCP registry refresh (api.n8n.io); it is switched off
//   with N8N_DISABLED_MODULES=mcp-registry. The vetted community-node list (api.n8n.io) is not
//   fetched with N8N_VERIFIED_PACKAGES_ENABLED=false; license renewal is off too. WEBHOOK_URL is
//   deprecated in 2.41 (warning at start-up): N8N_WEBHOOK_URL is used instead (it wins anyway).
//   A warning about the missing Python task runner is harmless.
// - Community packages: n8n scans <N8N_USER_FOLDER>/.n8n/nodes/node_modules and adds its own
//   node_modules to NODE_PATH, so a package's peer n8n-workflow resolves to n8n's copy. n8n's own
//   installer drops peerDependencies before `npm install`; plain npm 11 would install the peer
//   (about 130 packages), hence --legacy-peer-deps. Types then show up as '<package>.<node>' in
//   /types/nodes.json, plus '<node>Tool' for usableAsTool nodes.
// - Every n8n process opens a task-runner broker (default port 5679): the server and each CLI call
//   get their own N8N_RUNNERS_BROKER_PORT.
// - `n8n execute` dies with SIGSEGV while exiting in about 1 run of 7, after printing the complete
//   run JSON (seen 4/25 and 1/10; import:workflow 0/25). executeWorkflow() then reports
//   crashedOnExit and derives exitCode from the run's status instead of failing the test.
// - import:credentials takes [{id, name, type, data}] with `data` in clear (n8n encrypts it) and
//   prints "Successfully imported N credential(s)."; ids need not look like n8n's ('st-sandbox'
//   works). Nodes find credentials by the id in their `credentials` reference. An HTTP Request
//   node reached a 127.0.0.1 server with an imported header credential (SSRF allows loopback).
// - CLI while the server runs: `import:workflow` about 2.5 s, `execute` about 2.7-4 s. import:workflow
//   prints "Successfully imported N workflow(s)." and may skip workflows ("Skipped workflow ...:
//   content-import policy violation(s)") with exit code 0, so the success line is checked.
// - `execute --id=X --rawOutput` prints to stdout: a few log lines, then the run as pretty-printed
//   JSON (a line "{" ... a line "}"): { data: { resultData: { runData: { <node>: [ { data: { main:
//   [[{ json }]] } } ] }, lastNodeExecuted, error? } }, mode: 'cli', status: 'success'|'error',
//   finished?, startedAt, stoppedAt }. A failed run exits 1 and prints "Execution was NOT
//   successful." + "Execution error:" + "====" before the JSON, the stack on stderr. An unknown id
//   exits 1 with no JSON. CLI runs appear in the executions list with mode 'cli'.
// - REST: POST /rest/owner/setup {email, firstName, lastName, password} -> Set-Cookie n8n-auth;
//   a second setup answers 400 "Instance owner already setup"; login is POST /rest/login
//   {emailOrLdapLoginId, password}. GET /rest/api-keys/scopes -> {data: string[]};
//   POST /rest/api-keys {label, scopes, expiresAt: null} -> {data: {rawApiKey, ...}}.
// - GET /types/nodes.json needs the n8n-auth cookie (401 without), is about 18 MB: an array of node
//   descriptions with `name` ('n8n-nodes-base.set', '<package>.<node>' for community packages).
// - Publish: POST /api/v1/workflows/{id}/publish (X-N8N-API-KEY) answers at once with the workflow
//   ({active: true, activeVersionId}); GET /rest/workflows/{id}/publication-status (cookie) then
//   goes {status: 'in_progress', pendingVersionId} -> {status: 'published', liveVersionId,
//   triggers: [{nodeId, status: 'activated', errorMessage}]} within about 0.1-0.4 s. Other
//   statuses: 'not_published', 'partial', 'failed' (triggers[].errorMessage says why).
//   Before that the webhook answers 404 "The requested webhook "POST x" is not registered.";
//   afterwards a responseMode 'onReceived' Webhook answers 200 {"message":"Workflow was started"}.
// - GET /api/v1/executions?workflowId=&includeData= -> {data: [...], nextCursor};
//   GET /api/v1/executions/{id}?includeData=true -> {id, status, mode, workflowId, data: <same
//   shape as the CLI JSON's `data`>, workflowData, ...}.
'use strict';

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { n8nPaths, envWithNode24 } = require('./install-n8n');
const { inPhase } = require('../support/progress');

const DEFAULT_ENCRYPTION_KEY = 'ml-connector-e2e-fixed-encryption-key-v1';
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;
const LOG_CAP_CHARS = 4_000_000;
const READY_LOG_LINE = 'Editor is now accessible via:';

/** @type {Set<N8nInstance>} instances to kill if the process exits without stopping them */
const running = new Set();
/** @type {Set<string>} temp folders this process made (user folders hold credentials) */
const tempDirs = new Set();
process.on('exit', () => {
	for (const instance of running) instance.killGroup('SIGKILL');
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A new folder under the OS temp folder, removed by removeTempDir() or at the latest when this
 * process exits.
 * @param {string} prefix
 */
function makeTempDir(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ml-connector-${prefix}-`));
	tempDirs.add(dir);
	return dir;
}

/** @param {string | undefined} dir a folder from makeTempDir() (anything else is left alone) */
function removeTempDir(dir) {
	if (!dir || !tempDirs.has(dir)) return;
	fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	tempDirs.delete(dir);
}

/** @returns {Promise<number>} a port that was free on 127.0.0.1 a moment ago */
function findFreePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/** @param {string} text @param {number} [lines] */
function tail(text, lines = 60) {
	return String(text).split('\n').slice(-lines).join('\n');
}

/**
 * Runs a command; resolves with its exit code and output (never rejects on a non-zero exit).
 * @param {string} cmd @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, stdoutFile?: string }} [options]
 * @returns {Promise<{ exitCode: number | null, signal: string | null, timedOut: boolean, stdout: string, stderr: string }>}
 */
function runCommand(cmd, args, options = {}) {
	return new Promise((resolve, reject) => {
		const stdoutFd = options.stdoutFile ? fs.openSync(options.stdoutFile, 'w') : null;
		const child = spawn(cmd, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'],
		});
		if (stdoutFd !== null) fs.closeSync(stdoutFd);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk) => (stdout += chunk));
		child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-LOG_CAP_CHARS)));
		let timedOut = false;
		const timer = options.timeoutMs
			? setTimeout(() => {
					timedOut = true;
					child.kill('SIGKILL');
				}, options.timeoutMs)
			: null;
		child.once('error', (error) => {
			if (timer) clearTimeout(timer);
			reject(new Error(`cannot run ${cmd}: ${error.message}`));
		});
		child.once('close', (exitCode, signal) => {
			if (timer) clearTimeout(timer);
			if (options.stdoutFile) stdout = fs.readFileSync(options.stdoutFile, 'utf8');
			resolve({ exitCode, signal, timedOut, stdout, stderr });
		});
	});
}

/**
 * `npm pack` of an already built repository into a temp folder (or destDir).
 * @param {string} repoDir
 * @param {{ destDir?: string }} [options]
 * @returns {Promise<string>} the tarball path
 */
async function packPackage(repoDir, options = {}) {
	const pkg = JSON.parse(fs.readFileSync(path.join(repoDir, 'package.json'), 'utf8'));
	if (!fs.existsSync(path.join(repoDir, 'dist'))) {
		throw new Error(`packPackage: ${repoDir}/dist does not exist - run "npm run build" first`);
	}
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = declared.filter((file) => !fs.existsSync(path.join(repoDir, file)));
	if (missing.length > 0) {
		throw new Error(`packPackage: the build is incomplete, missing ${missing.join(', ')} - run "npm run build"`);
	}
	const destDir = options.destDir ?? makeTempDir('pack');
	fs.mkdirSync(destDir, { recursive: true });
	// --ignore-scripts: the build is checked above; a prepack script must not rebuild behind our back.
	const result = await inPhase('n8n', `npm pack of ${pkg.name}`, () =>
		runCommand('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destDir], { cwd: repoDir, timeoutMs: 120_000 }),
		{ quietStart: true },
	);
	if (result.exitCode !== 0) {
		throw new Error(`npm pack failed in ${repoDir} (exit ${result.exitCode}):\n${tail(result.stderr)}`);
	}
	const start = result.stdout.indexOf('[');
	const info = JSON.parse(result.stdout.slice(start));
	const tarball = path.join(destDir, info[0].filename);
	if (!fs.existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}`);
	return tarball;
}

/**
 * Creates (or reuses) an N8N_USER_FOLDER with the tarball installed as a community package in
 * <userFolder>/.n8n/nodes, so node types resolve as `<package name>.<node name>`.
 * The tarball is copied into the nodes folder under a version-free name, so package.json there keeps
 * pointing at a file that exists and a later install of a newer build replaces it.
 * --legacy-peer-deps: npm would otherwise install the peer n8n-workflow (and ~130 packages) beside
 * the package, which would then load a second copy instead of n8n's own (n8n's installer strips
 * peerDependencies before installing; n8n puts its own modules on NODE_PATH for packages).
 * @param {{ tarball: string, dir?: string }} options
 * @returns {Promise<{ userFolder: string, nodesDir: string }>}
 */
async function createN8nHome({ tarball, dir }) {
	if (!tarball || !fs.existsSync(tarball)) throw new Error(`createN8nHome: tarball not found: ${tarball}`);
	const userFolder = dir ?? makeTempDir('n8n');
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		// Same shape n8n writes itself when it manages this folder.
		fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	const localName = path.basename(tarball).replace(/-\d+\.\d+\.\d+[^/]*\.tgz$/, '') + '.tgz';
	fs.copyFileSync(tarball, path.join(nodesDir, localName));
	const result = await inPhase('n8n', `installing ${localName} as a community package`, () =>
		runCommand(
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--loglevel=error', `./${localName}`],
			{ cwd: nodesDir, timeoutMs: 300_000 },
		),
	);
	if (result.exitCode !== 0) {
		throw new Error(`npm install of ${tarball} in ${nodesDir} failed (exit ${result.exitCode}):\n${tail(result.stderr)}`);
	}
	return { userFolder, nodesDir };
}

/**
 * The environment every n8n process of one instance shares (the CLI calls add their own broker port):
 * this process's environment without N8N_*, WEBHOOK_URL, JEST_* and NODE_OPTIONS, Node 24 first on
 * PATH, the fixed settings below, then the caller's `env` (which may override any of them).
 * @param {{ userFolder: string, port: number, brokerPort: number, encryptionKey: string, env?: Record<string, string> }} o
 * @returns {Record<string, string>}
 */
function n8nEnv({ userFolder, port, brokerPort, encryptionKey, env = {} }) {
	const base = /** @type {Record<string, string>} */ (envWithNode24(process.env));
	for (const name of Object.keys(base)) {
		// Never leak the test runner's settings (NODE_ENV=test turns on n8n's own test mode).
		if (name === 'NODE_OPTIONS' || name.startsWith('JEST_') || name.startsWith('N8N_') || name === 'WEBHOOK_URL') {
			delete base[name];
		}
	}
	return {
		...base,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.0/8,::1/128',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: 'info',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		...env,
	};
}

class N8nInstance {
	/**
	 * @param {{ userFolder: string, port: number, brokerPort: number, env?: Record<string, string>,
	 *   encryptionKey?: string, logFile?: string, echo?: boolean, command?: string[], readyLogLine?: string }} options
	 *   command: the n8n command line (default ['start']; queue mode adds ['worker'] and ['webhook']),
	 *   readyLogLine: what n8n logs once that command is ready
	 */
	constructor(options) {
		this.command = options.command ?? ['start'];
		this.readyLogLine = options.readyLogLine ?? READY_LOG_LINE;
		this.userFolder = options.userFolder;
		this.port = options.port;
		this.url = `http://127.0.0.1:${options.port}`;
		this.encryptionKey = options.encryptionKey ?? DEFAULT_ENCRYPTION_KEY;
		this.env = n8nEnv({ ...options, encryptionKey: this.encryptionKey });
		this.logFile = options.logFile;
		this.echo = Boolean(options.echo);
		/** @type {string | undefined} n8n-auth cookie, set by setupOwner() */
		this.cookie = undefined;
		/** @type {string | undefined} set by createApiKey() */
		this.apiKey = undefined;
		/** @type {import('node:child_process').ChildProcess | null} */
		this.child = null;
		/** @type {{ code: number | null, signal: string | null } | null} */
		this.exit = null;
		this.output = '';
		this.startedAt = 0;
		/** @type {number | undefined} milliseconds from spawn to ready */
		this.readyAfterMs = undefined;
		/** @type {Promise<{ code: number | null, signal: string | null }>} */
		this.exited = Promise.resolve({ code: null, signal: null });
	}

	/** Spawns `n8n start` (or this.command) in its own process group (so its task runner can be killed with it). */
	start() {
		if (this.child) throw new Error('n8n already started');
		const { nodeBin, n8nBin } = n8nPaths();
		if (!fs.existsSync(n8nBin)) {
			throw new Error(`n8n is not installed at ${n8nBin}: run "node test/e2e/install-n8n.js" first`);
		}
		this.startedAt = Date.now();
		const logStream = this.logFile ? fs.createWriteStream(this.logFile, { flags: 'a' }) : null;
		const child = spawn(nodeBin, [n8nBin, ...this.command], {
			cwd: this.userFolder,
			env: this.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.child = child;
		running.add(this);
		/** @param {Buffer} chunk */
		const onData = (chunk) => {
			const text = chunk.toString();
			this.output = (this.output + text).slice(-LOG_CAP_CHARS);
			logStream?.write(text);
			if (this.echo) process.stderr.write(text);
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		this.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				this.exit = { code, signal };
				running.delete(this);
				logStream?.end();
				resolve(this.exit);
			});
		});
		child.once('error', (error) => {
			this.output += `\n[harness] spawn error: ${error.message}\n`;
		});
		return this;
	}

	/** @returns {string} everything n8n printed (capped to the last few MB) */
	logs() {
		return this.output;
	}

	/** @param {string} pathname */
	webhookUrl(pathname) {
		return `${this.url}/webhook/${pathname.replace(/^\//, '')}`;
	}

	/**
	 * Polls /healthz/readiness until 200 and n8n has logged that the editor is accessible.
	 * @param {{ timeoutMs?: number }} [options]
	 */
	async waitReady({ timeoutMs = READY_TIMEOUT_MS } = {}) {
		const deadline = Date.now() + timeoutMs;
		let readiness = false;
		while (Date.now() < deadline) {
			if (this.exit) {
				throw new Error(`n8n exited during start-up (code ${this.exit.code}, signal ${this.exit.signal}):\n${tail(this.output)}`);
			}
			if (!readiness) readiness = await this.probeReadiness();
			if (readiness && this.output.includes(this.readyLogLine)) {
				this.readyAfterMs = Date.now() - this.startedAt;
				return this;
			}
			await sleep(300);
		}
		throw new Error(
			`n8n at ${this.url} not ready after ${timeoutMs / 1000} s (readiness ${readiness ? 'ok' : 'not ok'}):\n${tail(this.output)}`,
		);
	}

	/** @private */
	async probeReadiness() {
		try {
			const res = await fetch(`${this.url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			await res.arrayBuffer();
			return res.status === 200;
		} catch {
			return false;
		}
	}

	/** @param {NodeJS.Signals} signal */
	killGroup(signal) {
		if (!this.child?.pid) return;
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			// already gone
		}
	}

	/** SIGTERM, wait up to 10 s, then SIGKILL the whole process group. */
	async stop() {
		if (!this.child) return;
		if (!this.exit) {
			try {
				this.child.kill('SIGTERM');
			} catch {
				// already gone
			}
			const timer = setTimeout(() => this.killGroup('SIGKILL'), STOP_GRACE_MS);
			await this.exited;
			clearTimeout(timer);
		}
		this.killGroup('SIGKILL'); // a task runner left behind, if any
		running.delete(this);
	}
}

/**
 * Starts n8n and waits until it is ready (unless `wait: false`). On failure it is stopped and the
 * error carries the tail of its log.
 * @param {{ userFolder: string, port?: number, env?: Record<string, string>, encryptionKey?: string,
 *   logFile?: string, echo?: boolean, wait?: boolean, timeoutMs?: number }} options
 * @returns {Promise<N8nInstance>}
 */
async function startN8n(options) {
	if (!options?.userFolder) throw new Error('startN8n: userFolder is required');
	const port = options.port ?? (await findFreePort());
	const brokerPort = await findFreePort();
	const instance = new N8nInstance({ ...options, port, brokerPort }).start();
	if (options.wait === false) return instance;
	try {
		await inPhase('n8n', `starting n8n on ${instance.url}`, () => instance.waitReady({ timeoutMs: options.timeoutMs }));
	} catch (error) {
		await instance.stop();
		throw error;
	}
	return instance;
}

/**
 * Runs one n8n CLI command against the instance's user folder and database, with its own broker port.
 * @param {N8nInstance} instance @param {string[]} args
 * @param {{ timeoutMs?: number, stdoutFile?: string }} [options]
 */
async function runN8nCli(instance, args, options = {}) {
	const { nodeBin, n8nBin } = n8nPaths();
	const env = { ...instance.env, N8N_RUNNERS_BROKER_PORT: String(await findFreePort()) };
	return runCommand(nodeBin, [n8nBin, ...args], {
		cwd: instance.userFolder,
		env,
		timeoutMs: options.timeoutMs ?? 120_000,
		stdoutFile: options.stdoutFile,
	});
}

/**
 * Exit 0, or the segfault n8n's CLI sometimes hits while exiting after its work is done.
 * @param {{ exitCode: number | null, signal: string | null, timedOut: boolean }} result
 */
function cliSucceeded(result) {
	return result.exitCode === 0 || (result.signal === 'SIGSEGV' && !result.timedOut);
}

/** @param {string} prefix */
function tempFile(prefix) {
	const dir = makeTempDir(prefix);
	return { dir, file: path.join(dir, `${prefix}.json`) };
}

/** 16 characters of [0-9A-Za-z], the shape of n8n's own ids. */
function newN8nId() {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	return Array.from(crypto.randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * `n8n import:credentials`: upserts by id; `data` is a plain object that n8n encrypts.
 * @param {N8nInstance} instance
 * @param {Array<{ id?: string, name: string, type: string, data: object }>} credentials
 */
async function importCredentials(instance, credentials) {
	const list = Array.isArray(credentials) ? credentials : [credentials];
	const { dir, file } = tempFile('credentials');
	try {
		fs.writeFileSync(file, JSON.stringify(list), { mode: 0o600 });
		const result = await inPhase('n8n', `importing ${list.length} credential(s)`, () =>
			runN8nCli(instance, ['import:credentials', `--input=${file}`]),
			{ quietStart: true },
		);
		const expected = `Successfully imported ${list.length} ${list.length === 1 ? 'credential.' : 'credentials.'}`;
		if (!cliSucceeded(result) || !(result.stdout + result.stderr).includes(expected)) {
			throw new Error(`n8n import:credentials failed (exit ${result.exitCode}):\n${tail(result.stdout + result.stderr)}`);
		}
	} finally {
		removeTempDir(dir); // it holds secrets in clear text
	}
}

/**
 * `n8n import:workflow` of one workflow (object or path to a JSON file). Imported workflows are
 * unpublished. The id comes from options.id, else the JSON's id, else a new one.
 * @param {N8nInstance} instance
 * @param {object | string} workflowJsonOrPath
 * @param {{ id?: string }} [options]
 * @returns {Promise<string>} the workflow id
 */
async function importWorkflow(instance, workflowJsonOrPath, options = {}) {
	const workflow =
		typeof workflowJsonOrPath === 'string'
			? JSON.parse(fs.readFileSync(workflowJsonOrPath, 'utf8'))
			: structuredClone(workflowJsonOrPath);
	if (Array.isArray(workflow)) throw new Error('importWorkflow takes one workflow, not an array');
	workflow.id = options.id ?? workflow.id ?? newN8nId();
	const { dir, file } = tempFile('workflow');
	try {
		fs.writeFileSync(file, JSON.stringify(workflow));
		const result = await inPhase('n8n', `importing workflow "${workflow.name}"`, () =>
			runN8nCli(instance, ['import:workflow', `--input=${file}`]),
			{ quietStart: true },
		);
		const output = result.stdout + result.stderr;
		if (!cliSucceeded(result) || !output.includes('Successfully imported 1 workflow.')) {
			throw new Error(`n8n import:workflow of "${workflow.name}" failed (exit ${result.exitCode}):\n${tail(output)}`);
		}
	} finally {
		removeTempDir(dir);
	}
	return workflow.id;
}

/**
 * Finds the run JSON in `execute --rawOutput` output: it starts at a line "{" and ends at a line "}".
 * @param {string} text
 * @returns {any | null}
 */
function parseRawOutput(text) {
	const lines = text.split('\n');
	/** @type {number[]} */
	const starts = [];
	/** @type {number[]} */
	const ends = [];
	lines.forEach((line, index) => {
		if (line.trimEnd() === '{') starts.push(index);
		if (line.trimEnd() === '}') ends.push(index);
	});
	for (const start of starts) {
		for (const end of ends.filter((e) => e > start).reverse()) {
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				// try a shorter slice
			}
		}
	}
	return null;
}

/**
 * `n8n execute --id=<id> --rawOutput` (the workflow must start at a Manual or Execute Workflow Trigger).
 * @param {N8nInstance} instance @param {string} id
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<{ exitCode: number | null, runData: any | null, raw: string, stderr: string,
 *   signal: string | null, crashedOnExit: boolean, timedOut: boolean }>}
 *   runData: the parsed JSON n8n printed ({ data: { resultData: { runData, error? } }, status, ... }),
 *   null when none was printed (unknown id, crash, timeout). When the CLI segfaulted after printing
 *   the whole run (crashedOnExit), exitCode is what it would have been: 0 for status 'success', else 1.
 */
async function executeWorkflow(instance, id, options = {}) {
	const { dir, file } = tempFile('execute');
	try {
		const result = await inPhase('n8n', `running workflow ${id}`, () =>
			runN8nCli(instance, ['execute', `--id=${id}`, '--rawOutput'], { timeoutMs: options.timeoutMs ?? 120_000, stdoutFile: file }),
		);
		const runData = parseRawOutput(result.stdout);
		// `execute` segfaults now and then while exiting, after printing the complete run (see top).
		const crashedOnExit = result.signal === 'SIGSEGV' && !result.timedOut && runData !== null;
		const exitCode = crashedOnExit ? (runData.status === 'success' ? 0 : 1) : result.exitCode;
		return { exitCode, runData, raw: result.stdout, stderr: result.stderr, signal: result.signal, crashedOnExit, timedOut: result.timedOut };
	} finally {
		removeTempDir(dir);
	}
}

/**
 * The `json` of every item a node output in a run (CLI runData or an execution's `data`).
 * @param {any} run  executeWorkflow().runData, or getExecution().data wrapped as { data }
 * @param {string} nodeName
 * @param {{ runIndex?: number, outputIndex?: number }} [options]
 * @returns {any[]}
 */
function nodeOutputJson(run, nodeName, { runIndex = 0, outputIndex = 0 } = {}) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run (ran: ${Object.keys(run?.data?.resultData?.runData ?? {}).join(', ')})`);
	return (runs[runIndex]?.data?.main?.[outputIndex] ?? []).map((/** @type {any} */ item) => item.json);
}

/**
 * @param {N8nInstance} instance @param {string} pathname
 * @param {{ method?: string, body?: any, cookie?: string, apiKey?: string, expect?: number[] }} [options]
 * @returns {Promise<{ status: number, body: any, headers: Headers }>}
 */
async function request(instance, pathname, { method = 'GET', body, cookie, apiKey, expect = [200] } = {}) {
	/** @type {Record<string, string>} */
	const headers = { accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (cookie) headers.cookie = cookie;
	if (apiKey) headers['x-n8n-api-key'] = apiKey;
	const res = await fetch(`${instance.url}${pathname}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await res.text();
	let parsed;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = text;
	}
	if (!expect.includes(res.status)) {
		throw new Error(`${method} ${pathname} -> HTTP ${res.status}: ${text.slice(0, 500)}`);
	}
	return { status: res.status, body: parsed, headers: res.headers };
}

/** @param {Headers} headers */
function authCookie(headers) {
	const cookie = headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n did not set the n8n-auth cookie');
	return cookie.split(';')[0];
}

/**
 * Sets up the owner on a fresh database, or logs in when it exists. Stores the cookie on the instance.
 * @param {N8nInstance} instance
 * @param {{ email: string, password: string, firstName?: string, lastName?: string }} owner
 * @returns {Promise<string>} the `n8n-auth=...` cookie
 */
async function setupOwner(instance, { email, password, firstName = 'Test', lastName = 'Owner' }) {
	const setup = await request(instance, '/rest/owner/setup', {
		method: 'POST',
		body: { email, password, firstName, lastName },
		expect: [200, 400],
	});
	if (setup.status === 200) {
		instance.cookie = authCookie(setup.headers);
		return instance.cookie;
	}
	if (!/already setup/i.test(setup.body?.message ?? '')) {
		throw new Error(`POST /rest/owner/setup -> 400: ${JSON.stringify(setup.body).slice(0, 500)}`);
	}
	const login = await request(instance, '/rest/login', {
		method: 'POST',
		body: { emailOrLdapLoginId: email, password },
	});
	instance.cookie = authCookie(login.headers);
	return instance.cookie;
}

/**
 * Creates a public-API key with every scope the owner may grant. Stores it on the instance.
 * @param {N8nInstance} instance @param {string} [cookie]
 * @param {{ label?: string }} [options]
 * @returns {Promise<string>} the raw key (for the X-N8N-API-KEY header)
 */
async function createApiKey(instance, cookie = instance.cookie, { label } = {}) {
	if (!cookie) throw new Error('createApiKey: no n8n-auth cookie - call setupOwner() first');
	const scopes = (await request(instance, '/rest/api-keys/scopes', { cookie })).body.data;
	const created = await request(instance, '/rest/api-keys', {
		method: 'POST',
		cookie,
		body: { label: label ?? `harness-${Date.now()}-${crypto.randomBytes(3).toString('hex')}`, scopes, expiresAt: null },
	});
	const rawApiKey = created.body?.data?.rawApiKey;
	if (!rawApiKey) throw new Error(`POST /rest/api-keys returned no rawApiKey: ${JSON.stringify(created.body).slice(0, 300)}`);
	instance.apiKey = rawApiKey;
	return rawApiKey;
}

/**
 * Publishes (activates) a workflow on the running server and waits until its triggers are live.
 * @param {N8nInstance} instance @param {string} apiKey @param {string} id
 * @param {{ cookie?: string, timeoutMs?: number }} [options]
 * @returns {Promise<{ workflow: any, publication: any }>}
 */
async function publishWorkflow(instance, apiKey, id, { cookie = instance.cookie, timeoutMs = 30_000 } = {}) {
	if (!cookie) throw new Error('publishWorkflow: no n8n-auth cookie to watch the publication - call setupOwner() first');
	const workflow = (await request(instance, `/api/v1/workflows/${id}/publish`, { method: 'POST', apiKey })).body;
	const deadline = Date.now() + timeoutMs;
	let publication;
	while (Date.now() < deadline) {
		publication = (await request(instance, `/rest/workflows/${id}/publication-status`, { cookie })).body.data;
		const live = !workflow.activeVersionId || publication.liveVersionId === workflow.activeVersionId;
		if (publication.status === 'published' && live) return { workflow, publication };
		if (publication.status === 'failed' || publication.status === 'partial') {
			const reasons = publication.triggers.map((/** @type {any} */ t) => `${t.nodeId}: ${t.status} ${t.errorMessage ?? ''}`);
			throw new Error(`publishing workflow ${id} ${publication.status}:\n${reasons.join('\n')}\n${tail(instance.logs(), 20)}`);
		}
		await sleep(200);
	}
	throw new Error(`workflow ${id} not live after ${timeoutMs / 1000} s: ${JSON.stringify(publication)}`);
}

/**
 * GET /api/v1/executions, every page. Newest first.
 * @param {N8nInstance} instance @param {string} apiKey
 * @param {{ workflowId?: string, includeData?: boolean, status?: string }} [options]
 * @returns {Promise<any[]>}
 */
async function listExecutions(instance, apiKey, { workflowId, includeData = false, status } = {}) {
	const executions = [];
	let cursor;
	do {
		const query = new URLSearchParams({ limit: '100', includeData: String(includeData) });
		if (workflowId) query.set('workflowId', workflowId);
		if (status) query.set('status', status);
		if (cursor) query.set('cursor', cursor);
		const page = (await request(instance, `/api/v1/executions?${query}`, { apiKey })).body;
		executions.push(...page.data);
		cursor = page.nextCursor;
	} while (cursor);
	return executions;
}

/**
 * @param {N8nInstance} instance @param {string} apiKey @param {string | number} id
 * @param {{ includeData?: boolean }} [options]
 */
async function getExecution(instance, apiKey, id, { includeData = true } = {}) {
	return (await request(instance, `/api/v1/executions/${id}?includeData=${includeData}`, { apiKey })).body;
}

/**
 * Waits until the workflow has at least `count` executions that are no longer new/running.
 * @param {N8nInstance} instance @param {string} apiKey @param {string} workflowId
 * @param {number} count @param {number} [timeoutMs]
 * @returns {Promise<any[]>} all of the workflow's executions (newest first)
 */
async function waitForExecutions(instance, apiKey, workflowId, count, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	let executions = [];
	while (Date.now() < deadline) {
		executions = await listExecutions(instance, apiKey, { workflowId });
		const done = executions.filter((e) => !['new', 'running'].includes(e.status));
		if (done.length >= count) return executions;
		await sleep(250);
	}
	throw new Error(
		`workflow ${workflowId}: expected ${count} finished execution(s) within ${timeoutMs / 1000} s, saw ${JSON.stringify(
			executions.map((e) => ({ id: e.id, status: e.status })),
		)}`,
	);
}

/**
 * Names of every node type the server loaded (GET /types/nodes.json, needs the owner's cookie).
 * @param {N8nInstance} instance @param {string} [cookie]
 * @returns {Promise<string[]>}
 */
async function nodeTypes(instance, cookie = instance.cookie) {
	if (!cookie) throw new Error('nodeTypes: /types/nodes.json needs the n8n-auth cookie - call setupOwner() first');
	const types = (await request(instance, '/types/nodes.json', { cookie })).body;
	return [...new Set(types.map((/** @type {{ name: string }} */ t) => t.name))];
}

/**
 * Makes a stopped n8n forget what its workflows remembered between runs: static data (export-feed
 * positions, cursors) and Remove Duplicates' history of items already seen. For the sandbox, whose
 * simulators start from their seed again on every start. Uses n8n's own sqlite3 build.
 * @param {string} userFolder
 * @returns {Promise<{ workflows: number, seenItems: number }>} how many workflows had static data, how many seen items were dropped
 */
async function forgetWorkflowMemory(userFolder) {
	const database = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(database)) return { workflows: 0, seenItems: 0 };
	const { nodeBin, n8nDir } = n8nPaths();
	const script = `
		const sqlite3 = require('sqlite3');
		const db = new sqlite3.Database(process.argv[1]);
		const fail = (error) => { process.stderr.write(String(error && error.message)); process.exit(1); };
		const out = { workflows: 0, seenItems: 0 };
		db.all("SELECT name FROM sqlite_master WHERE type = 'table'", (error, rows) => {
			if (error) return fail(error);
			const tables = new Set(rows.map((row) => row.name));
			db.serialize(() => {
				if (tables.has('workflow_entity')) {
					db.run('UPDATE workflow_entity SET staticData = NULL WHERE staticData IS NOT NULL', function (e) { if (e) return fail(e); out.workflows = this.changes; });
				}
				if (tables.has('processed_data')) {
					db.run('DELETE FROM processed_data', function (e) { if (e) return fail(e); out.seenItems = this.changes; });
				}
				db.close((e) => (e ? fail(e) : process.stdout.write(JSON.stringify(out))));
			});
		});`;
	const result = await runCommand(nodeBin, ['-e', script, database], { cwd: n8nDir, env: envWithNode24(), timeoutMs: 60_000 });
	if (result.exitCode !== 0) {
		throw new Error(`could not reset the workflows' stored state in ${database} (exit ${result.exitCode}): ${tail(result.stderr, 5)}`);
	}
	return JSON.parse(result.stdout);
}

/** @param {number} ms */
function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = {
	DEFAULT_ENCRYPTION_KEY,
	findFreePort,
	packPackage,
	createN8nHome,
	N8nInstance,
	startN8n,
	runN8nCli,
	importCredentials,
	importWorkflow,
	executeWorkflow,
	parseRawOutput,
	nodeOutputJson,
	setupOwner,
	createApiKey,
	publishWorkflow,
	listExecutions,
	getExecution,
	waitForExecutions,
	nodeTypes,
	newN8nId,
	forgetWorkflowMemory,
	makeTempDir,
	removeTempDir,
};
