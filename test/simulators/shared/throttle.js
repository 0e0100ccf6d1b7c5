'use strict';
/**
 * Per-client admission shared by the ERP simulators: a sliding request window (a `$batch` costs
 * its number of parts) and a cap on requests in flight. Refusals carry the Retry-After seconds.
 */

/**
 * @param {{
 *   limits: () => { maxRequests: number, windowMs: number, maxConcurrent: number },
 *   stats: { inFlight: number, peakConcurrent: number },
 *   windowMessage: (used: number, max: number, windowSeconds: number) => string,
 *   concurrencyMessage: (max: number) => string,
 * }} o
 */
function createThrottle(o) {
	/** @type {Map<string, { times: number[], head: number, inflight: number }>} */
	const clients = new Map();

	/**
	 * @param {string} clientId @param {number} cost
	 * @returns {{ ok: true, release: () => void } | { ok: false, retryAfter: number, message: string }}
	 */
	function admit(clientId, cost) {
		const { maxRequests, windowMs, maxConcurrent } = o.limits();
		let t = clients.get(clientId);
		if (!t) {
			t = { times: [], head: 0, inflight: 0 };
			clients.set(clientId, t);
		}
		const now = Date.now();
		while (t.head < t.times.length && t.times[t.head] <= now - windowMs) t.head++;
		if (t.head > 4096) {
			t.times = t.times.slice(t.head);
			t.head = 0;
		}
		const used = t.times.length - t.head;
		if (used + cost > maxRequests) {
			const oldest = t.times[t.head] ?? now;
			const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
			return { ok: false, retryAfter, message: o.windowMessage(used + cost, maxRequests, Math.round(windowMs / 1000)) };
		}
		if (t.inflight >= maxConcurrent) return { ok: false, retryAfter: 1, message: o.concurrencyMessage(maxConcurrent) };
		for (let i = 0; i < cost; i++) t.times.push(now);
		t.inflight++;
		o.stats.inFlight++;
		o.stats.peakConcurrent = Math.max(o.stats.peakConcurrent, o.stats.inFlight);
		const tt = t;
		let released = false;
		return {
			ok: true,
			release: () => {
				if (!released) {
					released = true;
					tt.inflight--;
					o.stats.inFlight--;
				}
			},
		};
	}

	return { admit, clear: () => clients.clear() };
}

module.exports = { createThrottle };
