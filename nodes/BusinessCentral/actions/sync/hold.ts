import type { IExecuteFunctions } from 'n8n-workflow';

import type { CanonicalDocument } from '../../../shared/canonical';
import { heldRecord, HoldError, holdForDataProblem, type HoldCode } from '../../../shared/hold';

/**
 * A document that cannot be posted yet: an error item (routed to the error output) that says
 * which document, why, and what to do — nothing is written or half-written without a trace.
 */
export function hold(context: IExecuteFunctions, itemIndex: number, document: CanonicalDocument, code: HoldCode, reason: string, fix: string): HoldError {
	return new HoldError(context.getNode(), itemIndex, { ...heldRecord(document), code, reason, fix });
}

/** Runs `step`; a value missing from a mapping table, or an amount BC cannot take exactly, holds the document. */
export function holdingDataProblems<T>(context: IExecuteFunctions, itemIndex: number, document: CanonicalDocument, step: () => T): T {
	try {
		return step();
	} catch (error) {
		throw holdForDataProblem(context.getNode(), itemIndex, heldRecord(document), error);
	}
}
