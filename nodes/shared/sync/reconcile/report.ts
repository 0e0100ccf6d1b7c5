import type { IDataObject } from 'n8n-workflow';

import type { ArInvoice, Payment } from '../../canonical';
import { Decimal } from '../../money';
import type { LedgerDocument, PaymentEntry } from './adapter';

export interface ServiceTitanSide {
	invoices: Array<{ invoice: ArInvoice; dimensionValue: string }>;
	payments: Array<{ payment: Payment; dimensionValue: string }>;
	/** Items that could not be read, with what is known of them: a reference, a total and a dimension when the raw record has them. */
	unreadable: UnreadableItem[];
}

export interface UnreadableItem extends IDataObject {
	item: number;
	reason: string;
	externalDocumentNumber?: string;
	total?: string;
	dimensionValue?: string;
}

interface Bucket {
	dimensionValue: string;
	serviceTitanBusinessUnits: Set<string>;
	serviceTitan: Decimal;
	serviceTitanCount: number;
	erp: Decimal;
	erpCount: number;
	missing: Decimal;
}

function bucketIn(buckets: Map<string, Bucket>, dimensionValue: string): Bucket {
	let entry = buckets.get(dimensionValue);
	if (!entry) {
		entry = { dimensionValue, serviceTitanBusinessUnits: new Set(), serviceTitan: Decimal.ZERO, serviceTitanCount: 0, erp: Decimal.ZERO, erpCount: 0, missing: Decimal.ZERO };
		buckets.set(dimensionValue, entry);
	}
	return entry;
}

const sum = <T>(list: T[], pick: (entry: T) => Decimal) => list.reduce((total, entry) => total.add(pick(entry)), Decimal.ZERO);

function rows(buckets: Map<string, Bucket>, erpLabel: string): IDataObject[] {
	return [...buckets.values()]
		.sort((a, b) => a.dimensionValue.localeCompare(b.dimensionValue))
		.map((entry) => ({
			dimensionValue: entry.dimensionValue,
			serviceTitanBusinessUnits: [...entry.serviceTitanBusinessUnits].sort(),
			serviceTitanCount: entry.serviceTitanCount,
			serviceTitanTotal: entry.serviceTitan.toFixed(2),
			[`${erpLabel}Count`]: entry.erpCount,
			[`${erpLabel}Total`]: entry.erp.toFixed(2),
			difference: entry.serviceTitan.sub(entry.erp).toFixed(2),
			[`missingIn${erpLabel[0].toUpperCase()}${erpLabel.slice(1)}Total`]: entry.missing.toFixed(2),
			// What the missing documents do not explain: anything but 0.00 needs a look.
			unexplainedDifference: entry.serviceTitan.sub(entry.erp).sub(entry.missing).toFixed(2),
		}));
}

/**
 * The month-end report: ServiceTitan's invoices (credit memos for adjustments) and payments of a
 * period against the ERP's, per dimension value to the cent, with every document missing on
 * either side listed, so every difference is explained by a document someone can act on.
 */
export function reconciliationReport(period: { start: string; end: string }, dimensionCode: string, erpLabel: string, serviceTitan: ServiceTitanSide, documents: LedgerDocument[], entries: PaymentEntry[]): IDataObject {
	const missingKey = `missingIn${erpLabel[0].toUpperCase()}${erpLabel.slice(1)}`;
	// Invoices and adjustments.
	const buckets = new Map<string, Bucket>();
	const byReference = new Map<string, { invoice: ArInvoice; bucket: Bucket }>();
	for (const { invoice, dimensionValue } of serviceTitan.invoices) {
		if (byReference.has(invoice.externalDocumentNumber)) continue; // two versions from a feed count once
		const bucket = bucketIn(buckets, dimensionValue);
		byReference.set(invoice.externalDocumentNumber, { invoice, bucket });
		bucket.serviceTitanBusinessUnits.add(`${invoice.businessUnit.id}${invoice.businessUnit.name ? ` ${invoice.businessUnit.name}` : ''}`);
		bucket.serviceTitan = bucket.serviceTitan.add(invoice.total);
		bucket.serviceTitanCount++;
	}
	// An invoice that cannot be read (edited so its lines no longer add up) still counts with its total.
	const unreadable = new Map<string, { item: UnreadableItem; bucket: Bucket }>();
	for (const item of serviceTitan.unreadable) {
		if (!item.externalDocumentNumber || item.total === undefined || byReference.has(item.externalDocumentNumber)) continue;
		const bucket = bucketIn(buckets, item.dimensionValue ?? '(unmapped business unit)');
		bucket.serviceTitan = bucket.serviceTitan.add(item.total);
		bucket.serviceTitanCount++;
		unreadable.set(item.externalDocumentNumber, { item, bucket });
	}
	const posted = new Set<string>();
	const unknown: IDataObject[] = [];
	const notPosted: IDataObject[] = [];
	for (const document of documents) {
		if (!document.posted) {
			notPosted.push({ kind: document.kind, number: document.number, externalDocumentNumber: document.reference, status: document.statusText, total: document.total });
			continue;
		}
		posted.add(document.reference);
		if (!byReference.has(document.reference) && !unreadable.has(document.reference)) {
			unknown.push({ kind: document.kind, number: document.number, externalDocumentNumber: document.reference, postingDate: document.postingDate, total: document.total });
		}
		const bucket = bucketIn(buckets, document.dimensionValue ?? `(no ${dimensionCode})`);
		bucket.erp = bucket.erp.add(document.total);
		bucket.erpCount++;
	}
	// A $0 invoice without lines has nothing to post; it is not "missing" from the ledger.
	const missing: IDataObject[] = [...byReference.values()]
		.filter(({ invoice }) => !posted.has(invoice.externalDocumentNumber) && !Decimal.parse(invoice.total).isZero())
		.map(({ invoice, bucket }) => {
			bucket.missing = bucket.missing.add(invoice.total);
			return { serviceTitanInvoiceId: invoice.id, number: invoice.number, externalDocumentNumber: invoice.externalDocumentNumber, invoiceDate: invoice.invoiceDate, businessUnit: invoice.businessUnit.id, total: invoice.total };
		});
	for (const [reference, { item, bucket }] of unreadable) {
		if (posted.has(reference) || Decimal.parse(item.total!).isZero()) continue;
		bucket.missing = bucket.missing.add(item.total!);
		missing.push({ serviceTitanInvoiceId: String(item.recordId ?? ''), number: String(item.number ?? ''), externalDocumentNumber: reference, invoiceDate: String(item.invoiceDate ?? ''), businessUnit: String(item.businessUnit ?? ''), total: item.total!, unreadable: true });
	}
	const byBusinessUnit = rows(buckets, erpLabel);

	// Payments: each ServiceTitan payment against what the customer ledger credits for it.
	const credited = new Map<string, Decimal>();
	for (const entry of entries) credited.set(entry.reference, (credited.get(entry.reference) ?? Decimal.ZERO).add(entry.amount));
	const payments = new Map<string, { payment: Payment; dimensionValue: string }>();
	for (const item of serviceTitan.payments) if (!payments.has(item.payment.externalDocumentNumber)) payments.set(item.payment.externalDocumentNumber, item);
	const paymentBuckets = new Map<string, Bucket>();
	const paymentDifferences: IDataObject[] = [];
	for (const { payment, dimensionValue } of payments.values()) {
		const bucket = bucketIn(paymentBuckets, dimensionValue);
		const expected = payment.active ? Decimal.parse(payment.total) : Decimal.ZERO;
		const inErp = credited.get(payment.externalDocumentNumber) ?? Decimal.ZERO;
		bucket.serviceTitan = bucket.serviceTitan.add(expected);
		bucket.serviceTitanCount++;
		bucket.erp = bucket.erp.add(inErp);
		if (!inErp.isZero()) bucket.erpCount++;
		if (!expected.eq(inErp)) {
			bucket.missing = bucket.missing.add(expected.sub(inErp));
			paymentDifferences.push({ serviceTitanPaymentId: payment.id, externalDocumentNumber: payment.externalDocumentNumber, date: payment.date, active: payment.active, serviceTitanTotal: expected.toFixed(2), [`${erpLabel}Credited`]: inErp.toFixed(2), difference: expected.sub(inErp).toFixed(2) });
		}
	}
	const unknownPayments = [...credited.entries()]
		.filter(([reference]) => !payments.has(reference))
		.map(([reference, amount]) => {
			bucketIn(paymentBuckets, '(unknown to ServiceTitan)').erp = bucketIn(paymentBuckets, '(unknown to ServiceTitan)').erp.add(amount);
			return { externalDocumentNumber: reference, [`${erpLabel}Credited`]: amount.toFixed(2) };
		});
	const paymentRows = rows(paymentBuckets, erpLabel);

	const allBuckets = [...buckets.values()];
	return {
		periodStart: period.start,
		periodEnd: period.end,
		dimensionCode,
		balanced:
			missing.length === 0 && unknown.length === 0 && byBusinessUnit.every((entry) => entry.difference === '0.00') && paymentDifferences.length === 0 && unknownPayments.length === 0,
		explained: byBusinessUnit.every((entry) => entry.unexplainedDifference === '0.00') && paymentRows.every((entry) => entry.unexplainedDifference === '0.00'),
		totals: {
			serviceTitan: sum(allBuckets, (entry) => entry.serviceTitan).toFixed(2),
			[erpLabel]: sum(allBuckets, (entry) => entry.erp).toFixed(2),
			difference: sum(allBuckets, (entry) => entry.serviceTitan.sub(entry.erp)).toFixed(2),
		},
		byBusinessUnit,
		[missingKey]: missing,
		unknownToServiceTitan: unknown,
		[`notPostedIn${erpLabel[0].toUpperCase()}${erpLabel.slice(1)}`]: notPosted,
		payments: {
			byBusinessUnit: paymentRows,
			differences: paymentDifferences,
			unknownToServiceTitan: unknownPayments,
		},
		unreadableItems: serviceTitan.unreadable,
	};
}
