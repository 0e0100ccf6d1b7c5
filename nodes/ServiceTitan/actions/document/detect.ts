import type { IDataObject } from 'n8n-workflow';

import type { CanonicalRecordType } from '../shared/canonical';

const EVENT_PREFIXES: Record<string, CanonicalRecordType> = {
	invoice: 'invoice',
	payment: 'payment',
	inventorybill: 'inventoryBill',
	'inventory-bill': 'inventoryBill',
	bill: 'inventoryBill',
	customer: 'customer',
	vendor: 'vendor',
};

export function recordTypeFromEvent(eventType: unknown): CanonicalRecordType | undefined {
	if (typeof eventType !== 'string') return undefined;
	const prefix = eventType.split(/[.:]/)[0].replace(/_/g, '').toLowerCase();
	return EVENT_PREFIXES[prefix];
}

/** Recognises a ServiceTitan record by fields only that kind of record has. */
export function recordTypeFromShape(record: IDataObject): CanonicalRecordType | undefined {
	if ('invoiceConfiguration' in record || ('items' in record && 'salesTax' in record)) return 'invoice';
	if ('appliedTo' in record || 'unappliedAmount' in record) return 'payment';
	if ('landedCostMethod' in record || 'purchaseOrderId' in record || 'billAmount' in record) return 'inventoryBill';
	if ('isTruckReplenishment' in record || 'deliveryOption' in record) return 'vendor';
	if ('doNotMail' in record || 'doNotService' in record || 'nationalAccount' in record) return 'customer';
	return undefined;
}
