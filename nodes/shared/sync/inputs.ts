import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CanonicalDocuments, CanonicalType } from '../canonical';
import { heldRawRecord, heldRecord, holdForDataProblem } from '../hold';
import { readSource } from './source';

export type PlannedInput<T extends CanonicalType, P> = { itemIndex: number; document: CanonicalDocuments[T]; plan: P } | { itemIndex: number; error: unknown };

/**
 * Every input item's canonical document and the engine's plan for it; a document that cannot be
 * read or planned (a value missing from a mapping, an amount an ERP cannot take) is that item's
 * own hold, never the whole node's.
 */
export function planInputs<T extends CanonicalType, P>(
	context: IExecuteFunctions,
	type: T,
	plan: (document: CanonicalDocuments[T], mapped: IDataObject, itemIndex: number) => P,
): Array<PlannedInput<T, P>> {
	const node = context.getNode();
	return context.getInputData().map((item, itemIndex): PlannedInput<T, P> => {
		let source;
		try {
			source = readSource(context, itemIndex, type);
		} catch (error) {
			return { itemIndex, error: holdForDataProblem(node, itemIndex, heldRawRecord('servicetitan', type, item.json), error) };
		}
		try {
			return { itemIndex, document: source.document, plan: plan(source.document, source.mapped, itemIndex) };
		} catch (error) {
			return { itemIndex, error: holdForDataProblem(node, itemIndex, heldRecord(source.document), error) };
		}
	});
}
