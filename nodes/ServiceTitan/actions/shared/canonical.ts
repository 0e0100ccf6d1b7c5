import type { IDataObject } from 'n8n-workflow';

import { toCanonical } from '../../canonical/fromServiceTitan';

export type CanonicalRecordType = 'invoice' | 'payment' | 'inventoryBill' | 'customer' | 'vendor';

/** Adds `canonical` (or, when the record fails the checks, `canonicalError`) to a ServiceTitan record. */
export function withCanonical(type: CanonicalRecordType, record: IDataObject): IDataObject {
	try {
		return { ...record, canonical: toCanonical(type, record) as unknown as IDataObject };
	} catch (error) {
		return { ...record, canonical: null, canonicalError: (error as Error).message };
	}
}
