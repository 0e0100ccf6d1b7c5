import type { IDataObject, INode } from 'n8n-workflow';

import { HoldError } from '../hold';
import type { ItemOutcome } from '../items';

/** One reference key of a run: the input items that carry it (the same document may arrive twice), and its outcome. */
export interface KeyedEntry {
	key: string;
	items: number[];
	outcome?: { json: IDataObject } | { error: unknown };
}

/** Groups planned inputs by reference key; the first input of a key makes its entry. */
export function groupByKey<I extends { itemIndex: number }, E extends KeyedEntry>(inputs: I[], keyOf: (input: I) => string, create: (input: I) => Omit<E, 'items' | 'key'>): Map<string, E> {
	const entries = new Map<string, E>();
	for (const input of inputs) {
		const key = keyOf(input);
		const entry = entries.get(key) ?? ({ ...create(input), key, items: [] } as unknown as E);
		entry.items.push(input.itemIndex);
		entries.set(key, entry);
	}
	return entries;
}

/** A hold raised for the first item of a key, repeated for another item with the same key. */
function withItem(error: unknown, itemIndex: number, node: INode): unknown {
	return error instanceof HoldError && error.context.itemIndex !== itemIndex ? new HoldError(node, itemIndex, error.held, error.message) : error;
}

/** Every item's outcome, in input order: each item of a key gets its key's result or hold. */
export function itemOutcomes(node: INode, direct: ItemOutcome[], entries: Iterable<KeyedEntry>): ItemOutcome[] {
	const outcomes = [...direct];
	for (const entry of entries) {
		for (const itemIndex of entry.items) {
			const outcome = entry.outcome ?? { error: new Error(`${entry.key} was left without a result`) };
			outcomes.push('json' in outcome ? { itemIndex, json: outcome.json } : { itemIndex, error: withItem(outcome.error, itemIndex, node) });
		}
	}
	return outcomes.sort((a, b) => a.itemIndex - b.itemIndex);
}
