// Live progress for long test files. jest --runInBand shows a test's console output only when the
// test ends and the default reporter says nothing while a file runs, so the real-n8n suites were
// silent for minutes. This reporter writes straight to stderr:
// - for files under test/e2e/ and test/bench/: each file and test case as it starts and ends;
// - for every file still running after a tick (15 s): the file, the test case (or "hooks" for
//   beforeAll/afterAll) and the elapsed time, every tick.
'use strict';
const path = require('node:path');
const { formatElapsed, report, tickMs } = require('../support/progress');

const LONG_SUITES = /[\\/]test[\\/](e2e|bench)[\\/]/;

class ProgressReporter {
	/** @param {{ rootDir: string }} globalConfig */
	constructor(globalConfig) {
		this.rootDir = globalConfig.rootDir;
		/** @type {Map<string, { started: number, current: string | null, caseStarted: number, timer: NodeJS.Timeout }>} */
		this.files = new Map();
	}

	/** @param {string} testPath */
	name(testPath) {
		return path.relative(this.rootDir, testPath);
	}

	/** @param {{ path: string }} test */
	onTestFileStart(test) {
		const file = this.name(test.path);
		const verbose = LONG_SUITES.test(test.path);
		if (verbose) report('jest', `▶ ${file}`);
		const state = {
			started: Date.now(),
			current: /** @type {string | null} */ (null),
			caseStarted: 0,
			timer: setInterval(() => {
				const now = Date.now();
				const where = state.current ? `"${state.current}" for ${formatElapsed(now - state.caseStarted)}` : 'in its hooks (beforeAll/afterAll)';
				report('jest', `${file}: still running after ${formatElapsed(now - state.started)}, ${where}`);
			}, tickMs()),
		};
		state.timer.unref();
		this.files.set(test.path, state);
	}

	/** @param {{ path: string }} test @param {{ fullName: string }} info */
	onTestCaseStart(test, info) {
		const state = this.files.get(test.path);
		if (state) {
			state.current = info.fullName;
			state.caseStarted = Date.now();
		}
		if (LONG_SUITES.test(test.path)) report('jest', `  ▶ ${info.fullName}`);
	}

	/** @param {{ path: string }} test @param {{ fullName: string, status: string, duration?: number | null }} result */
	onTestCaseResult(test, result) {
		const state = this.files.get(test.path);
		if (state) state.current = null;
		if (LONG_SUITES.test(test.path)) {
			const mark = result.status === 'passed' ? '✓' : result.status === 'failed' ? '✗' : '-';
			report('jest', `  ${mark} ${result.fullName} (${formatElapsed(result.duration ?? 0)})`);
		}
	}

	/** @param {{ path: string }} test */
	onTestFileResult(test) {
		const state = this.files.get(test.path);
		if (!state) return;
		clearInterval(state.timer);
		this.files.delete(test.path);
		if (LONG_SUITES.test(test.path)) report('jest', `${this.name(test.path)}: done in ${formatElapsed(Date.now() - state.started)}`);
	}

	onRunComplete() {
		for (const state of this.files.values()) clearInterval(state.timer);
		this.files.clear();
	}
}

module.exports = ProgressReporter;
