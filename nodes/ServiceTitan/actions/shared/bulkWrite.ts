import { describeHttpFailure, type ItemOutcome } from '../../../shared';

/**
 * Records per mark-as-exported or status call. ServiceTitan documents no maximum for these list
 * bodies; 50 is the maximum it documents for its ID lookups, so a size its API is known to take.
 */
export const MAX_RECORDS_PER_WRITE = 50;

/** One input item's part of a bulk write: the record it names. */
export interface BulkEntry {
	itemIndex: number;
	id: number;
}

/**
 * Entries in input order, in chunks of at most `size`. A record named again, or an entry of
 * another group (e.g. another status), starts a new chunk, so a later entry for a record is
 * sent after the earlier one, as it would have been item by item.
 */
export function writeChunks<E extends BulkEntry>(entries: E[], size: number, groupOf: (entry: E) => string = () => ''): E[][] {
	const result: E[][] = [];
	let current: E[] = [];
	let ids = new Set<number>();
	for (const entry of entries) {
		const fits = current.length === 0 || (current.length < size && !ids.has(entry.id) && groupOf(current[0]) === groupOf(entry));
		if (!fits) {
			result.push(current);
			current = [];
			ids = new Set();
		}
		current.push(entry);
		ids.add(entry.id);
	}
	if (current.length > 0) result.push(current);
	return result;
}

export type ChunkAnswer<E, R> = { entries: E[]; answer: R } | { entries: E[]; error: unknown };

/** ServiceTitan refused the request for what it carries (validation), which may be one entry's fault. */
function isRefusal(error: unknown): boolean {
	const status = describeHttpFailure(error).status;
	return status === 400 || status === 422;
}

/**
 * Sends one chunk. When ServiceTitan refuses it as a whole for its content (400, 422), nothing
 * was written, so it is split in halves and each half sent again until the refusal lands on
 * the entries it is about and the others go through. Any other failure belongs to every entry
 * of the chunk.
 */
export async function sendChunk<E, R>(entries: E[], send: (entries: E[]) => Promise<R>): Promise<Array<ChunkAnswer<E, R>>> {
	try {
		return [{ entries, answer: await send(entries) }];
	} catch (error) {
		if (entries.length < 2 || !isRefusal(error)) return [{ entries, error }];
		const half = Math.ceil(entries.length / 2);
		return [...(await sendChunk(entries.slice(0, half), send)), ...(await sendChunk(entries.slice(half), send))];
	}
}

/** Sends every chunk; each entry's outcome comes from its call's answer (`settle`), or is its call's error. */
export async function writeChunksOf<E extends BulkEntry, R>(
	chunkList: E[][],
	send: (entries: E[]) => Promise<R>,
	settle: (entry: E, answer: R) => ItemOutcome,
): Promise<ItemOutcome[]> {
	const outcomes: ItemOutcome[] = [];
	for (const chunk of chunkList) {
		for (const answer of await sendChunk(chunk, send)) {
			for (const entry of answer.entries) outcomes.push('error' in answer ? { itemIndex: entry.itemIndex, error: answer.error } : settle(entry, answer.answer));
		}
	}
	return outcomes;
}
