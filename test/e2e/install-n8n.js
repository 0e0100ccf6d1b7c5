// Installs the pinned n8n (and, when the system Node is older than 24, a Node 24 binary) into a
// cache folder outside the package, so it never becomes a dependency of the published package.
// Reuses a complete install; a half-finished one (no marker file) is wiped and redone.
// Every npm step says which phase it is in and how long it has run, at least every 15 s: npm
// itself is silent for minutes (--loglevel=error), and so is the sqlite3 build.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join, delimiter } = require('node:path');
const { formatElapsed, report, startTicker } = require('../support/progress');

const N8N_VERSION = '2.41.1';
const NODE_MAJOR = 24;

function cacheRoot() {
	return process.env.ML_CONNECTOR_CACHE || join(homedir(), '.cache', 'ml-connector');
}

function n8nPaths() {
	const root = cacheRoot();
	const n8nDir = join(root, `n8n-${N8N_VERSION}`);
	const nodeDir = join(root, `node-${NODE_MAJOR}`);
	const systemMajor = Number(process.versions.node.split('.')[0]);
	const nodeBinDir = systemMajor >= NODE_MAJOR ? null : join(nodeDir, 'node_modules', 'node', 'bin');
	return {
		root,
		n8nDir,
		nodeDir,
		nodeBinDir,
		n8nBin: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeBin: nodeBinDir ? join(nodeBinDir, 'node') : process.execPath,
	};
}

/** PATH with Node 24 first: n8n starts its task runner as `node` from PATH. */
function envWithNode24(base = process.env) {
	const { nodeBinDir } = n8nPaths();
	return nodeBinDir ? { ...base, PATH: `${nodeBinDir}${delimiter}${base.PATH ?? ''}` } : { ...base };
}

/** @param {string} message */
function log(message) {
	report('n8n-install', message);
}

/**
 * The environment for the installer's own npm calls: without the npm_config_* variables an outer
 * `npm run`/`npm test` exports (this package's .npmrc sets ignore-scripts, which would stop the
 * node@24 binary download and the sqlite3 build).
 */
function cleanNpmEnv(base) {
	return Object.fromEntries(Object.entries(base).filter(([name]) => !/^npm_(config|lifecycle|package)_/i.test(name)));
}

/** @type {Set<import('node:child_process').ChildProcess>} npm processes to stop if this process exits first */
const runningSteps = new Set();
process.on('exit', () => {
	for (const child of runningSteps) child.kill('SIGTERM');
});

/**
 * Runs one install step with its output passed through, saying every tick that it still runs.
 * @param {string} cmd @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, phase: string, everyMs?: number, detail?: () => string, scope?: string }} options
 * @returns {Promise<void>}
 */
function run(cmd, args, { cwd, env, phase, everyMs, detail, scope = 'n8n-install' }) {
	const log = (/** @type {string} */ message) => report(scope, message);
	log(`${phase}: ${cmd} ${args.join(' ')}  (in ${cwd})`);
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
		runningSteps.add(child);
		const ticker = startTicker({ scope, phase, everyMs, detail });
		child.once('error', (error) => {
			runningSteps.delete(child);
			ticker.stop();
			reject(new Error(`${phase}: cannot run ${cmd}: ${error.message}`));
		});
		child.once('close', (code, signal) => {
			runningSteps.delete(child);
			const elapsed = formatElapsed(ticker.stop());
			if (code === 0) {
				log(`${phase}: done in ${elapsed}`);
				resolve();
			} else {
				reject(new Error(`${phase}: ${cmd} ${args.join(' ')} failed after ${elapsed} (${signal ? `signal ${signal}` : `exit code ${code}`})`));
			}
		});
	});
}

/** @param {string} dir a hint for the ticker while npm unpacks: how many packages are in place */
function packagesIn(dir) {
	const modules = join(dir, 'node_modules');
	if (!existsSync(modules)) return '';
	const count = readdirSync(modules).filter((name) => !name.startsWith('.')).length;
	return count > 0 ? `${count} top-level packages in node_modules so far` : '';
}

/** @param {ReturnType<typeof n8nPaths>} paths */
async function installNode24(paths) {
	const marker = join(paths.nodeDir, '.complete');
	if (!paths.nodeBinDir || existsSync(marker)) return;
	log(`system Node ${process.versions.node} is older than ${NODE_MAJOR}: installing node@${NODE_MAJOR} into ${paths.nodeDir}`);
	rmSync(paths.nodeDir, { recursive: true, force: true });
	mkdirSync(paths.nodeDir, { recursive: true });
	writeFileSync(join(paths.nodeDir, 'package.json'), JSON.stringify({ private: true }, null, 2));
	await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false', `node@${NODE_MAJOR}`], {
		cwd: paths.nodeDir,
		env: cleanNpmEnv(process.env),
		phase: `downloading Node ${NODE_MAJOR}`,
	});
	const check = spawnSync(paths.nodeBin, ['--version'], { encoding: 'utf8' });
	if (check.status !== 0 || !check.stdout.startsWith(`v${NODE_MAJOR}.`)) {
		throw new Error(`node@${NODE_MAJOR} did not install a working binary at ${paths.nodeBin}`);
	}
	writeFileSync(marker, check.stdout.trim());
}

/** @param {ReturnType<typeof n8nPaths>} paths */
async function installN8n(paths) {
	const marker = join(paths.n8nDir, '.complete');
	if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === N8N_VERSION) return;
	log(`installing n8n ${N8N_VERSION} into ${paths.n8nDir} (first time only: about 5-8 minutes, 3 GB on disk)`);
	rmSync(paths.n8nDir, { recursive: true, force: true });
	mkdirSync(paths.n8nDir, { recursive: true });
	writeFileSync(
		join(paths.n8nDir, 'package.json'),
		JSON.stringify(
			{
				private: true,
				dependencies: { n8n: N8N_VERSION },
				// linkedom >= 0.18.14 needs a package the registry lacks.
				overrides: { linkedom: '0.18.13' },
			},
			null,
			2,
		),
	);
	const env = cleanNpmEnv(envWithNode24());
	// --ignore-scripts: a Kafka native build fails otherwise; sqlite3 is rebuilt explicitly below.
	await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: paths.n8nDir,
		env,
		phase: `downloading n8n ${N8N_VERSION} and its 2,300 packages (about 3-5 minutes)`,
		detail: () => packagesIn(paths.n8nDir),
	});
	await run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3'], {
		cwd: paths.n8nDir,
		env,
		phase: 'building SQLite for n8n (about 1-2 minutes)',
	});
	const sqlite = spawnSync(paths.nodeBin, ['-e', "require('sqlite3')"], { cwd: paths.n8nDir, env, encoding: 'utf8' });
	if (sqlite.status !== 0) throw new Error(`sqlite3 did not build for Node ${NODE_MAJOR}: ${sqlite.stderr.trim().split('\n').pop()}`);
	writeFileSync(marker, N8N_VERSION);
}

/** @param {ReturnType<typeof n8nPaths>} paths */
function isInstalled(paths) {
	const n8nMarker = join(paths.n8nDir, '.complete');
	const nodeReady = !paths.nodeBinDir || existsSync(join(paths.nodeDir, '.complete'));
	return nodeReady && existsSync(n8nMarker) && readFileSync(n8nMarker, 'utf8').trim() === N8N_VERSION;
}

/**
 * Installs what is missing, with progress on stderr.
 * @returns {Promise<ReturnType<typeof n8nPaths>>}
 */
async function installN8nIfMissing() {
	const paths = n8nPaths();
	mkdirSync(paths.root, { recursive: true });
	await installNode24(paths);
	await installN8n(paths);
	return paths;
}

/**
 * For synchronous callers: the paths of a complete install; when something is missing, runs this
 * script (which installs with progress) and waits for it.
 * @returns {ReturnType<typeof n8nPaths>}
 */
function ensureN8nInstalled() {
	const paths = n8nPaths();
	if (isInstalled(paths)) return paths;
	const result = spawnSync(process.execPath, [__filename], { stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0 || !isInstalled(paths)) {
		throw new Error(`installing n8n ${N8N_VERSION} failed (exit ${result.status}); see the lines above`);
	}
	return paths;
}

module.exports = { N8N_VERSION, cacheRoot, n8nPaths, envWithNode24, ensureN8nInstalled, installN8nIfMissing, run };

if (require.main === module) {
	installN8nIfMissing().then(
		(paths) => log(`ready: n8n ${N8N_VERSION} at ${paths.n8nBin}, node ${paths.nodeBin}`),
		(error) => {
			log(error.message);
			process.exitCode = 1;
		},
	);
}
