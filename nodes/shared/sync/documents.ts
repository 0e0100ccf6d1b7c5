/**
 * What the engine plans from canonical documents and what it reads back from an ERP: ERP-neutral,
 * money as decimal strings. An adapter turns a plan into its ERP's payload and an ERP record into
 * an ErpDocument.
 */

/** One dimension (BC dimension, F&O financial dimension segment, Acumatica subaccount segment…). */
export interface DimensionValue {
	code: string;
	value: string;
}

export interface PlannedLine {
	/** The ERP's G/L account (or revenue account) the line posts to. */
	account: string;
	description: string;
	/** Decimal strings; quantity × unitPrice rounded to cents equals amount. */
	quantity: string;
	unitPrice: string;
	amount: string;
}

export type SalesDocumentKind = 'invoice' | 'creditMemo';

/** A ServiceTitan invoice (positive total) or adjustment (negative total, posted as a credit memo). */
export interface SalesDocumentPlan {
	kind: SalesDocumentKind;
	/** The reference key (external document number) that finds it again. */
	key: string;
	serviceTitanId: string;
	serviceTitanNumber: string;
	customerNumber: string;
	documentDate: string;
	dueDate?: string;
	dimensions: DimensionValue[];
	/** Lines with positive amounts for a credit memo (the document type carries the sign). */
	lines: PlannedLine[];
	/** The document total as the ERP must show it (positive for a credit memo too), to the cent. */
	total: string;
	/** Credit memo: the reference key of the invoice it corrects, when ServiceTitan names one. */
	appliesToKey?: string;
}

export type ErpDocumentStatus = 'draft' | 'posted' | 'inReview' | 'canceled' | 'other';

export interface ErpDocument {
	kind: SalesDocumentKind;
	key: string;
	id: string;
	/** The ERP's document number (a draft number until posted). */
	number: string;
	status: ErpDocumentStatus;
	/** The ERP's own status text, shown to users. */
	statusText: string;
	/** Total including tax, as a decimal string. */
	total: string;
	/** Open amount of a posted document, when the ERP reports it. */
	remaining?: string;
	/** Concurrency token for a write; a document without one is never written blindly. */
	etag?: string;
}
