import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isGuid } from '../../../shared/odata';
import type { BusinessCentralClient } from '../../transport';

/** An entity set and the field its "By Number"/"By Code" mode searches. */
export interface EntityRef {
	set: string;
	noun: string;
	keyField: 'number' | 'code';
}

export const CUSTOMERS: EntityRef = { set: 'customers', noun: 'customer', keyField: 'number' };
export const VENDORS: EntityRef = { set: 'vendors', noun: 'vendor', keyField: 'number' };
export const ITEMS: EntityRef = { set: 'items', noun: 'item', keyField: 'number' };
export const SALES_INVOICES: EntityRef = { set: 'salesInvoices', noun: 'sales invoice', keyField: 'number' };
export const PAYMENT_JOURNALS: EntityRef = { set: 'customerPaymentJournals', noun: 'customer payment journal', keyField: 'code' };

export interface Locator {
	mode: string;
	value: string;
}

/**
 * Reads a resource locator. A plain string (an expression or an AI tool filling the field)
 * counts as an ID when it is a GUID and as a number/code otherwise.
 */
export function readLocator(context: IExecuteFunctions, itemIndex: number, name: string, entity: EntityRef): Locator {
	const raw = context.getNodeParameter(name, itemIndex) as unknown;
	let locator: Locator;
	if (raw !== null && typeof raw === 'object' && 'value' in raw) {
		const { mode, value } = raw as { mode?: string; value?: unknown };
		locator = { mode: mode ?? 'id', value: String(value ?? '').trim() };
	} else {
		const value = String(raw ?? '').trim();
		locator = { mode: isGuid(value) ? 'id' : entity.keyField, value };
	}
	if (!locator.value) {
		throw new NodeOperationError(context.getNode(), `Choose the ${entity.noun}: the ${entity.noun} field is empty`, { itemIndex });
	}
	return locator;
}

export function byId(locator: Locator): boolean {
	return locator.mode === 'id' || locator.mode === 'list';
}

/** The locator's value, which must be a GUID (ID and list modes). */
export function requireGuid(context: IExecuteFunctions, itemIndex: number, locator: Locator, entity: EntityRef): string {
	if (!isGuid(locator.value)) {
		throw new NodeOperationError(context.getNode(), `"${locator.value}" is not a ${entity.noun} ID`, {
			itemIndex,
			description: `Business Central IDs are GUIDs such as 6f0b3e5c-1c2d-4e5f-8a9b-0c1d2e3f4a5b. To use the ${entity.noun} ${entity.keyField}, pick "By ${entity.keyField === 'code' ? 'Code' : 'Number'}".`,
		});
	}
	return locator.value;
}

/** Fetches the record a locator points to (by ID, or the first with that number/code). */
export async function findRecord(
	context: IExecuteFunctions,
	client: BusinessCentralClient,
	itemIndex: number,
	name: string,
	entity: EntityRef,
	expand?: string,
): Promise<IDataObject> {
	const locator = readLocator(context, itemIndex, name, entity);
	const path = await client.companyPath(entity.set);
	if (byId(locator)) {
		const id = requireGuid(context, itemIndex, locator, entity);
		return await client.request<IDataObject>('GET', `${path}(${id})`, { qs: expand ? { $expand: expand } : undefined });
	}
	const record = await client.findBy<IDataObject>(path, entity.keyField, locator.value, expand);
	if (!record) {
		throw new NodeOperationError(context.getNode(), `Business Central has no ${entity.noun} with ${entity.keyField} "${locator.value}"`, { itemIndex });
	}
	return record;
}

/** The ID a locator points to; looks the record up only when it was given by number/code. */
export async function findRecordId(context: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number, name: string, entity: EntityRef): Promise<string> {
	const locator = readLocator(context, itemIndex, name, entity);
	if (byId(locator)) return requireGuid(context, itemIndex, locator, entity);
	return String((await findRecord(context, client, itemIndex, name, entity)).id);
}

/** "customer C00010" for messages. */
export function describeRecord(entity: EntityRef, record: IDataObject): string {
	const key = record[entity.keyField];
	return `${entity.noun} ${key !== undefined && key !== '' ? String(key) : String(record.id)}`;
}

/**
 * The record's `@odata.etag`, which every BC entity carries. No ETag, no write: `If-Match: *`
 * would turn BC's check off and overwrite (or delete) whatever changed since the record was read.
 */
export function etagOf(record: IDataObject, label = `record ${String(record.id)}`): string {
	const etag = record['@odata.etag'];
	if (typeof etag !== 'string' || !etag) {
		throw new Error(
			`Business Central returned ${label} without an @odata.etag, so it was not changed: a write without one could overwrite someone else's change. Run again; if BC still sends no ETag, check the API version.`,
		);
	}
	return etag;
}
