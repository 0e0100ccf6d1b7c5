import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs in a fresh process, so the peak before the spike is that process's own. */
function spikeIn(code: string) {
	const script = `
		const { peakRssBytes } = require(${JSON.stringify(join(__dirname, 'peak-rss.js'))});
		const before = peakRssBytes();
		${code}
		process.stdout.write(JSON.stringify({ before, after: peakRssBytes(), now: process.memoryUsage().rss }));`;
	const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
	expect(result.stderr).toBe('');
	return JSON.parse(result.stdout) as { before: number; after: number; now: number };
}

const MB = 1048576;

it('counts a 256 MB spike that was allocated and freed within one synchronous step', () => {
	const { before, after } = spikeIn('let block = Buffer.alloc(256 * 1048576, 1); block = null;');
	expect((after - before) / MB).toBeGreaterThanOrEqual(240);
});

it('is never below what is resident right now', () => {
	const { after, now } = spikeIn('');
	expect(after).toBeGreaterThanOrEqual(now);
});
