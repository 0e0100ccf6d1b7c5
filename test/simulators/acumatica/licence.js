'use strict';
/**
 * The licence's request limits (fact sheet §5.3): requests wait in one queue served by at most
 * `maxConcurrentRequests` processing cores; once the past minute holds half of `requestsPerMinute`,
 * each request is delayed by (time left in the window ÷ requests left). A request is declined (429)
 * only when more than `queueLimit` requests are waiting or it waited longer than `maxQueueWaitMs`.
 */

/**
 * @param {{ limits: () => { maxConcurrentRequests: number, requestsPerMinute: number, queueLimit: number, maxQueueWaitMs: number, windowMs: number }, stats: any }} o
 */
function createLicenceQueue(o) {
	/** @type {Array<{ resolve: (r: any) => void, timer: NodeJS.Timeout }>} */
	const waiting = [];
	/** @type {number[]} */
	let admitted = [];
	let nextAt = 0;
	/** @type {NodeJS.Timeout | null} */
	let wake = null;

	function pump() {
		const l = o.limits();
		while (waiting.length && o.stats.inFlight < l.maxConcurrentRequests) {
			const now = Date.now();
			admitted = admitted.filter((t) => t > now - l.windowMs);
			let due = nextAt;
			if (admitted.length >= l.requestsPerMinute) due = Math.max(due, admitted[0] + l.windowMs);
			if (now < due) {
				if (!wake) {
					wake = setTimeout(() => {
						wake = null;
						pump();
					}, due - now);
					wake.unref();
				}
				return;
			}
			const w = /** @type {any} */ (waiting.shift());
			clearTimeout(w.timer);
			admitted.push(now);
			const used = admitted.length;
			if (used >= l.requestsPerMinute / 2) {
				const timeLeft = admitted[0] + l.windowMs - now;
				const left = Math.max(1, l.requestsPerMinute - used);
				nextAt = now + timeLeft / left;
				o.stats.delayed++;
			}
			o.stats.inFlight++;
			o.stats.peakConcurrent = Math.max(o.stats.peakConcurrent, o.stats.inFlight);
			let released = false;
			w.resolve({
				ok: true,
				release: () => {
					if (released) return;
					released = true;
					o.stats.inFlight--;
					pump();
				},
			});
		}
	}

	/** Wait for a processing core. @returns {Promise<{ ok: true, release: () => void } | { ok: false, message: string }>} */
	function enter() {
		const l = o.limits();
		if (waiting.length >= l.queueLimit) {
			return Promise.resolve({ ok: false, message: `The request was declined: ${waiting.length} API requests are already waiting in the queue (the limit is ${l.queueLimit}).` });
		}
		return new Promise((resolve) => {
			/** @type {any} */
			const w = { resolve };
			w.timer = setTimeout(() => {
				const i = waiting.indexOf(w);
				if (i >= 0) waiting.splice(i, 1);
				resolve({ ok: false, message: `The request was declined: it waited in the API request queue longer than ${Math.round(l.maxQueueWaitMs / 1000)} seconds.` });
			}, l.maxQueueWaitMs);
			w.timer.unref();
			waiting.push(w);
			o.stats.peakQueued = Math.max(o.stats.peakQueued, waiting.length);
			pump();
		});
	}

	return {
		enter,
		queued: () => waiting.length,
		clear: () => {
			admitted = [];
			nextAt = 0;
		},
		stop: () => {
			if (wake) clearTimeout(wake);
			for (const w of waiting.splice(0)) {
				clearTimeout(w.timer);
				w.resolve({ ok: false, message: 'The site is shutting down.' });
			}
		},
	};
}

module.exports = { createLicenceQueue };
