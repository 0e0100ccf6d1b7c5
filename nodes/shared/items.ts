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
			output.push(errorItem(context, error, subjectOf(itemIndex), itemIndex));
		}
	}
	return output;
}

/** What became of one input item of a bulk operation: its result, or its own error (a hold or a failure). */
export type ItemOutcome = { itemIndex: number; json: IDataObject } | { itemIndex: number; error: unknown };

/**
 * The items of a bulk operation, which handled every input item at once: each result or error
 * stays paired with its own input item, errors routed exactly as `forEachItem` routes them.
 */
export function outcomeItems(context: IExecuteFunctions, outcomes: ItemOutcome[], subjectOf: (itemIndex: number) => ErrorSubject): INodeExecutionData[] {
	return [...outcomes]
		.sort((a, b) => a.itemIndex - b.itemIndex)
		.map((outcome) => ('json' in outcome ? { json: outcome.json, pairedItem: { item: outcome.itemIndex } } : errorItem(context, outcome.error, subjectOf(outcome.itemIndex), outcome.itemIndex)));
}

/**
 * An item for the error output. n8n 2.x replaces the JSON of any item that carries `error` with
 * `{ error }` alone, and routes an item to the error output when its JSON has only `error`,
 * `message` and `details`: so the fields go there — what happened, what to do, and for a held
 * document its fields — and the item carries no `error` object.
 */
export function errorJson(nodeError: { message: string; description?: string | null }, error: unknown): IDataObject {
	return { error: nodeError.message, ...(nodeError.description ? { message: nodeError.description } : {}), ...heldFields(error) };
}

function errorItem(context: IExecuteFunctions, error: unknown, subject: ErrorSubject, itemIndex: number): INodeExecutionData {
	const nodeError = toNodeError(context.getNode(), error, subject, itemIndex);
	if (!context.continueOnFail()) throw nodeError;
	return { json: errorJson(nodeError, error), pairedItem: { item: itemIndex } };
}
