import type { SalesDocumentKind } from '../documents';

/** A posted (or unposted) sales document of the period with a ServiceTitan reference. */
export interface LedgerDocument {
	kind: SalesDocumentKind;
	reference: string;
	number: string;
	postingDate: string;
	posted: boolean;
	statusText: string;
	/** Signed as it moves the customer's balance: a credit memo is negative. */
	total: string;
	/** The value of the reconciled dimension, when the document has one. */
	dimensionValue?: string;
}

/** One customer-ledger entry of a ServiceTitan payment. */
export interface PaymentEntry {
	reference: string;
	documentNumber: string;
	/** The credit to the customer (positive for a payment). */
	amount: string;
	postingDate: string;
}

/** What an ERP implements so the month-end report can compare it with ServiceTitan. */
export interface ReconcileAdapter {
	readonly system: string;
	salesDocuments(periodStart: string, periodEnd: string, dimensionCode: string): Promise<LedgerDocument[]>;
	paymentEntries(periodStart: string, periodEnd: string): Promise<PaymentEntry[]>;
}
