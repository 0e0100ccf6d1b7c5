import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError, type ErrorSubject } from './errors';
import { heldFields } from './hold';

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData[];

function isExecutionData(value: unknown): value is INodeExecutionData {
	return value !== null && typeof value === 'object' && 'json' in (value as object);
}

/** Wraps results as items paired with the input item they came from. */
export function pairedItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: entry.pairedItem ?? { item: itemIndex } }
			: { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

/**
 * Runs `handler` once per input item. With Continue On Fail (or an error output) a failing item
 * becomes an error item that says what went wrong (`error`, `description`) and stays paired with
 * its input; a held document also carries `held` (see hold.ts). Otherwise the error stops the
 * node with the item index set.
 */
export async function forEachItem(
	context: IExecuteFunctions,
	subjectOf: (itemIndex: number) => ErrorSubject,
	handler: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			output.push(...pairedItems(await handler(itemIndex), itemIndex));
		} catch (error) {
			const nodeError = toNodeError(context.getNode(), error, subjectOf(itemIndex), itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			output.push({
				json: { error: nodeError.message, description: nodeError.description ?? null, ...heldFields(error) },
				error: nodeError,
				pairedItem: { item: itemIndex },
			});
		}
	}
	return output;
}
