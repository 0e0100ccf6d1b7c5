import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CanonicalDocuments, CanonicalType } from '../canonical';

export const sourceProperty = (operations: string[]): INodeProperties => ({
	displayName: 'Source Record',
	name: 'source',
	type: 'json',
	default: '={{ $json }}',
	description:
		'The item from the ServiceTitan node\'s "Normalize" operation (canonical document plus mappings). To use an earlier node\'s item, point an expression at that node.',
	displayOptions: { show: { resource: ['sync'], operation: operations } },
});

export interface SyncSource<T extends CanonicalType> {
	document: CanonicalDocuments[T];
	/** What the Normalize operation already mapped (business unit, customer number, line accounts). */
	mapped: IDataObject;
	eventId?: string;
}

function asObject(value: unknown): IDataObject | undefined {
	if (typeof value === 'string') {
		try {
			return JSON.parse(value) as IDataObject;
		} catch {
			return undefined;
		}
	}
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

/**
 * Reads the canonical document of the wanted type from the Source Record parameter. The engine
 * sees canonical documents only: a source system's own records are converted by its node
 * (ServiceTitan: Normalize), never here.
 */
export function readSource<T extends CanonicalType>(context: IExecuteFunctions, itemIndex: number, type: T): SyncSource<T> {
	const source = asObject(context.getNodeParameter('source', itemIndex, {}));
	if (!source) throw new NodeOperationError(context.getNode(), 'The Source Record is not an object', { itemIndex });
	if (!source.document || typeof source.document !== 'object') {
		const id = source.id ?? source.recordId;
		throw new NodeOperationError(context.getNode(), `The Source Record${id !== undefined ? ` (record ${String(id)})` : ''} is not a canonical document`, {
			itemIndex,
			description: 'Send ServiceTitan records through the ServiceTitan node\'s Normalize operation first, and point Source Record at its output.',
		});
	}
	if (source.recordType && source.recordType !== type) {
		throw new NodeOperationError(context.getNode(), `Expected a ServiceTitan ${type}, got a ${String(source.recordType)} (record ${String(source.recordId)})`, {
			itemIndex,
			description: 'Route only this kind of record to this operation, e.g. with a Switch on recordType.',
		});
	}
	return { document: source.document as unknown as CanonicalDocuments[T], mapped: (source.mapped as IDataObject) ?? {}, eventId: source.eventId as string | undefined };
}
