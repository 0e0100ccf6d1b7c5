import type { IExecuteFunctions } from 'n8n-workflow';

import { ServiceTitan } from '../../nodes/ServiceTitan/ServiceTitan.node';
import { ServiceTitanClient } from '../../nodes/ServiceTitan/transport';
import { PACING_SAFETY_MARGIN, RequestPacer } from '../../nodes/shared/http/pacer';
import { createContext } from '../helpers/context';
import { serviceTitanCredential, startSimulator } from './setup';

async function clientFor(sim: Awaited<ReturnType<typeof startSimulator>>, requestsPerSecond: number) {
	const credential = serviceTitanCredential(sim, { requestsPerSecond });
	const { context } = createContext({ nodeType: new ServiceTitan(), parameters: {}, credentials: { serviceTitanApi: credential } });
	return await ServiceTitanClient.create(context as unknown as IExecuteFunctions);
}

describe('ServiceTitan pacing below the limit', () => {
	it('keeps an explicit margin: a limit of 60/s is paced at 48/s', () => {
		expect(PACING_SAFETY_MARGIN).toBe(0.2);
		expect(RequestPacer.belowLimit(60).requestsPerSecond).toBe(48);
		expect(RequestPacer.belowLimit(60, 0.5).requestsPerSecond).toBe(30);
		expect(RequestPacer.belowLimit(0).requestsPerSecond).toBe(0);
		expect(() => RequestPacer.belowLimit(60, 1)).toThrow(RangeError);
	});

	it('the transport paces the credential\'s limit with that margin', async () => {
		const sim = await startSimulator({ seed: false });
		try {
			expect((await clientFor(sim, 60)).pacer.requestsPerSecond).toBe(48);
			expect((await clientFor(sim, 10)).pacer.requestsPerSecond).toBe(8);
		} finally {
			await sim.close();
		}
	});

	// Pacing exactly at ServiceTitan's 60/s drew two to four 429s on this burst: arrivals bunch up
	// where the sending slots did not (the first call also fetches the token and arrives late).
	it('a burst of 150 requests against the simulator\'s 60/s limit draws no 429', async () => {
		const sim = await startSimulator({ seed: { seed: 3, invoices: 4, customers: 2 }, rateLimitPerSecond: 60 });
		try {
			const client = await clientFor(sim, 60);
			const started = Date.now();
			await Promise.all(Array.from({ length: 150 }, async () => await client.request('GET', 'settings', 'business-units', { qs: { pageSize: 1 } })));
			const elapsedMs = Date.now() - started;
			expect(sim.stats.rateLimited).toBe(0);
			expect(sim.stats.byRoute['GET /settings/v2/tenant/{t}/business-units']).toBe(150);
			// Paced at 48/s, not slower: 149 intervals of 1/48 s, plus some room for a loaded machine.
			expect(elapsedMs).toBeGreaterThanOrEqual((149 / 48) * 1000 - 50);
			expect(elapsedMs).toBeLessThan((149 / 48) * 1000 + 2500);
		} finally {
			await sim.close();
		}
	}, 20000);
});
