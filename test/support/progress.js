// Progress lines for everything slow (the n8n install, packing, n8n start-up, workflow runs): the
// phase and its elapsed time, written straight to stderr. jest --runInBand shows a test's console
// output only when the test ends, and npm with --loglevel=error prints nothing for minutes.
'use strict';

/** How often a running phase says it is still running (ML_CONNECTOR_PROGRESS_TICK_MS overrides). */
function tickMs() {
	return Number(process.env.ML_CONNECTOR_PROGRESS_TICK_MS) || 15_000;
}

/** @param {number} ms */
function formatElapsed(ms) {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * `[scope +m:ss] message`, the clock counting from this process's start.
 * @param {string} scope @param {string} message
 */
function progressLine(scope, message) {
	const seconds = Math.floor(process.uptime());
	const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
	return `[${scope} +${clock}] ${message}\n`;
}

/** @param {string} scope @param {string} message */
function report(scope, message) {
	if (process.env.ML_CONNECTOR_PROGRESS === 'off') return;
	process.stderr.write(progressLine(scope, message));
}

/**
 * Says "<phase>: still running after N s" every tick until stopped.
 * @param {{ scope: string, phase: string, everyMs?: number, detail?: () => string }} options
 *   detail: an optional hint appended to each line (e.g. how many packages are unpacked so far)
 * @returns {{ stop(): number }} stop() returns the elapsed milliseconds
 */
function startTicker({ scope, phase, everyMs = tickMs(), detail }) {
	const started = Date.now();
	const timer = setInterval(() => {
		let extra = '';
		try {
			extra = detail ? detail() : '';
		} catch {
			// a hint is optional; never let it break the ticker
		}
		report(scope, `${phase}: still running after ${formatElapsed(Date.now() - started)}${extra ? ` (${extra})` : ''}`);
	}, everyMs);
	timer.unref();
	return {
		stop() {
			clearInterval(timer);
			return Date.now() - started;
		},
	};
}

/**
 * Runs fn as a named phase: a line when it starts, ticks while it runs, a line with its duration.
 * @template T
 * @param {string} scope @param {string} phase @param {() => Promise<T>} fn
 * @param {{ everyMs?: number, detail?: () => string, quietStart?: boolean }} [options]
 * @returns {Promise<T>}
 */
async function inPhase(scope, phase, fn, options = {}) {
	if (!options.quietStart) report(scope, `${phase}...`);
	const ticker = startTicker({ scope, phase, everyMs: options.everyMs, detail: options.detail });
	try {
		const result = await fn();
		report(scope, `${phase}: done in ${formatElapsed(ticker.stop())}`);
		return result;
	} catch (error) {
		report(scope, `${phase}: failed after ${formatElapsed(ticker.stop())}`);
		throw error;
	} finally {
		ticker.stop();
	}
}

module.exports = { formatElapsed, progressLine, report, startTicker, inPhase, tickMs };
