// One temp folder per jest run: global setup points TMPDIR (os.tmpdir()) into it, so every
// folder a test, a simulator, npm or n8n makes under the temp folder lands there, and global
// teardown removes it - also when tests fail. A run that was killed before its teardown is swept
// by the next run (its process id is in the folder's name and no longer alive).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PREFIX = 'ml-connector-run-';
/** What os.tmpdir() and child processes (npm, openssl, n8n) read. */
const TEMP_VARIABLES = ['TMPDIR', 'TMP', 'TEMP'];

/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/** @param {string} dir */
function remove(dir) {
	fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

/**
 * Removes the run folders of jest runs that are no longer alive.
 * @param {string} base the temp folder the run folders live in
 * @returns {string[]} what was removed
 */
function sweepAbandonedRuns(base) {
	const removed = [];
	for (const name of fs.readdirSync(base)) {
		const match = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
		if (!match || Number(match[1]) === process.pid || isAlive(Number(match[1]))) continue;
		remove(path.join(base, name));
		removed.push(name);
	}
	return removed;
}

/**
 * Creates this run's temp folder and makes it the temp folder of this process and its children.
 * @returns {string} the folder
 */
function beginRun() {
	const base = os.tmpdir();
	sweepAbandonedRuns(base);
	const root = fs.mkdtempSync(path.join(base, `${PREFIX}${process.pid}-`));
	process.env.ML_CONNECTOR_TMP_BEFORE = JSON.stringify(Object.fromEntries(TEMP_VARIABLES.map((name) => [name, process.env[name] ?? null])));
	process.env.ML_CONNECTOR_RUN_TMP = root;
	for (const name of TEMP_VARIABLES) process.env[name] = root;
	// A run stopped by an uncaught error skips global teardown; the exit still comes here.
	process.once('exit', () => remove(root));
	return root;
}

/** Removes this run's temp folder and gives the process its temp folder back. */
function endRun() {
	const root = process.env.ML_CONNECTOR_RUN_TMP;
	if (!root) return;
	const before = JSON.parse(process.env.ML_CONNECTOR_TMP_BEFORE ?? '{}');
	for (const name of TEMP_VARIABLES) {
		if (typeof before[name] === 'string') process.env[name] = before[name];
		else delete process.env[name];
	}
	delete process.env.ML_CONNECTOR_RUN_TMP;
	delete process.env.ML_CONNECTOR_TMP_BEFORE;
	remove(root);
}

module.exports = { PREFIX, beginRun, endRun, sweepAbandonedRuns };
