import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toCanonical, type CanonicalDocuments, type CanonicalType } from '../canonical';

export const sourceProperty = (operations: string[]): INodeProperties => ({
	displayName: 'Source Record',
	name: 'source',
	type: 'json',
	default: '={{ $json }}',
	description:
		'The item from the ServiceTitan node\'s "Normalize" operation (canonical document plus mappings), or a raw ServiceTitan record. To use an earlier node\'s item, point an expression at that node.',
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

/** Reads the canonical document of the wanted type from the Source Record parameter. */
export function readSource<T extends CanonicalType>(context: IExecuteFunctions, itemIndex: number, type: T): SyncSource<T> {
	const source = asObject(context.getNodeParameter('source', itemIndex, {}));
	if (!source) throw new NodeOperationError(context.getNode(), 'The Source Record is not an object', { itemIndex });
	if (source.document && typeof source.document === 'object') {
		if (source.recordType && source.recordType !== type) {
			throw new NodeOperationError(context.getNode(), `Expected a ServiceTitan ${type}, got a ${String(source.recordType)} (record ${String(source.recordId)})`, {
				itemIndex,
				description: 'Route only this kind of record to this operation, e.g. with a Switch on recordType.',
			});
		}
		return { document: source.document as unknown as CanonicalDocuments[T], mapped: (source.mapped as IDataObject) ?? {}, eventId: source.eventId as string | undefined };
	}
	return { document: toCanonical(type, source), mapped: {} };
}
