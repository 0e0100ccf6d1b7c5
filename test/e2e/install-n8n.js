// Installs the pinned n8n (and, when the system Node is older than 24, a Node 24 binary) into a
// cache folder outside the package, so it never becomes a dependency of the published package.
// Reuses a complete install; a half-finished one (no marker file) is wiped and redone.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join, delimiter } = require('node:path');

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

function log(message) {
	process.stderr.write(`[n8n-install] ${message}\n`);
}

/**
 * The environment for the installer's own npm calls: without the npm_config_* variables an outer
 * `npm run`/`npm test` exports (this package's .npmrc sets ignore-scripts, which would stop the
 * node@24 binary download and the sqlite3 build).
 */
function cleanNpmEnv(base) {
	return Object.fromEntries(Object.entries(base).filter(([name]) => !/^npm_(config|lifecycle|package)_/i.test(name)));
}

function run(cmd, args, options) {
	const started = Date.now();
	log(`${cmd} ${args.join(' ')}  (in ${options.cwd})`);
	const result = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
	if (result.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${result.status}`);
	}
	log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

function installNode24(paths) {
	const marker = join(paths.nodeDir, '.complete');
	if (!paths.nodeBinDir || existsSync(marker)) return;
	log(`system Node ${process.versions.node} is older than ${NODE_MAJOR}: installing node@${NODE_MAJOR} into ${paths.nodeDir}`);
	rmSync(paths.nodeDir, { recursive: true, force: true });
	mkdirSync(paths.nodeDir, { recursive: true });
	writeFileSync(join(paths.nodeDir, 'package.json'), JSON.stringify({ private: true }, null, 2));
	run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false', `node@${NODE_MAJOR}`], {
		cwd: paths.nodeDir,
		env: cleanNpmEnv(process.env),
	});
	const check = spawnSync(paths.nodeBin, ['--version'], { encoding: 'utf8' });
	if (check.status !== 0 || !check.stdout.startsWith(`v${NODE_MAJOR}.`)) {
		throw new Error(`node@${NODE_MAJOR} did not install a working binary at ${paths.nodeBin}`);
	}
	writeFileSync(marker, check.stdout.trim());
}

function installN8n(paths) {
	const marker = join(paths.n8nDir, '.complete');
	if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === N8N_VERSION) return;
	log(`installing n8n ${N8N_VERSION} into ${paths.n8nDir} (first time only: about 8 minutes, 3 GB)`);
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
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: paths.n8nDir, env });
	run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3'], { cwd: paths.n8nDir, env });
	const sqlite = spawnSync(paths.nodeBin, ['-e', "require('sqlite3')"], { cwd: paths.n8nDir, env, encoding: 'utf8' });
	if (sqlite.status !== 0) throw new Error(`sqlite3 did not build for Node ${NODE_MAJOR}: ${sqlite.stderr.trim().split('\n').pop()}`);
	writeFileSync(marker, N8N_VERSION);
}

function ensureN8nInstalled() {
	const paths = n8nPaths();
	mkdirSync(paths.root, { recursive: true });
	installNode24(paths);
	installN8n(paths);
	return paths;
}

module.exports = { N8N_VERSION, cacheRoot, n8nPaths, envWithNode24, ensureN8nInstalled };

if (require.main === module) {
	try {
		const paths = ensureN8nInstalled();
		log(`ready: n8n ${N8N_VERSION} at ${paths.n8nBin}, node ${paths.nodeBin}`);
	} catch (error) {
		log(error.message);
		process.exit(1);
	}
}
