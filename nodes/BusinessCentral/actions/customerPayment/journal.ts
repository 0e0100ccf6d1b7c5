import type { IExecuteFunctions } from 'n8n-workflow';

import type { BusinessCentralClient } from '../../transport';
import { byId, findRecordId, PAYMENT_JOURNALS, readLocator } from '../shared/records';

export const JOURNAL_PARAMETER = 'paymentJournal';

/** Journal IDs by code, per execution: a run that creates many payments looks its journal up once. */
const idsByCode = new WeakMap<BusinessCentralClient, Map<string, Promise<string>>>();

export async function paymentJournalId(context: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number): Promise<string> {
	const locator = readLocator(context, itemIndex, JOURNAL_PARAMETER, PAYMENT_JOURNALS);
	if (byId(locator)) return await findRecordId(context, client, itemIndex, JOURNAL_PARAMETER, PAYMENT_JOURNALS);
	let cache = idsByCode.get(client);
	if (!cache) idsByCode.set(client, (cache = new Map()));
	const key = locator.value.toUpperCase();
	let id = cache.get(key);
	if (!id) {
		id = findRecordId(context, client, itemIndex, JOURNAL_PARAMETER, PAYMENT_JOURNALS);
		cache.set(key, id);
		id.catch(() => cache.delete(key));
	}
	return await id;
}

export async function paymentsPath(context: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number): Promise<string> {
	return await client.companyPath(`customerPaymentJournals(${await paymentJournalId(context, client, itemIndex)})/customerPayments`);
}
