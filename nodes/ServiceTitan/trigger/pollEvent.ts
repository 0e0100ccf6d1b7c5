import type { IDataObject } from 'n8n-workflow';

/**
 * The envelope the webhook trigger emits, built for a record read from an export feed. The event
 * id names the record version, so the same change read twice is deduplicated downstream.
 */
export function exportFeedEvent(recordType: string, record: IDataObject): IDataObject {
	const id = String(record.id ?? '');
	return {
		eventId: `export:${recordType}:${id}:${String(record.modifiedOn ?? record.createdOn ?? '')}`,
		eventType: `${recordType}.changed`,
		recordType,
		recordId: id,
		tenantId: null,
		data: record,
	};
}
