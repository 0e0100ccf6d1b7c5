import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemOutcome } from '../../../shared';

/**
 * Reads what every input item asks for, before a bulk operation sends anything; an item whose
 * parameters are wrong (a non-numeric ID, no record) becomes its own error outcome.
 */
export function readEntries<E>(context: IExecuteFunctions, read: (itemIndex: number) => E): { entries: E[]; failed: ItemOutcome[] } {
	const entries: E[] = [];
	const failed: ItemOutcome[] = [];
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			entries.push(read(itemIndex));
		} catch (error) {
			failed.push({ itemIndex, error });
		}
	}
	return { entries, failed };
}
