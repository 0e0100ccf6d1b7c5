import type { IDataObject } from 'n8n-workflow';

/** Statuses of a posted sales invoice; Draft and In Review are not posted, Canceled is reversed. */
const POSTED = new Set(['Open', 'Paid', 'Corrective']);

export function isPostedInvoice(record: IDataObject): boolean {
	return POSTED.has(String(record.status));
}
