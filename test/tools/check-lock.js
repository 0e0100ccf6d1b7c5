// Fails loudly when package-lock.json has entries `npm ci` rejects ("Invalid Version", "Missing
// from lock file"): every installed package needs a version, and every optional dependency of a
// locked package must itself be locked somewhere it resolves from. Runs first in .ci/run.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

function lockProblems(lock) {
	const packages = lock.packages ?? {};
	const problems = [];
	for (const [path, entry] of Object.entries(packages)) {
		if (path === '' || entry.link) continue;
		if (!entry.version) problems.push(`${path}: no "version"`);
		if (entry.version && !entry.integrity && !entry.resolved && !entry.inBundle) {
			problems.push(`${path}: no "integrity" or "resolved"`);
		}
		for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
			if (!resolves(packages, path, dep)) problems.push(`${path}: dependency ${dep} is not in the lock`);
		}
	}
	return problems;
}

/** Node's lookup: <path>/node_modules/<dep>, then each ancestor's node_modules, then the top. */
function resolves(packages, fromPath, dep) {
	let dir = fromPath;
	for (;;) {
		const candidate = dir ? `${dir}/node_modules/${dep}` : `node_modules/${dep}`;
		if (packages[candidate]) return true;
		if (!dir) return false;
		const cut = dir.lastIndexOf('/node_modules/');
		dir = cut < 0 ? '' : dir.slice(0, cut);
	}
}

if (require.main === module) {
	const file = join(__dirname, '..', '..', 'package-lock.json');
	const problems = lockProblems(JSON.parse(readFileSync(file, 'utf8')));
	if (problems.length > 0) {
		process.stderr.write(
			`package-lock.json is not installable by npm ci (${problems.length} problem(s)):\n` +
				problems.map((p) => `  - ${p}`).join('\n') +
				'\nRegenerate it: npm install --package-lock-only, then run this check again.\n',
		);
		process.exit(1);
	}
	process.stdout.write('package-lock.json: every locked package has a version and every dependency resolves\n');
}

module.exports = { lockProblems };
