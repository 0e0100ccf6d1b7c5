import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A document that cannot be posted yet: an error item (routed to the error output) that says
 * which document, why, and what to do — nothing is written or half-written without a trace.
 */
export function hold(context: IExecuteFunctions, itemIndex: number, message: string, fix: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description: fix });
}
