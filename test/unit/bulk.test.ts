import { chunks, evenChunks, inParallel } from '../../nodes/shared/sync/bulk';

const sizes = (parts: unknown[][]) => parts.map((part) => part.length);
const list = (length: number) => Array.from({ length }, (_, index) => index);

describe('evenChunks: writes spread over every slot the server processes at once', () => {
	it('264 writes with 5 slots go as 5 calls of 52–53, not 100 + 100 + 64', () => {
		expect(sizes(chunks(list(264), 100))).toEqual([100, 100, 64]);
		expect(sizes(evenChunks(list(264), 100, 5))).toEqual([53, 53, 53, 53, 52]);
	});

	it('never more than the batch size per call, and every item once, in order', () => {
		const parts = evenChunks(list(2001), 100, 5);
		expect(Math.max(...sizes(parts))).toBeLessThanOrEqual(100);
		expect(parts).toHaveLength(21);
		expect(parts.flat()).toEqual(list(2001));
	});

	it('fewer items than slots: one call each; none: no call', () => {
		expect(sizes(evenChunks(list(3), 100, 5))).toEqual([1, 1, 1]);
		expect(evenChunks([], 100, 5)).toEqual([]);
	});
});

it('inParallel keeps at most `concurrency` tasks running and the results in order', async () => {
	let running = 0;
	let peak = 0;
	const results = await inParallel(list(12), 5, async (value) => {
		running++;
		peak = Math.max(peak, running);
		await new Promise((resolve) => setTimeout(resolve, 5 + (value % 3)));
		running--;
		return value * 2;
	});
	expect(peak).toBe(5);
	expect(results).toEqual(list(12).map((value) => value * 2));
});
