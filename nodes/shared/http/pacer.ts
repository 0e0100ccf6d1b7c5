import { sleep } from 'n8n-workflow';

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
		requestsPerSecond: number,
		private readonly now: () => number = Date.now,
	) {
		this.intervalMs = requestsPerSecond > 0 ? 1000 / requestsPerSecond : 0;
	}

	async wait(): Promise<void> {
		if (this.intervalMs === 0) return;
		const now = this.now();
		const slot = Math.max(now, this.nextSlotMs);
		this.nextSlotMs = slot + this.intervalMs;
		if (slot > now) await sleep(slot - now);
	}
}
