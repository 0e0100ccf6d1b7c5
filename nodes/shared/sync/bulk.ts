/** Splits a list into chunks of at most `size` (a `$batch` takes 100 operations, a filter a few dozen keys). */
export function chunks<T>(list: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
	return out;
}

/**
 * Runs `work` over every chunk with at most `concurrency` running at once (the vendor's limit per
 * user: Business Central processes 5 requests at a time and queues the rest). Results keep order.
 */
export async function inParallel<T, R>(tasks: readonly T[], concurrency: number, work: (task: T, index: number) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const index = next++;
			results[index] = await work(tasks[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, worker));
	return results;
}
