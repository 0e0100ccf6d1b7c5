import { sleep } from 'n8n-workflow';

/**
 * The share of a vendor's published rate limit that `RequestPacer.belowLimit` leaves unused.
 * Pacing exactly at the limit still drew 429s (ServiceTitan, 60/s: two to ten per run): the
 * server counts arrivals in its own window, and arrivals bunch up where the sending slots did
 * not — the first call of a run also fetches the token and arrives late, timers fire late and
 * then on time, connections are re-opened, another execution uses the same credential.
 */
export const PACING_SAFETY_MARGIN = 0.2;

/**
 * Spaces requests so one credential stays under `requestsPerSecond`.
 *
 * One pacer lives for one node execution (n8n rules out module-level state, and queue-mode
 * workers share nothing in memory); across executions and workers the 429 + Retry-After
 * handling in requestWithRetry is what keeps the tenant within its limit.
 */
export class RequestPacer {
	private nextSlotMs = 0;

	private readonly intervalMs: number;

	constructor(
		readonly requestsPerSecond: number,
		private readonly now: () => number = Date.now,
	) {
		this.intervalMs = requestsPerSecond > 0 ? 1000 / requestsPerSecond : 0;
	}

	/** A pacer for a vendor's published limit: `margin` of it stays unused (0.2 → 60/s is paced at 48/s). */
	static belowLimit(limitPerSecond: number, margin = PACING_SAFETY_MARGIN, now: () => number = Date.now): RequestPacer {
		if (!(margin >= 0 && margin < 1)) throw new RangeError(`The pacing margin must be at least 0 and below 1, got ${margin}`);
		return new RequestPacer(limitPerSecond > 0 ? limitPerSecond * (1 - margin) : 0, now);
	}

	async wait(): Promise<void> {
		if (this.intervalMs === 0) return;
		const now = this.now();
		const slot = Math.max(now, this.nextSlotMs);
		this.nextSlotMs = slot + this.intervalMs;
		if (slot > now) await sleep(slot - now);
	}
}
