import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ODataCollection } from '../../../shared';
import type { ArInvoice } from '../../../shared/canonical';
import { eqFilter } from '../../../shared/odata';
import type { BusinessCentralClient } from '../../transport';
import { hold } from './hold';
import { readFailedPost } from './postingOutcome';

/** Statuses of a posted sales invoice; Draft and In Review are not posted, Canceled is reversed. */
const POSTED = new Set(['Open', 'Paid', 'Corrective']);

export function isPostedInvoice(record: IDataObject): boolean {
	return POSTED.has(String(record.status));
}

/** Every sales invoice (draft or posted) with this external document number. */
export async function invoicesWith(client: BusinessCentralClient, path: string, externalDocumentNumber: string): Promise<IDataObject[]> {
	const response = await client.request<ODataCollection<IDataObject>>('GET', path, { qs: { $filter: eqFilter('externalDocumentNumber', externalDocumentNumber) } });
	return response.value ?? [];
}

/**
 * After a failed post: BC may have posted before its answer was lost, so look it up by external
 * document number. Returns the posted invoice, or throws the hold that says what really happened.
 */
export async function postedDespite(
	context: IExecuteFunctions,
	client: BusinessCentralClient,
	itemIndex: number,
	invoice: ArInvoice,
	invoicesPath: string,
	draftNumber: string,
	error: unknown,
): Promise<IDataObject> {
	const failed = readFailedPost(error);
	let found: IDataObject[] | undefined;
	try {
		found = await invoicesWith(client, invoicesPath, invoice.externalDocumentNumber);
	} catch {
		found = undefined;
	}
	const posted = found?.find(isPostedInvoice);
	if (posted) return posted;
	if (found && failed.refused) {
		throw hold(context, itemIndex, invoice, 'posting-refused', `Business Central refused to post draft ${draftNumber}: ${failed.message}`, 'Fix the cause (posting date range, blocked customer, dimension value) and run again: the draft is replaced and posted, never a second invoice.');
	}
	if (found) {
		throw hold(context, itemIndex, invoice, 'posting-unconfirmed', `Business Central did not confirm posting draft ${draftNumber} (${failed.answer}) and it is still a draft`, 'Run again: the draft is replaced and posted, never a second invoice.');
	}
	throw hold(
		context,
		itemIndex,
		invoice,
		'posting-unconfirmed',
		`the answer to posting draft ${draftNumber} was lost (${failed.answer}) and Business Central could not be asked whether it posted`,
		`Run again: the next run finds it by external document number ${invoice.externalDocumentNumber} — posted, it is returned as it is; still a draft, it is replaced and posted, never a second invoice.`,
	);
}
