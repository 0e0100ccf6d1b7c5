#!/usr/bin/env node
// `npm start`: a local demo of the package inside a real n8n 2.41.1, wired to the simulators.
//
//   node test/sandbox/start.js [--port 5678] [--reset] [--state-dir DIR]
//                              [--servicetitan-port 4010] [--business-central-port 4020]
//
// Builds the package if dist/ is missing or stale, installs n8n (first time only), starts the
// simulators, installs the packed package into a persistent n8n user folder (.sandbox/ by default),
// starts n8n on 127.0.0.1, sets up the demo owner, imports the sandbox credentials (every start, so
// they follow the simulators) and the workflow templates (each once, so edits made in the editor
// survive a restart), then stays up until Ctrl-C, SIGTERM or SIGHUP - or, when npm started it,
// until that npm process is gone.
//
// The simulators keep their data in memory and start from their seed on every start, so n8n's
// memory of the previous run (export-feed positions, items already seen) is cleared before n8n
// starts: otherwise every flow would read nothing from the fresh simulators.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { installN8nIfMissing, run } = require('../e2e/install-n8n');
const {
	packPackage,
	createN8nHome,
	startN8n,
	setupOwner,
	createApiKey,
	publishWorkflow,
	importCredentials,
	importWorkflow,
	forgetWorkflowMemory,
} = require('../e2e/harness');

const REPO_DIR = path.resolve(__dirname, '..', '..');
const DEFAULT_PORT = 5678;
const STOP_SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);
const PARENT_CHECK_MS = 1000;
const STATE_MARKER = '.ml-connector-sandbox';
const SANDBOX_ENCRYPTION_KEY = 'ml-connector-sandbox-encryption-key-v1';

/** The documented demo login (n8n wants 8+ characters, a number and an uppercase letter). */
const DEMO_LOGIN = {
	email: 'demo@ml-connector.local',
	password: 'Demo-Sandbox-2026',
	firstName: 'Demo',
	lastName: 'Sandbox',
};

function firstDayOfLastMonth(now = new Date()) {
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
}

/**
 * Simulators the sandbox starts. `key` names the entry in the `sims` object passed to
 * sandboxCredentials(); a simulator whose module does not exist yet is skipped with a warning.
 * `portOption` is the parsed option that overrides the port.
 */
const SIMULATORS = [
	{
		key: 'servicetitan',
		label: 'ServiceTitan',
		modulePath: '../simulators/servicetitan',
		factory: 'startServiceTitanSimulator',
		portOption: 'servicetitanPort',
		options: {
			port: 4010,
			tenantId: '1000001',
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-secret',
			appKey: 'ak1.sandbox',
			webhookSigningKey: 'sandbox-signing-key-0123456789abcdef',
			// Last month's work: the reconciliation template's default period.
			seed: { seed: 7, invoices: 60, startDate: firstDayOfLastMonth(), months: 1 },
		},
	},
	{
		key: 'businessCentral',
		label: 'Business Central',
		modulePath: '../simulators/business-central',
		factory: 'startBusinessCentralSimulator',
		portOption: 'businessCentralPort',
		options: { port: 4020, environment: 'sandbox' },
		// Its throwaway CA and server key live with the sandbox's state, not in the temp folder.
		stateOptions: (/** @type {string} */ stateDir) => ({ certDir: path.join(stateDir, 'certs') }),
	},
];

/**
 * One credential builder per simulator key. Each gets the running simulator merged over the options
 * it was started with, and returns the n8n credential (import:credentials shape, `data` in clear).
 * @type {Record<string, (sim: any) => { id: string, name: string, type: string, data: Record<string, unknown> }>}
 */
const CREDENTIAL_BUILDERS = {
	servicetitan: (sim) => ({
		// The id and name every shipped template refers to (README, "ServiceTitan credential").
		id: 'mlcServiceTitan1',
		name: 'ServiceTitan account',
		type: 'serviceTitanApi',
		data: {
			environment: 'custom',
			authUrl: sim.url,
			apiUrl: sim.url,
			tenantId: sim.tenantId,
			clientId: sim.clientId,
			clientSecret: sim.clientSecret,
			appKey: sim.appKey,
			webhookSigningKey: sim.webhookSigningKey,
		},
	}),
	businessCentral: (sim) => ({
		// The id and name every Business Central template refers to.
		id: 'mlcBusinessCentr',
		name: 'Business Central account',
		type: 'businessCentralApi',
		data: {
			cloud: 'custom',
			authorityUrl: sim.url,
			apiUrl: sim.url,
			tenantId: sim.tenantId,
			clientId: sim.clientId,
			authMethod: 'secret',
			clientSecret: sim.clientSecret,
			environment: sim.environment ?? 'sandbox',
			company: 'CRONUS USA, Inc.',
			requestsPerSecond: 20,
		},
	}),
};

/**
 * The credentials the sandbox imports, for whichever simulators are running.
 * @param {Record<string, any>} sims  simulator key -> running simulator ({ url, tenantId, ... } plus its options)
 * @returns {Array<{ id: string, name: string, type: string, data: Record<string, unknown> }>}
 */
function sandboxCredentials(sims) {
	return Object.entries(CREDENTIAL_BUILDERS)
		.filter(([key]) => sims[key])
		.map(([key, build]) => build(sims[key]));
}

/** @param {string} message */
function say(message) {
	process.stdout.write(`[sandbox] ${message}\n`);
}

/**
 * @param {string[]} argv
 * @returns {{ port: number, servicetitanPort: number, businessCentralPort: number, reset: boolean, stateDir: string, help: boolean }}
 */
function parseArgs(argv) {
	const options = {
		port: Number(process.env.N8N_PORT || DEFAULT_PORT),
		servicetitanPort: 4010,
		businessCentralPort: 4020,
		reset: false,
		stateDir: path.join(REPO_DIR, '.sandbox'),
		help: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--port') options.port = Number(value());
		else if (flag === '--servicetitan-port') options.servicetitanPort = Number(value());
		else if (flag === '--business-central-port') options.businessCentralPort = Number(value());
		else if (flag === '--reset') options.reset = true;
		else if (flag === '--state-dir') options.stateDir = path.resolve(value());
		else if (flag === '--help' || flag === '-h') options.help = true;
		else throw new Error(`unknown option ${argv[i]} (try --help)`);
	}
	if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
		throw new Error(`invalid port: ${options.port}`);
	}
	for (const [flag, port] of [
		['--servicetitan-port', options.servicetitanPort],
		['--business-central-port', options.businessCentralPort],
	]) {
		if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid ${flag}: ${port} (0 picks a free port)`);
	}
	return options;
}

const HELP = `Usage: npm start -- [--port N] [--reset] [--state-dir DIR] [--servicetitan-port N] [--business-central-port N]
  --port N                   n8n port (default ${DEFAULT_PORT}, or N8N_PORT)
  --reset                    wipe the sandbox state (n8n database, installed package) first
  --state-dir DIR            where the sandbox keeps its state (default .sandbox/ in the repository)
  --servicetitan-port N      ServiceTitan simulator port (default 4010; 0 picks a free one)
  --business-central-port N  Business Central simulator port (default 4020; 0 picks a free one)`;

/**
 * Newest modification time of the files under the given paths (0 when none exist).
 * @param {string[]} paths
 * @returns {number}
 */
function newestMtime(paths) {
	let newest = 0;
	for (const p of paths) {
		if (!fs.existsSync(p)) continue;
		const stat = fs.statSync(p);
		if (stat.isDirectory()) {
			const children = fs.readdirSync(p).map((name) => path.join(p, name));
			newest = Math.max(newest, newestMtime(children));
		} else {
			newest = Math.max(newest, stat.mtimeMs);
		}
	}
	return newest;
}

/**
 * Whether dist/ is missing, incomplete or older than the sources.
 * @param {string} repoDir
 */
function needsBuild(repoDir) {
	const dist = path.join(repoDir, 'dist');
	if (!fs.existsSync(dist)) return true;
	const pkg = JSON.parse(fs.readFileSync(path.join(repoDir, 'package.json'), 'utf8'));
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	if (declared.some((file) => !fs.existsSync(path.join(repoDir, file)))) return true;
	const sources = ['nodes', 'credentials', 'package.json', 'tsconfig.json', 'gulpfile.js'].map((p) => path.join(repoDir, p));
	return newestMtime(sources) > newestMtime([dist]);
}

/** @param {string} repoDir */
async function buildIfNeeded(repoDir) {
	if (!needsBuild(repoDir)) {
		say('dist/ is up to date');
		return;
	}
	await run('npm', ['run', 'build'], { cwd: repoDir, env: process.env, phase: 'building the package (npm run build)', scope: 'sandbox' });
}

/**
 * Starts every simulator whose module exists, adding each to `sims` as soon as it runs (so a stop
 * during start-up closes it).
 * @param {Record<string, any>} sims  key -> running simulator merged over its options
 * @param {{ stateDir: string } & Record<string, any>} options  parsed options (ports, state folder)
 */
async function startSimulators(sims, options) {
	for (const spec of SIMULATORS) {
		let mod;
		try {
			mod = require(spec.modulePath);
		} catch (error) {
			if (error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(spec.modulePath)) {
				say(`${spec.label} simulator not available yet (${spec.modulePath}): skipped`);
				continue;
			}
			throw error;
		}
		const port = options[spec.portOption] ?? spec.options.port;
		const hint = ` (--${spec.portOption.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} N picks another one)`;
		if (port !== 0) await assertPortFree(port, `${spec.label} simulator`, hint);
		const simOptions = { ...spec.options, ...spec.stateOptions?.(options.stateDir), port };
		const sim = await mod[spec.factory](simOptions);
		// Options first, so a credential builder finds clientId etc. even if the simulator does not echo them.
		sims[spec.key] = { ...simOptions, ...sim, raw: sim, close: () => sim.close() };
		say(`${spec.label} simulator: ${sim.url}${sim.tenantId ? ` (tenant ${sim.tenantId})` : ''}`);
	}
}

/**
 * @param {Record<string, any>} sims
 */
async function closeSimulators(sims) {
	for (const [key, sim] of Object.entries(sims)) {
		try {
			await sim.close();
		} catch (error) {
			say(`closing the ${key} simulator failed: ${error.message}`);
		}
	}
}

/**
 * @param {number} port @param {string} what @param {string} [hint]
 */
function assertPortFree(port, what, hint = '') {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', () =>
			reject(new Error(`port ${port} for the ${what} is in use on 127.0.0.1 - is another sandbox running?${hint}`)),
		);
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(undefined)));
	});
}

/**
 * Creates (or, with reset, wipes and recreates) the state folder; refuses to wipe a folder the
 * sandbox did not create.
 * @param {string} stateDir @param {boolean} reset
 */
function prepareStateDir(stateDir, reset) {
	const marker = path.join(stateDir, STATE_MARKER);
	const exists = fs.existsSync(stateDir);
	if (exists && fs.readdirSync(stateDir).length > 0 && !fs.existsSync(marker)) {
		throw new Error(`${stateDir} exists and was not made by the sandbox: choose another --state-dir`);
	}
	if (reset && exists) {
		say(`--reset: wiping ${stateDir}`);
		fs.rmSync(stateDir, { recursive: true, force: true });
	}
	fs.mkdirSync(stateDir, { recursive: true });
	fs.writeFileSync(marker, 'State of `npm start` (the ml-connector sandbox). Safe to delete.\n');
}

/** @param {string} file */
function sha256(file) {
	return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Packs the package and installs it into the sandbox's n8n user folder, unless the same build is
 * already installed.
 * @param {string} stateDir
 * @returns {Promise<string>} the n8n user folder
 */
async function installPackage(stateDir) {
	const packDir = path.join(stateDir, 'pack');
	fs.rmSync(packDir, { recursive: true, force: true });
	const tarball = await packPackage(REPO_DIR, { destDir: packDir });
	const userFolder = path.join(stateDir, 'n8n');
	const pkgName = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')).name;
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const installedCopy = path.join(nodesDir, `${pkgName}.tgz`);
	const installed = fs.existsSync(path.join(nodesDir, 'node_modules', pkgName, 'package.json'));
	if (installed && fs.existsSync(installedCopy) && sha256(installedCopy) === sha256(tarball)) {
		say(`${pkgName}: this build is already installed`);
	} else {
		say(`installing ${path.basename(tarball)} into ${nodesDir}...`);
		await createN8nHome({ tarball, dir: userFolder });
	}
	return userFolder;
}

/**
 * A stable 16-character n8n id for a template file without its own id.
 * @param {string} fileName
 */
function templateId(fileName) {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	const digest = crypto.createHash('sha256').update(`ml-connector-template:${fileName}`).digest();
	return Array.from(digest.subarray(0, 16), (byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * Imports every workflows/*.json not imported into this sandbox before.
 * @param {import('../e2e/harness').N8nInstance} n8n @param {string} stateDir
 * @returns {Promise<void>}
 */
async function importTemplates(n8n, stateDir) {
	const dir = path.join(REPO_DIR, 'workflows');
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
	if (files.length === 0) {
		say('no workflow templates in workflows/ yet: skipped');
		return;
	}
	const stateFile = path.join(stateDir, 'imported-workflows.json');
	/** @type {Record<string, string>} */
	const imported = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
	for (const file of files) {
		if (imported[file]) continue;
		let workflow;
		try {
			workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		} catch (error) {
			say(`workflows/${file} is not valid JSON, skipped: ${error.message}`);
			continue;
		}
		const id = await importWorkflow(n8n, workflow, { id: workflow.id ?? templateId(file) });
		imported[file] = id;
		fs.writeFileSync(stateFile, JSON.stringify(imported, null, 2));
		say(`imported workflows/${file} as "${workflow.name}" (${id})`);
	}
}

/**
 * Publishes the error workflow the templates name: n8n 2.x runs an error workflow only when it is published.
 * @param {import('../e2e/harness').N8nInstance} n8n
 */
async function publishErrorWorkflow(n8n) {
	const file = path.join(REPO_DIR, 'workflows', 'error-handler.json');
	if (!fs.existsSync(file)) return;
	const { id, name } = JSON.parse(fs.readFileSync(file, 'utf8'));
	await publishWorkflow(n8n, await createApiKey(n8n, n8n.cookie, { label: `sandbox-${Date.now()}` }), id);
	say(`published "${name}" (${id}), so failed executions of the templates reach it`);
}

/**
 * @param {{ url: string, sims: Record<string, any>, stateDir: string }} info
 */
function printWelcome({ url, sims, stateDir }) {
	const simLines = SIMULATORS.filter((s) => sims[s.key]).map((s) => `    ${s.label}: ${sims[s.key].url}`);
	const link = (id, label) => `"${label}" ${url}/workflow/${id}`;
	const lines = [
		'',
		'  ml-connector sandbox is running',
		'',
		`  n8n editor:  ${url}`,
		`  login:       ${DEMO_LOGIN.email}  /  ${DEMO_LOGIN.password}`,
		...(simLines.length ? ['  simulators:', ...simLines] : []),
		'',
		'  Next steps (click "Execute workflow" in each):',
		`    1. ${link('mlcStBcCustomer1', 'ServiceTitan → Business Central: customers')} — ServiceTitan customers appear in Business Central.`,
		`    2. ${link('mlcStBcInvoices1', 'ServiceTitan → Business Central: invoices and payments')} — each invoice posted once,`,
		'       coded to its business unit\'s dimension; payments applied; anything held says why ("Held Documents").',
		`    3. ${link('mlcStBcReconcil1', 'month-end reconciliation')} — last month's totals per business unit, both sides, to the cent.`,
		'    (The ServiceTitan intake shows the raw feed; publish it and run `npm run sandbox:webhook` to send a signed webhook.)',
		'',
		`  State is kept in ${path.relative(process.cwd(), stateDir) || stateDir} (npm start -- --reset starts over; n8n's log: n8n.log there).`,
		'  Press Ctrl-C to stop.',
		'',
	];
	process.stdout.write(lines.join('\n') + '\n');
}

/**
 * Stops the sandbox on SIGINT, SIGTERM and SIGHUP, and - when npm started it - as soon as that npm
 * process is gone (npm passes SIGTERM and SIGINT on, but dies on SIGHUP or SIGKILL without doing
 * so, which would leave n8n and the simulators holding their ports).
 * @param {(reason: string) => Promise<void>} stop
 * @param {() => void} kill  the last resort on a second signal: end n8n without waiting
 */
function stopOnSignalsAndParentExit(stop, kill) {
	let stopping = false;
	const onStop = (/** @type {string} */ reason) => {
		if (stopping) {
			say(`${reason} again: exiting without waiting`);
			kill();
			process.exit(130);
		}
		stopping = true;
		say(`${reason}: stopping n8n and the simulators...`);
		stop(reason).then(
			() => process.exit(0),
			(error) => {
				say(`error while stopping: ${error.message}`);
				process.exit(1);
			},
		);
	};
	for (const signal of STOP_SIGNALS) process.on(signal, onStop);
	if (process.env.npm_lifecycle_event) {
		const parent = process.ppid;
		const watcher = setInterval(() => {
			if (process.ppid === parent) return;
			clearInterval(watcher);
			onStop('npm, which started the sandbox, is gone');
		}, PARENT_CHECK_MS);
		watcher.unref();
	}
}

/**
 * Starts the whole sandbox. Resolves once everything is up, with a handle to stop it.
 * @param {string[]} argv  command-line arguments (without node and the script)
 * @param {{ handleSignals?: boolean }} [options]  handleSignals: stop on SIGINT/SIGTERM/SIGHUP (and
 *   when the npm process that started it is gone), then exit
 * @returns {Promise<{ url: string, login: typeof DEMO_LOGIN, n8n: any, sims: Record<string, any>, stateDir: string, stop: () => Promise<void> } | null>}
 */
async function main(argv, { handleSignals = true } = {}) {
	const options = parseArgs(argv);
	if (options.help) {
		process.stdout.write(`${HELP}\n`);
		return null;
	}

	/** @type {Record<string, any>} */
	const sims = {};
	/** @type {any} */
	let n8n = null;
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		if (n8n) await n8n.stop();
		await closeSimulators(sims);
	};
	// Registered before anything starts: a signal during the build, the n8n install or start-up
	// stops what already runs; process.exit makes the installer end its npm and the harness kill
	// an n8n that is still starting.
	if (handleSignals) stopOnSignalsAndParentExit(stop, () => n8n?.killGroup('SIGKILL'));

	try {
		await buildIfNeeded(REPO_DIR);
		await installN8nIfMissing();
		prepareStateDir(options.stateDir, options.reset);
		await assertPortFree(options.port, 'n8n editor', ' (--port N picks another one)');
		await startSimulators(sims, options);
		const userFolder = await installPackage(options.stateDir);
		const forgotten = await forgetWorkflowMemory(userFolder);
		if (forgotten.workflows + forgotten.seenItems > 0) {
			say(
				`the simulators start from their seed again, so n8n forgets the last run: ` +
					`stored feed positions of ${forgotten.workflows} workflow(s), ${forgotten.seenItems} item(s) remembered as seen`,
			);
		}
		// n8n's own temp files (uploads) stay with the sandbox's state too.
		const tmp = path.join(options.stateDir, 'tmp');
		fs.mkdirSync(tmp, { recursive: true });
		/** @type {Record<string, string>} */
		const env = { TMPDIR: tmp };
		if (process.env.N8N_LOG_LEVEL) env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL;
		// n8n trusts the Business Central simulator's throwaway CA (MSAL refuses plain-HTTP authorities).
		if (sims.businessCentral) env.NODE_EXTRA_CA_CERTS = sims.businessCentral.caCertPath;
		n8n = await startN8n({
			userFolder,
			port: options.port,
			encryptionKey: SANDBOX_ENCRYPTION_KEY,
			env,
			logFile: path.join(options.stateDir, 'n8n.log'),
		});
		await setupOwner(n8n, DEMO_LOGIN);
		const credentials = sandboxCredentials(sims);
		if (credentials.length > 0) {
			await importCredentials(n8n, credentials);
			say(`credentials: ${credentials.map((c) => `"${c.name}" (${c.type})`).join(', ')}`);
		}
		await importTemplates(n8n, options.stateDir);
		await publishErrorWorkflow(n8n);
		printWelcome({ url: n8n.url, sims, stateDir: options.stateDir });
	} catch (error) {
		await stop();
		throw error;
	}

	if (handleSignals) {
		n8n.exited.then((/** @type {{ code: number | null, signal: string | null }} */ exit) => {
			if (stopped) return;
			say(`n8n exited unexpectedly (code ${exit.code}, signal ${exit.signal}); last lines of its log:`);
			process.stdout.write(n8n.logs().split('\n').slice(-30).join('\n') + '\n');
			stop().finally(() => process.exit(1));
		});
	}
	return { url: n8n.url, login: DEMO_LOGIN, n8n, sims, stateDir: options.stateDir, stop };
}

module.exports = { main, sandboxCredentials, parseArgs, needsBuild, templateId, DEMO_LOGIN, SIMULATORS };

if (require.main === module) {
	main(process.argv.slice(2)).catch((error) => {
		process.stderr.write(`[sandbox] ${error.message}\n`);
		process.exit(1);
	});
}
