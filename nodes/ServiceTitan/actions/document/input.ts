import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readPath } from '../../../shared/mappingParameters';
import type { CanonicalRecordType } from '../shared/canonical';
import { recordTypeFromEvent, recordTypeFromShape } from './detect';

/** Which records Normalize reads again from ServiceTitan before converting them. */
export type RefetchScope = 'notifications' | 'all' | 'none';

/** The ServiceTitan record an input item holds, and whether it must be read again by ID. */
export interface InputRecord {
	itemIndex: number;
	item: IDataObject;
	type: CanonicalRecordType;
	id: string;
	/** As the item carries it; replaced by the current version when `read` is set. */
	record: IDataObject;
	read: boolean;
}

/**
 * An event from the Export Feed operation or the Poll Trigger: its `data` is the record as the
 * API returned it (their event ids start with `export:`, see trigger/pollEvent.ts).
 */
function fromExportFeed(item: IDataObject): boolean {
	return typeof item.eventId === 'string' && item.eventId.startsWith('export:');
}

/**
 * A webhook delivery only says that something changed (ServiceTitan does not document what its
 * payload holds), and an item without the fields of its kind of record is little more than an
 * ID: both are read again. A record as the API returned it (export feed, Get, Get Many) is not.
 */
function isNotification(item: IDataObject, record: IDataObject, type: CanonicalRecordType): boolean {
	if (typeof item.eventType === 'string' && !fromExportFeed(item)) return true;
	return recordTypeFromShape(record) !== type;
}

function refetchScope(context: IExecuteFunctions, itemIndex: number): RefetchScope {
	if (!(context.getNodeParameter('refetch', itemIndex, true) as boolean)) return 'none';
	return context.getNodeParameter('refetchScope', itemIndex, 'notifications') as RefetchScope;
}

/** Reads one input item: its record, its kind and ID; an item Normalize cannot use is its own error. */
export function readInputRecord(context: IExecuteFunctions, itemIndex: number): InputRecord {
	const item = context.getInputData()[itemIndex].json;
	const field = (context.getNodeParameter('recordField', itemIndex, '') as string).trim();
	const fromTrigger = !field && typeof item.eventType === 'string' && item.data !== null && typeof item.data === 'object';
	const record = (field ? readPath(item, field) : fromTrigger ? item.data : item) as IDataObject | undefined;
	if (!record || typeof record !== 'object') {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex} has no ServiceTitan record at "${field || '(the item)'}"`, { itemIndex });
	}

	const chosen = context.getNodeParameter('recordType', itemIndex, 'auto') as string;
	const type: CanonicalRecordType | undefined =
		chosen !== 'auto' ? (chosen as CanonicalRecordType) : (recordTypeFromEvent(item.eventType) ?? recordTypeFromShape(record));
	if (!type) {
		throw new NodeOperationError(context.getNode(), `Cannot tell what kind of ServiceTitan record item ${itemIndex} holds`, {
			itemIndex,
			description: 'Set "Record Type" explicitly.',
		});
	}

	const id = String(record.id ?? item.recordId ?? '');
	const scope = refetchScope(context, itemIndex);
	const read = scope === 'all' || (scope === 'notifications' && isNotification(item, record, type));
	if (read && !/^\d+$/.test(id)) {
		throw new NodeOperationError(context.getNode(), `The ${type} in item ${itemIndex} has no numeric ID`, {
			itemIndex,
			description: 'It must be read from ServiceTitan by its ID: pass the record (or the trigger event) with its numeric "id".',
		});
	}
	return { itemIndex, item, type, id, record, read };
}
