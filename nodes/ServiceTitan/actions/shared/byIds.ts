import type { IDataObject } from 'n8n-workflow';

import type { ServiceTitanClient, ServiceTitanModule } from '../../transport';
import type { CanonicalRecordType } from './canonical';

/** ServiceTitan's list endpoints look up at most 50 IDs per call (`ids`, "maximum 50"). */
export const MAX_IDS_PER_CALL = 50;

/** A list endpoint that takes `ids`, and the query that makes it return what a lookup by ID should. */
export interface IdLookup {
	module: ServiceTitanModule;
	path: string;
	qs?: IDataObject;
	/** The endpoint declares `ids` as an array (`ids=1&ids=2`, vendors) instead of a comma list. */
	idsAsArray?: boolean;
}

/** How each kind of accounting record and master is read by ID, inactive (voided, merged) ones included. */
export const RECORD_LOOKUPS: Record<CanonicalRecordType, IdLookup> = {
	invoice: { module: 'accounting', path: 'invoices', qs: { activeState: 'All' } },
	payment: { module: 'accounting', path: 'payments', qs: { activeState: 'All' } },
	inventoryBill: { module: 'accounting', path: 'inventory-bills/paginated' },
	customer: { module: 'crm', path: 'customers', qs: { active: 'Any' } },
	vendor: { module: 'inventory', path: 'vendors', qs: { active: 'Any' }, idsAsArray: true },
};

/** What one bulk read gave: the records found, and the failure of each ID whose call failed. */
export interface RecordsById {
	records: Map<string, IDataObject>;
	failures: Map<string, unknown>;
}

interface Page {
	data?: IDataObject[];
}

export function chunks<T>(list: T[], size: number): T[][] {
	const result: T[][] = [];
	for (let start = 0; start < list.length; start += size) result.push(list.slice(start, start + size));
	return result;
}

/**
 * Reads records by ID, up to 50 per call. An ID ServiceTitan does not return is simply absent
 * from `records`; when a call fails, every ID of that call carries its failure and the other
 * calls go on.
 */
export async function readByIds(client: ServiceTitanClient, lookup: IdLookup, ids: Iterable<string>): Promise<RecordsById> {
	const result: RecordsById = { records: new Map(), failures: new Map() };
	for (const chunk of chunks([...new Set(ids)], MAX_IDS_PER_CALL)) {
		const qs = { ...lookup.qs, ids: lookup.idsAsArray ? chunk : chunk.join(','), pageSize: MAX_IDS_PER_CALL };
		try {
			const page = await client.request<Page>('GET', lookup.module, lookup.path, { qs });
			for (const record of page.data ?? []) result.records.set(String(record.id), record);
		} catch (error) {
			for (const id of chunk) result.failures.set(id, error);
		}
	}
	return result;
}
