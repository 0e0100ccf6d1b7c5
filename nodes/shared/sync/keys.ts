/**
 * Every reference ml-connector writes into an ERP, in one place: it is what finds a document again
 * on the next run, so a key, once used, never changes. Keys are built from ServiceTitan's immutable
 * ids (never editable numbers) and upper-cased, because ERPs store these fields as upper-case codes.
 */

/** The longest external document number the ERPs accept (Business Central: Code[35]). */
export const MAX_REFERENCE_LENGTH = 35;
/** The longest journal document number (Business Central "Document No.": Code[20]). */
export const MAX_DOCUMENT_NUMBER_LENGTH = 20;

export const REFERENCE_PREFIX = {
	invoice: 'ST-INV-',
	payment: 'ST-PMT-',
	inventoryBill: 'ST-BILL-',
} as const;

/** How ERP parties are numbered unless a mapping says otherwise. */
export const DEFAULT_PARTY_NUMBER_RULE = 'ST-{id}';

const upper = (value: string | number) => String(value).trim().toUpperCase();

export const referenceKey = {
	invoice: (serviceTitanId: string | number) => `${REFERENCE_PREFIX.invoice}${upper(serviceTitanId)}`,
	payment: (serviceTitanId: string | number) => `${REFERENCE_PREFIX.payment}${upper(serviceTitanId)}`,
	inventoryBill: (serviceTitanId: string | number) => `${REFERENCE_PREFIX.inventoryBill}${upper(serviceTitanId)}`,
	/** One application of a payment to one invoice, by ServiceTitan's application id (stable when others change). */
	application: (applicationId: string | number) => `STA${upper(applicationId)}`,
	/** An application ServiceTitan gave no id: by payment and position. */
	applicationAt: (paymentId: string | number, position: number) => `STP${upper(paymentId)}-${position}`,
	/** The part of a payment not applied to any invoice, credited on account. */
	unapplied: (paymentId: string | number) => `STP${upper(paymentId)}-U`,
	/** A correcting entry for a payment line, the n-th for that line. */
	correction: (lineKey: string, sequence: number) => `${lineKey}-C${sequence}`,
};

/** Whether an ERP document's external reference was written by ml-connector. */
export function isServiceTitanReference(reference: unknown): boolean {
	return typeof reference === 'string' && reference.toUpperCase().startsWith('ST-');
}
