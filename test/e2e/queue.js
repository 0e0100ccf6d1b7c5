// n8n in queue mode (its distributed mode) for the end-to-end tests: Redis, PostgreSQL, one main,
// one webhook process and N workers sharing them, every port on 127.0.0.1.
//
// Facts observed on n8n 2.41.1 here (Node 24.21, Debian 12, 2 cores):
// - SQLite: n8n only warns ("Scaling mode is not officially supported with sqlite. Please use
//   PostgreSQL instead.") and its queue-mode page recommends PostgreSQL. Tried with one SQLite file
//   shared by main, webhook process and two workers: of 200 webhooks sent 8 at a time, 4 were
//   answered 500 and 7 executions failed, with "SQLITE_BUSY: database is locked" in every process
//   (the same run on PostgreSQL: every delivery accepted, every execution succeeded). So this
//   runs on PostgreSQL: Debian's `postgresql` (15 here; n8n 2.41 logs "Postgres 15 is not
//   supported. n8n supports Postgres 17 and newer, with 16 on compatibility support" and runs), a
//   throwaway cluster (initdb, trust auth on 127.0.0.1 only, fsync off). initdb and postgres refuse
//   to run as root: as root they run as the `postgres` user.
// - Redis: Debian's `redis-server` (7.0 here), started in the foreground without persistence.
//   n8n's queue is Bull's `bull:jobs:*`: what waits or runs is in its wait, active, delayed, paused
//   and priority keys.
// - Every process gets its own N8N_USER_FOLDER with the packed package installed in .n8n/nodes (as
//   on separate machines), its own task-runner broker port, and the same encryption key.
// - Ready lines: main "Editor is now accessible via:", webhook process "Webhook listener waiting
//   for requests.", worker "n8n worker is now ready" (its health server, QUEUE_HEALTH_CHECK_ACTIVE,
//   answers /healthz/readiness on its own port). A worker logs "Worker started execution <id>
//   (job <n>)" for every execution it takes: that is how a test tells which worker ran what.
// - In queue mode the main runs the schedule triggers and enqueues their executions; the webhook
//   process answers production webhooks and enqueues; `n8n execute` ignores queue mode (it runs in
//   the CLI process), so tests start executions through triggers instead.
// - A worker killed with SIGKILL leaves its job active until the job's lock expires
//   (QUEUE_WORKER_LOCK_DURATION); another worker's stalled-job check then fails it (n8n sets Bull's
//   maxStalledCount to 0, so it is never run twice). The execution stays `running` until the main's
//   queue recovery (N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL, default 180 minutes) marks it `crashed`;
//   stopping it (POST /api/v1/executions/{id}/stop) makes it `canceled` at once. Either can be
//   retried from the list (POST /api/v1/executions/{id}/retry): the retry continues from the progress
//   saved before the kill. A short recovery interval is a trap: the recovery marks `crashed` an
//   execution the webhook process has saved but not yet put in the queue (seen at 15 s under load).
// - The public API lists running executions only when asked for status=running.
// - hostId, the worker id n8n records in Redis messages, is "<type>-<hostname>" inside a container
//   (here: both workers are "worker-vm", and n8n warns "Detected multiple instances sharing the same
//   hostId"), a random id elsewhere; the workers' own logs tell them apart either way.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const harness = require('./harness');
const { run } = require('./install-n8n');
const { inPhase, report } = require('../support/progress');

const READY_TIMEOUT_MS = 180_000;
const SERVICE_READY_TIMEOUT_MS = 60_000;
const WORKER_READY_LINE = 'n8n worker is now ready';
const WEBHOOK_READY_LINE = 'Webhook listener waiting for requests.';
const DATABASE = 'n8n';
const DATABASE_USER = 'postgres';

/** @type {Set<import('node:child_process').ChildProcess>} services to kill if this process exits without stopping them */
const services = new Set();
process.on('exit', () => {
	for (const child of services) killGroup(child, 'SIGKILL');
});

/** @param {import('node:child_process').ChildProcess} child @param {NodeJS.Signals} signal */
function killGroup(child, signal) {
	if (!child.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

/** @param {string} command @returns {string | null} its path on PATH */
function onPath(command) {
	const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Installs a Debian package when `command` is missing: `apt-get update`, then
 * `apt-get install -y <package>` (through sudo when not root). Anywhere else it says what to install.
 * @param {{ command: string, debianPackage: string, found?: () => string | null }} options
 */
async function ensureDebianPackage({ command, debianPackage, found = () => onPath(command) }) {
	if (found()) return;
	const sudo = isRoot() ? [] : onPath('sudo') ? ['sudo', '-n'] : null;
	if (!onPath('apt-get') || !sudo) {
		throw new Error(
			`${command} is missing. The queue-mode test needs Debian's ${debianPackage} package (or the same on your system): ` +
				`install it (e.g. "sudo apt-get install -y ${debianPackage}") and run again.`,
		);
	}
	const [cmd, ...prefix] = [...sudo, 'apt-get'];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run(cmd, [...prefix, 'update', '-qq'], { cwd: process.cwd(), env, phase: 'apt-get update', scope: 'queue' });
	await run(cmd, [...prefix, 'install', '-y', '-qq', debianPackage], { cwd: process.cwd(), env, phase: `apt-get install ${debianPackage}`, scope: 'queue' });
	if (!found()) throw new Error(`apt-get installed ${debianPackage}, but ${command} is still not found`);
}

/** The folder of PostgreSQL's server programs (initdb, postgres): from PATH, else Debian's newest. */
function postgresBinDir() {
	const initdb = onPath('initdb');
	if (initdb) return path.dirname(fs.realpathSync(initdb));
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const versions = fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb')));
	versions.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : null;
}

/** Redis and PostgreSQL, installed from Debian's packages when missing. */
async function ensureQueuePrerequisites() {
	await ensureDebianPackage({ command: 'redis-server', debianPackage: 'redis-server' });
	await ensureDebianPackage({ command: 'initdb', debianPackage: 'postgresql', found: postgresBinDir });
}

/**
 * Spawns a service in its own process group; its output is kept (last 200 kB) for error messages.
 * @param {string} cmd @param {string[]} args @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 */
function spawnService(cmd, args, options = {}) {
	const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	services.add(child);
	let output = '';
	const keep = (/** @type {Buffer} */ chunk) => (output = (output + chunk).slice(-200_000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	child.once('exit', () => services.delete(child));
	child.once('error', (error) => (output += `\n[queue] cannot run ${cmd}: ${error.message}\n`));
	return {
		child,
		exited,
		output: () => output,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				killGroup(child, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
				await exited;
				clearTimeout(timer);
			}
			services.delete(child);
		},
	};
}

/**
 * Polls until check() returns a value other than undefined/false.
 * @template T @param {() => Promise<T> | T} check @param {number} timeoutMs @param {() => string} describe
 * @returns {Promise<T>}
 */
async function waitFor(check, timeoutMs, describe) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s: ${describe()}`);
		await sleep(200);
	}
}

/** @param {number} ms */
function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Redis in the foreground on 127.0.0.1, no persistence, in its own temp folder.
 * @returns {Promise<{ port: number, cli(...args: string[]): Promise<string>, close(): Promise<void> }>}
 */
async function startRedis() {
	const dir = harness.makeTempDir('redis');
	const port = await harness.findFreePort();
	const service = spawnService('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]);
	/** @param {string[]} args */
	const cli = async (...args) => {
		const result = await runQuiet('redis-cli', ['-h', '127.0.0.1', '-p', String(port), '--raw', ...args]);
		if (result.exitCode !== 0) throw new Error(`redis-cli ${args.join(' ')} failed: ${result.stderr}`);
		return result.stdout.trim();
	};
	try {
		await inPhase('queue', `starting Redis on 127.0.0.1:${port}`, () =>
			waitFor(async () => service.child.exitCode === null && (await cli('PING').catch(() => '')) === 'PONG', SERVICE_READY_TIMEOUT_MS, () => service.output()),
		);
	} catch (error) {
		await service.stop();
		throw error;
	}
	return {
		port,
		cli,
		async close() {
			await service.stop();
			harness.removeTempDir(dir);
		},
	};
}

/**
 * @param {string} cmd @param {string[]} args @param {{ env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 * @returns {Promise<{ exitCode: number | null, stdout: string, stderr: string }>}
 */
function runQuiet(cmd, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.once('error', reject);
		child.once('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
	});
}

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 (trust auth, no fsync) with an empty database `n8n`.
 * As root, initdb and postgres run as the `postgres` user, which needs to reach the data folder.
 * @returns {Promise<{ port: number, env: Record<string, string>, query(sql: string): Promise<string>,
 *   lockTable(table: string): Promise<{ release(): Promise<void> }>, close(): Promise<void> }>}
 */
async function startPostgres() {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (no initdb): run ensureQueuePrerequisites() first');
	const dir = harness.makeTempDir('postgres');
	const dataDir = path.join(dir, 'data');
	const asPostgres = isRoot() ? ['runuser', '-u', 'postgres', '--'] : [];
	if (isRoot()) allowPostgresUser(dir);
	const port = await harness.findFreePort();
	/** @param {string} program @param {string[]} args */
	const command = (program, args) => {
		const [cmd, ...rest] = [...asPostgres, path.join(bin, program), ...args];
		return /** @type {[string, string[]]} */ ([cmd, rest]);
	};
	const init = await runQuiet(...command('initdb', ['-D', dataDir, '-U', DATABASE_USER, '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']));
	if (init.exitCode !== 0) throw new Error(`initdb failed (exit ${init.exitCode}):\n${init.stderr.slice(-2000)}`);
	const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
	const service = spawnService(...command('postgres', ['-D', dataDir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])]));
	const psql = path.join(bin, 'psql');
	/** @param {string} database */
	const psqlArgs = (database) => ['-h', '127.0.0.1', '-p', String(port), '-U', DATABASE_USER, '-d', database, '-v', 'ON_ERROR_STOP=1', '-At'];
	const query = (/** @type {string} */ database, /** @type {string} */ sql) => runQuiet(psql, [...psqlArgs(database), '-c', sql]);
	try {
		await inPhase('queue', `starting PostgreSQL on 127.0.0.1:${port}`, () =>
			waitFor(async () => service.child.exitCode === null && (await query('postgres', 'SELECT 1')).exitCode === 0, SERVICE_READY_TIMEOUT_MS, () => service.output()),
		);
		const created = await query('postgres', `CREATE DATABASE ${DATABASE}`);
		if (created.exitCode !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
	} catch (error) {
		await service.stop();
		harness.removeTempDir(dir);
		throw error;
	}
	return {
		port,
		/** One statement in n8n's database; its rows as psql prints them unaligned. */
		async query(sql) {
			const result = await query(DATABASE, sql);
			if (result.exitCode !== 0) throw new Error(`psql: ${sql}: ${result.stderr}`);
			return result.stdout.trim();
		},
		/**
		 * Holds a lock on a table of n8n's database in an open transaction: reads go on, every write
		 * waits until release(). Lines up writers that would otherwise race only now and then.
		 */
		async lockTable(table) {
			const session = spawn(psql, psqlArgs(DATABASE), { stdio: ['pipe', 'pipe', 'pipe'] });
			let output = '';
			session.stdout.on('data', (chunk) => (output += chunk));
			session.stderr.on('data', (chunk) => (output += chunk));
			const exited = new Promise((resolve) => session.once('close', resolve));
			session.stdin.write(`BEGIN;\nLOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE;\n\\echo locked\n`);
			try {
				await waitFor(() => output.includes('locked') || session.exitCode !== null, 30_000, () => output);
				if (!output.includes('locked')) throw new Error(`could not lock ${table}: ${output}`);
			} catch (error) {
				session.kill('SIGKILL');
				throw error;
			}
			return {
				async release() {
					session.stdin.end('COMMIT;\n');
					await exited;
				},
			};
		},
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: DATABASE,
			DB_POSTGRESDB_USER: DATABASE_USER,
			DB_POSTGRESDB_PASSWORD: '',
		},
		async close() {
			await service.stop();
			harness.removeTempDir(dir);
		},
	};
}

/**
 * The `postgres` user must own the cluster's folder and be able to pass through every folder above
 * it (the jest run's temp folder is private to root): those get the search bit for others, nothing more.
 * @param {string} dir
 */
function allowPostgresUser(dir) {
	const account = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
	if (account.status !== 0) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as (install Debian\'s postgresql package)');
	fs.chownSync(dir, Number(account.stdout), Number(group.stdout));
	const tempRoot = fs.realpathSync(os.tmpdir());
	for (let parent = path.dirname(fs.realpathSync(dir)); parent !== path.dirname(parent); parent = path.dirname(parent)) {
		const mode = fs.statSync(parent).mode;
		if ((mode & 0o001) !== 0) continue;
		if (parent !== tempRoot && !parent.startsWith(tempRoot + path.sep)) {
			throw new Error(`the postgres user cannot reach ${dir}: ${parent} is private; point TMPDIR at a folder others may pass through`);
		}
		fs.chmodSync(parent, (mode & 0o7777) | 0o001);
	}
}

/**
 * The settings every process of the cluster shares.
 * @param {{ redisPort: number, postgresEnv: Record<string, string>, webhookPort: number, mainPort: number, env?: Record<string, string> }} o
 */
function queueEnv({ redisPort, postgresEnv, webhookPort, mainPort, env = {} }) {
	return {
		...postgresEnv,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		// Production webhooks go to the webhook process only; the main keeps the editor, API and schedules.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		GENERIC_TIMEZONE: 'UTC',
		...env,
	};
}

/**
 * Redis, PostgreSQL, n8n main + webhook process + `workers` workers, the tarball installed for each.
 * @param {{ tarball: string, workers?: number, workerConcurrency?: number, env?: Record<string, string>, logDir?: string }} options
 *   env: added to every n8n process (e.g. NODE_EXTRA_CA_CERTS, queue timings);
 *   logDir: a folder that gets each process's log as <name>.log (kept after the run, for debugging)
 */
async function startQueueCluster({ tarball, workers = 2, workerConcurrency = 10, env = {}, logDir }) {
	if (logDir) fs.mkdirSync(logDir, { recursive: true });
	/** @type {any[]} */
	const n8nProcesses = [];
	// The cluster keeps its own copy of the package: startWorker() installs it again later.
	const packageDir = harness.makeTempDir('queue-package');
	const packageFile = path.join(packageDir, path.basename(tarball));
	fs.copyFileSync(tarball, packageFile);
	/** @type {string[]} */
	const userFolders = [packageDir];
	/** @type {{ close(): Promise<void> } | undefined} */
	let redis;
	/** @type {{ close(): Promise<void> } | undefined} */
	let postgres;
	const stop = async () => {
		// Workers and the webhook process first, so nothing is taken from the queue while the main stops.
		await Promise.all(n8nProcesses.filter((p) => p.role !== 'main').map((p) => p.stop()));
		await Promise.all(n8nProcesses.filter((p) => p.role === 'main').map((p) => p.stop()));
		await redis?.close();
		await postgres?.close();
		for (const folder of userFolders) harness.removeTempDir(folder); // the package, the installs, n8n's settings
	};
	try {
		const redisService = await startRedis();
		redis = redisService;
		const postgresService = await startPostgres();
		postgres = postgresService;
		const mainPort = await harness.findFreePort();
		const webhookPort = await harness.findFreePort();
		const shared = queueEnv({ redisPort: redisService.port, postgresEnv: postgresService.env, webhookPort, mainPort, env });
		/** A fresh user folder with the package installed, as each machine of a real cluster has. */
		const home = async () => {
			const { userFolder } = await harness.createN8nHome({ tarball: packageFile });
			userFolders.push(userFolder);
			return userFolder;
		};
		/**
		 * @param {'main' | 'webhook' | 'worker'} role @param {string} name @param {number} port
		 * @param {string[]} command @param {string | undefined} readyLogLine
		 * @param {{ env?: Record<string, string>, userFolder?: Promise<string> }} [more]
		 */
		const launch = async (role, name, port, command, readyLogLine, { env: extra = {}, userFolder = home() } = {}) => {
			const instance = await harness.startN8n({
				userFolder: await userFolder,
				port,
				command,
				readyLogLine,
				env: { ...shared, ...extra },
				logFile: logDir ? path.join(logDir, `${name}.log`) : undefined,
				timeoutMs: READY_TIMEOUT_MS,
			});
			instance.role = role;
			instance.name = name;
			n8nProcesses.push(instance);
			return instance;
		};
		// The others' packages install while the main starts; the main first: it creates the database
		// schema the others then find.
		const [mainHome, webhookHome, ...workerHomes] = Array.from({ length: 2 + workers }, () => home());
		// Settled later; a failure of one of these must not go unhandled while the main starts.
		for (const folder of [webhookHome, ...workerHomes]) folder.catch(() => undefined);
		const main = await launch('main', 'main', mainPort, ['start'], undefined, { userFolder: mainHome });
		/** @param {string} name @param {Promise<string>} [userFolder] */
		const startWorker = async (name, userFolder) => {
			const port = await harness.findFreePort();
			return launch('worker', name, port, ['worker', `--concurrency=${workerConcurrency}`], WORKER_READY_LINE, {
				env: { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) },
				userFolder,
			});
		};
		const [webhook, ...workerInstances] = await Promise.all([
			launch('webhook', 'webhook', webhookPort, ['webhook'], WEBHOOK_READY_LINE, { userFolder: webhookHome }),
			...workerHomes.map((userFolder, index) => startWorker(`worker-${index + 1}`, userFolder)),
		]);
		return {
			main,
			webhook,
			workers: workerInstances,
			redis: redisService,
			postgres: postgresService,
			/** @param {string} name */
			startWorker: (name) => startWorker(name),
			/** Bull's lists for n8n's queue: what waits, runs, is delayed or paused. */
			async queueCounts() {
				const [wait, active, delayed, paused, prioritized] = await Promise.all([
					redisService.cli('LLEN', 'bull:jobs:wait'),
					redisService.cli('LLEN', 'bull:jobs:active'),
					redisService.cli('ZCARD', 'bull:jobs:delayed'),
					redisService.cli('LLEN', 'bull:jobs:paused'),
					redisService.cli('ZCARD', 'bull:jobs:priority'),
				]);
				return { wait: Number(wait), active: Number(active), delayed: Number(delayed), paused: Number(paused), prioritized: Number(prioritized) };
			},
			stop,
		};
	} catch (error) {
		const logs = n8nProcesses.map((p) => `--- ${p.name} ---\n${p.logs().slice(-3000)}`).join('\n');
		await stop();
		throw new Error(`${/** @type {Error} */ (error).message}${logs ? `\n${logs}` : ''}`);
	}
}

/**
 * The ids of the executions a worker took, from its log ("Worker started execution <id> (job <n>)").
 * @param {{ logs(): string }} worker @returns {Set<string>}
 */
function executionsStartedBy(worker) {
	return new Set([...worker.logs().matchAll(/Worker started execution (\d+) \(job /g)].map((match) => match[1]));
}

module.exports = {
	ensureQueuePrerequisites,
	startQueueCluster,
	startRedis,
	startPostgres,
	executionsStartedBy,
	waitFor,
	sleep,
	report: (/** @type {string} */ message) => report('queue', message),
};
