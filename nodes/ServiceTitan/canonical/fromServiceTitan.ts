import { z } from 'zod';

import { Decimal, formatMoney, money, MoneyError } from '../../shared/money';
import { REFERENCE_PREFIX } from '../../shared/sync/keys';
import {
	ApBill,
	ApBillSchema,
	ArInvoice,
	ArInvoiceSchema,
	CanonicalDocuments,
	CanonicalError,
	CanonicalType,
	Customer,
	CustomerSchema,
	INVOICE_LINE_TYPES,
	Payment,
	PaymentSchema,
	Source,
	Vendor,
	VendorSchema,
} from '../../shared/canonical/schemas';

/**
 * ServiceTitan record → canonical document.
 *
 * Input is read leniently (unknown fields ignored, nulls accepted where the API marks a field
 * nullable, ids as numbers or numeric strings, money as strings or numbers); output is validated
 * strictly. Every failure is a CanonicalError naming the record, the field and what to fix.
 *
 * External document numbers (used for ERP idempotency, upper-cased because BC stores Code fields
 * upper-case, at most 35 characters):
 * - invoice: `ST-INV-{id}` (the id, not the editable invoice number);
 * - payment: `ST-PMT-{id}`;
 * - inventory bill: `ST-BILL-{id}`.
 */

export interface ConversionOptions {
	/** ServiceTitan tenant id, copied to `source.tenantId`. */
	tenantId?: string | number;
}

const MAX_EXTERNAL_DOCUMENT_NUMBER = 35;

const RECORD_LABELS: Readonly<Record<CanonicalType, string>> = {
	invoice: 'invoice',
	payment: 'payment',
	inventoryBill: 'inventory bill',
	customer: 'customer',
	vendor: 'vendor',
};

const FIX_HINT = 'Correct it in ServiceTitan (or in the data passed to this node) and run again.';

// ---------------------------------------------------------------------------------------------
// Lenient field readers. A reader throws FieldProblem; zod attaches the path.

class FieldProblem extends Error {}

function field<T>(convert: (value: unknown) => T) {
	return z.unknown().transform((value, ctx): T => {
		try {
			return convert(value);
		} catch (error) {
			const message = error instanceof FieldProblem ? error.message : `is invalid: ${(error as Error).message}`;
			ctx.addIssue({ code: z.ZodIssueCode.custom, message });
			return z.NEVER;
		}
	});
}

function isAbsent(value: unknown): value is null | undefined | '' {
	return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function required<T>(convert: (value: unknown) => T | undefined) {
	return field((value): T => {
		const converted = isAbsent(value) ? undefined : convert(value);
		if (converted === undefined) throw new FieldProblem('is missing');
		return converted;
	});
}

function optional<T>(convert: (value: unknown) => T | undefined) {
	return field((value): T | undefined => (isAbsent(value) ? undefined : convert(value)));
}

function toId(value: unknown): string {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return BigInt(value.trim()).toString();
	throw new FieldProblem(`is not a valid id (expected a whole number, got ${JSON.stringify(value)})`);
}

/** Optional links to other records; 0 means "none" in ServiceTitan's .NET models. */
function toLinkId(value: unknown): string | undefined {
	const id = toId(value);
	return id === '0' ? undefined : id;
}

function toText(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') throw new FieldProblem(`is not text (got ${typeof value})`);
	const text = value.trim();
	return text === '' ? undefined : text;
}

function toBool(value: unknown): boolean {
	if (typeof value !== 'boolean') throw new FieldProblem(`must be true or false (got ${JSON.stringify(value)})`);
	return value;
}

function toInteger(value: unknown): number {
	if (typeof value !== 'number' || !Number.isInteger(value)) throw new FieldProblem('is not a whole number');
	return value;
}

function decimalReader(parse: (value: unknown) => Decimal) {
	return (value: unknown): Decimal => {
		try {
			return parse(value);
		} catch (error) {
			if (error instanceof MoneyError) throw new FieldProblem(`is invalid: ${error.message}`);
			throw error;
		}
	};
}
const toMoney = decimalReader((value) => money(value as string));
const toDecimal = decimalReader((value) => Decimal.parse(value as string));

const HTML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(entity: string, body: string): string {
	if (body.startsWith('#')) {
		const codePoint = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
		return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
	}
	return HTML_ENTITIES[body.toLowerCase()] ?? entity;
}

/** ServiceTitan descriptions and summaries are HTML; ERPs want one line of plain text. */
export function htmlToText(html: string): string {
	return html
		.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
		.replace(/<br\s*\/?>|<\/(p|div|li|tr|td|h[1-6])\s*>/gi, ' ')
		.replace(/<[^>]*>/g, '')
		.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity)
		.replace(/\s+/g, ' ')
		.trim();
}

function toHtmlText(value: unknown): string | undefined {
	const text = toText(value);
	return text === undefined ? undefined : htmlToText(text) || undefined;
}

interface DateTimeValue {
	/** UTC calendar date, "YYYY-MM-DD". */
	date: string;
	/** ISO 8601 UTC. */
	timestamp: string;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** RFC 3339 date-times; a value without offset is taken as UTC, as ServiceTitan documents. */
function toDateTime(value: unknown): DateTimeValue | undefined {
	const match = typeof value === 'string' ? DATE_TIME.exec(value.trim()) : null;
	if (!match) throw new FieldProblem(`is not a date-time like "2026-05-20T17:02:11Z" (got ${JSON.stringify(value)})`);
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset = 'Z'] = match;
	// .NET's DateTime.MinValue is how some ServiceTitan endpoints say "no date".
	if (year === '0001' && month === '01' && day === '01') return undefined;
	const instant = new Date(0);
	instant.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
	instant.setUTCHours(Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0').slice(0, 3)));
	const wellFormed =
		instant.getUTCMonth() === Number(month) - 1 &&
		instant.getUTCDate() === Number(day) &&
		instant.getUTCHours() === Number(hour) &&
		instant.getUTCMinutes() === Number(minute) &&
		instant.getUTCSeconds() === Number(second);
	if (!wellFormed) throw new FieldProblem(`is not a valid calendar date-time (got ${JSON.stringify(value)})`);
	if (offset.toUpperCase() !== 'Z') {
		const digits = offset.replace(':', '');
		const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
		instant.setTime(instant.getTime() - (digits[0] === '-' ? -minutes : minutes) * 60_000);
	}
	const timestamp = instant.toISOString();
	return { date: timestamp.slice(0, 10), timestamp };
}

const RawNamed = z.object({ id: required(toId), name: optional(toText) });
const RawBatch = z.object({ id: required(toId), number: optional(toText), name: optional(toText) });
const RawGlAccount = z.object({
	id: optional(toId),
	number: optional(toText),
	name: optional(toText),
	type: optional(toText),
});
const RawAddress = z.object({
	street: optional(toText),
	unit: optional(toText),
	city: optional(toText),
	state: optional(toText),
	zip: optional(toText),
	country: optional(toText),
});

// ---------------------------------------------------------------------------------------------
// Error handling and assembly

interface RecordContext {
	recordType: CanonicalType;
	recordId: string | undefined;
}

function describeRecord(context: RecordContext): string {
	return `ServiceTitan ${RECORD_LABELS[context.recordType]} ${context.recordId ?? '(without id)'}`;
}

function fail(context: RecordContext, fieldPath: string, problem: string, hint = FIX_HINT): never {
	throw new CanonicalError(`${describeRecord(context)}: field "${fieldPath}" ${problem.replace(/\.$/, '')}. ${hint}`, {
		...context,
		field: fieldPath,
		fix: hint,
	});
}

function failAmounts(context: RecordContext, fieldPath: string, explanation: string, hint: string, details: Record<string, string>): never {
	throw new CanonicalError(`${describeRecord(context)}: amounts do not add up (field "${fieldPath}"): ${explanation}. ${hint}`, {
		...context,
		field: fieldPath,
		details,
		fix: hint,
	});
}

function formatPath(path: ReadonlyArray<string | number>): string {
	return path.reduce<string>(
		(text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
		'',
	) || '(record)';
}

function issueProblem(issue: z.ZodIssue): string {
	if (issue.code === z.ZodIssueCode.custom) return issue.message;
	if (issue.code === z.ZodIssueCode.invalid_type && (issue.received === 'undefined' || issue.received === 'null')) {
		return 'is missing';
	}
	return `is invalid: ${issue.message}`;
}

function throwZodError(context: RecordContext, error: z.ZodError, hint: string): never {
	const [first] = error.issues;
	const others = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
	fail(context, formatPath(first.path), `${issueProblem(first).replace(/\.$/, '')}${others}`, hint);
}

function readRecord<S extends z.ZodTypeAny>(
	recordType: CanonicalType,
	schema: S,
	raw: unknown,
): { value: z.output<S>; context: RecordContext } {
	const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
	const context: RecordContext = {
		recordType,
		recordId: typeof rawId === 'number' || typeof rawId === 'string' ? String(rawId) : undefined,
	};
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		fail(context, '(record)', `is not a JSON object (got ${Array.isArray(raw) ? 'an array' : typeof raw})`, 'Pass one ServiceTitan record per item.');
	}
	const result = schema.safeParse(raw);
	if (!result.success) throwZodError(context, result.error, FIX_HINT);
	return { value: result.data as z.output<S>, context: { recordType, recordId: result.data.id as string } };
}

function withoutUndefined(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutUndefined);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([, entry]) => entry !== undefined)
			.map(([key, entry]) => [key, withoutUndefined(entry)]),
	);
}

function finish<S extends z.ZodTypeAny>(schema: S, context: RecordContext, document: z.input<S>): z.output<S> {
	const result = schema.safeParse(withoutUndefined(document));
	if (!result.success) {
		throwZodError(context, result.error, 'The canonical document failed validation; please report this with the record.');
	}
	return result.data as z.output<S>;
}

function makeSource(
	context: RecordContext & { recordId: string },
	options: ConversionOptions | undefined,
	extra: { number?: string; modifiedOn?: DateTimeValue },
): { key: string; source: Source } {
	const tenantId = options?.tenantId === undefined ? undefined : String(options.tenantId).trim() || undefined;
	return {
		key: `servicetitan:${context.recordType}:${context.recordId}`,
		source: {
			system: 'servicetitan',
			type: context.recordType,
			id: context.recordId,
			number: extra.number,
			modifiedOn: extra.modifiedOn?.timestamp,
			tenantId,
		},
	};
}

function externalDocumentNumber(context: RecordContext, prefix: string, value: string, fieldPath: string): string {
	const documentNumber = `${prefix}${value}`.toUpperCase();
	if (documentNumber.length > MAX_EXTERNAL_DOCUMENT_NUMBER) {
		fail(
			context,
			fieldPath,
			`gives the external document number "${documentNumber}" (${documentNumber.length} characters), longer than the ${MAX_EXTERNAL_DOCUMENT_NUMBER} an ERP accepts`,
			`Shorten the number in ServiceTitan to at most ${MAX_EXTERNAL_DOCUMENT_NUMBER - prefix.length} characters.`,
		);
	}
	return documentNumber;
}

function requirePresent<T>(context: RecordContext, value: T | null | undefined, fieldPath: string, hint: string): T {
	if (value === undefined || value === null) fail(context, fieldPath, 'is missing', hint);
	return value;
}

function namedRef(raw: { id: string; name?: string } | null | undefined) {
	return raw ? { id: raw.id, name: raw.name } : undefined;
}

function glAccountRef(raw: z.output<typeof RawGlAccount> | null | undefined) {
	if (!raw || (raw.id === undefined && raw.number === undefined)) return undefined;
	return { id: raw.id, number: raw.number, name: raw.name, type: raw.type };
}

function address(raw: z.output<typeof RawAddress> | null | undefined) {
	return {
		street: raw?.street ?? '',
		unit: raw?.unit,
		city: raw?.city ?? '',
		state: raw?.state ?? '',
		zip: raw?.zip ?? '',
		country: raw?.country ?? '',
	};
}

function byOrder<T extends { order?: number }>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER));
}

function sum(values: readonly Decimal[]): Decimal {
	return values.reduce((total, value) => total.add(value), Decimal.ZERO);
}

// ---------------------------------------------------------------------------------------------
// Invoice

const RawInvoiceItem = z.object({
	id: required(toId),
	order: optional(toInteger),
	active: optional(toBool),
	type: z.enum(INVOICE_LINE_TYPES),
	skuId: required(toId),
	skuName: optional(toText),
	displayName: optional(toText),
	description: optional(toHtmlText),
	quantity: required(toDecimal),
	price: required(toDecimal),
	total: required(toMoney),
	taxable: required(toBool),
	generalLedgerAccount: RawGlAccount.nullish(),
	businessUnit: RawNamed.nullish(),
});

const RawInvoice = z.object({
	id: required(toId),
	referenceNumber: optional(toText),
	invoiceDate: optional(toDateTime),
	dueDate: optional(toDateTime),
	subTotal: required(toMoney),
	salesTax: optional(toMoney),
	total: required(toMoney),
	balance: optional(toMoney),
	salesTaxCode: z.object({ id: required(toId), name: optional(toText), taxRate: optional(toDecimal) }).nullish(),
	taxZoneId: optional(toLinkId),
	customer: RawNamed.nullish(),
	location: RawNamed.nullish(),
	businessUnit: RawNamed.nullish(),
	job: z.object({ id: required(toId), number: optional(toText), type: optional(toText) }).nullish(),
	batch: RawBatch.nullish(),
	termName: optional(toText),
	active: required(toBool),
	adjustmentToId: optional(toLinkId),
	summary: optional(toHtmlText),
	syncStatus: optional(toText),
	modifiedOn: optional(toDateTime),
	items: z.array(RawInvoiceItem).nullish(),
});

/**
 * Items with `active: false` (removed items in export feeds) are left out. Discounts arrive as
 * PriceModifier items with negative totals and are ordinary lines. The lines must add up to
 * subTotal, and subTotal + salesTax to total, to the cent.
 */
export function invoiceFromServiceTitan(raw: unknown, options?: ConversionOptions): ArInvoice {
	const { value: invoice, context } = readRecord('invoice', RawInvoice, raw);
	const recordId = invoice.id;
	const invoiceDate = requirePresent(context, invoice.invoiceDate, 'invoiceDate', 'Set the invoice date in ServiceTitan.');
	const customer = requirePresent(context, invoice.customer, 'customer', 'Assign a customer to the invoice in ServiceTitan.');
	const businessUnit = requirePresent(
		context,
		invoice.businessUnit,
		'businessUnit',
		'Assign a business unit to the invoice in ServiceTitan; every ERP posting needs one.',
	);

	const items = byOrder((invoice.items ?? []).filter((item) => item.active !== false));
	const tax = invoice.salesTax ?? Decimal.ZERO;
	const linesTotal = sum(items.map((item) => item.total));
	if (!linesTotal.eq(invoice.subTotal) || !invoice.subTotal.add(tax).eq(invoice.total)) {
		failAmounts(
			context,
			linesTotal.eq(invoice.subTotal) ? 'total' : 'subTotal',
			`lines sum to ${formatMoney(linesTotal)}, subTotal is ${formatMoney(invoice.subTotal)}, ` +
				`salesTax is ${formatMoney(tax)} and total is ${formatMoney(invoice.total)} ` +
				`(expected lines = subTotal and subTotal + salesTax = total)`,
			'Open the invoice in ServiceTitan, correct its items or totals, and export it again.',
			{
				linesTotal: formatMoney(linesTotal),
				subtotal: formatMoney(invoice.subTotal),
				tax: formatMoney(tax),
				total: formatMoney(invoice.total),
			},
		);
	}

	const number = invoice.referenceNumber ?? recordId;
	const document: ArInvoice = {
		...makeSource({ ...context, recordId }, options, { number: invoice.referenceNumber, modifiedOn: invoice.modifiedOn }),
		id: recordId,
		number,
		// Keyed on the ServiceTitan id: the invoice number can be edited in ServiceTitan, the id cannot.
		externalDocumentNumber: externalDocumentNumber(context, REFERENCE_PREFIX.invoice, recordId, 'id'),
		invoiceDate: invoiceDate.date,
		dueDate: invoice.dueDate?.date,
		customer: { id: customer.id, name: customer.name },
		location: namedRef(invoice.location),
		businessUnit: { id: businessUnit.id, name: businessUnit.name },
		job: invoice.job ? { id: invoice.job.id, number: invoice.job.number, type: invoice.job.type } : undefined,
		batch: invoice.batch ? { id: invoice.batch.id, number: invoice.batch.number, name: invoice.batch.name } : undefined,
		termName: invoice.termName,
		lines: items.map((item, index) => ({
			lineNumber: index + 1,
			sourceId: item.id,
			type: item.type,
			sku: { id: item.skuId, code: item.skuName, name: item.displayName },
			description: item.description ?? item.displayName ?? item.skuName ?? '',
			quantity: item.quantity.toString(),
			unitPrice: item.price.toString(),
			amount: formatMoney(item.total),
			taxable: item.taxable,
			glAccount: glAccountRef(item.generalLedgerAccount),
			businessUnit: namedRef(item.businessUnit),
		})),
		subtotal: formatMoney(invoice.subTotal),
		tax: {
			amount: formatMoney(tax),
			code: invoice.salesTaxCode ? { id: invoice.salesTaxCode.id, name: invoice.salesTaxCode.name } : undefined,
			zoneId: invoice.taxZoneId,
			rate: invoice.salesTaxCode?.taxRate?.toString(),
		},
		total: formatMoney(invoice.total),
		balance: invoice.balance === undefined ? undefined : formatMoney(invoice.balance),
		active: invoice.active,
		isAdjustment: invoice.adjustmentToId !== undefined,
		adjustmentToId: invoice.adjustmentToId,
		summary: invoice.summary,
		syncStatus: invoice.syncStatus,
	};
	return finish(ArInvoiceSchema, context, document);
}

// ---------------------------------------------------------------------------------------------
// Payment

const RawPayment = z.object({
	id: required(toId),
	referenceNumber: optional(toText),
	date: optional(toDateTime),
	type: optional(toText),
	typeId: optional(toText),
	total: required(toMoney),
	unappliedAmount: optional(toMoney),
	memo: optional(toText),
	checkNumber: optional(toText),
	customer: RawNamed.nullish(),
	businessUnit: RawNamed.nullish(),
	batch: RawBatch.nullish(),
	generalLedgerAccount: RawGlAccount.nullish(),
	appliedTo: z
		.array(
			z.object({
				appliedId: optional(toId),
				appliedTo: required(toId),
				appliedAmount: required(toMoney),
				appliedOn: optional(toDateTime),
				appliedToReferenceNumber: optional(toText),
			}),
		)
		.nullish(),
	refundedPaymentId: optional(toLinkId),
	active: required(toBool),
	syncStatus: optional(toText),
	modifiedOn: optional(toDateTime),
});

/** The applications plus the unapplied amount (missing = 0.00) must equal the payment total. */
export function paymentFromServiceTitan(raw: unknown, options?: ConversionOptions): Payment {
	const { value: payment, context } = readRecord('payment', RawPayment, raw);
	const recordId = payment.id;
	const date = requirePresent(context, payment.date, 'date', 'Set the payment date in ServiceTitan.');
	const customer = requirePresent(context, payment.customer, 'customer', 'Assign a customer to the payment in ServiceTitan.');
	const applications = payment.appliedTo ?? [];
	const unapplied = payment.unappliedAmount ?? Decimal.ZERO;
	const appliedTotal = sum(applications.map((application) => application.appliedAmount));
	if (!appliedTotal.add(unapplied).eq(payment.total)) {
		failAmounts(
			context,
			'total',
			`applications sum to ${formatMoney(appliedTotal)} and unappliedAmount is ` +
				`${formatMoney(unapplied)}, together ${formatMoney(appliedTotal.add(unapplied))}, but total is ${formatMoney(payment.total)}`,
			'Check how the payment is applied to invoices in ServiceTitan and export it again.',
			{ applied: formatMoney(appliedTotal), unapplied: formatMoney(unapplied), total: formatMoney(payment.total) },
		);
	}

	const document: Payment = {
		...makeSource({ ...context, recordId }, options, { number: payment.referenceNumber, modifiedOn: payment.modifiedOn }),
		id: recordId,
		externalDocumentNumber: externalDocumentNumber(context, REFERENCE_PREFIX.payment, recordId, 'id'),
		date: date.date,
		customer: { id: customer.id, name: customer.name },
		businessUnit: namedRef(payment.businessUnit),
		type: payment.type,
		typeId: payment.typeId,
		reference: payment.referenceNumber,
		checkNumber: payment.checkNumber,
		memo: payment.memo,
		total: formatMoney(payment.total),
		unapplied: formatMoney(unapplied),
		applications: applications.map((application) => ({
			applicationId: application.appliedId,
			invoiceId: application.appliedTo,
			invoiceNumber: application.appliedToReferenceNumber,
			amount: formatMoney(application.appliedAmount),
			appliedOn: application.appliedOn?.date,
		})),
		depositGlAccount: glAccountRef(payment.generalLedgerAccount),
		batch: payment.batch ? { id: payment.batch.id, number: payment.batch.number, name: payment.batch.name } : undefined,
		refundedPaymentId: payment.refundedPaymentId,
		active: payment.active,
		syncStatus: payment.syncStatus,
	};
	return finish(PaymentSchema, context, document);
}

// ---------------------------------------------------------------------------------------------
// Inventory bill

const RawBillItem = z.object({
	id: required(toId),
	order: optional(toInteger),
	skuId: required(toId),
	skuCode: required(toText),
	skuType: required(toText),
	name: optional(toText),
	description: optional(toHtmlText),
	quantity: required(toDecimal),
	cost: required(toDecimal),
	generalLedgerAccount: RawGlAccount.nullish(),
});

const RawInventoryBill = z.object({
	id: required(toId),
	referenceNumber: optional(toText),
	vendorNumber: optional(toText),
	billDate: optional(toDateTime),
	dueDate: optional(toDateTime),
	billAmount: required(toMoney),
	taxAmount: optional(toMoney),
	shippingAmount: optional(toMoney),
	otherAmount: optional(toMoney),
	vendor: RawNamed.nullish(),
	businessUnit: RawNamed.nullish(),
	purchaseOrderId: optional(toLinkId),
	jobId: optional(toLinkId),
	jobNumber: optional(toText),
	batch: RawBatch.nullish(),
	termName: optional(toText),
	summary: optional(toHtmlText),
	syncStatus: optional(toText),
	active: optional(toBool),
	modifiedOn: optional(toDateTime),
	items: z.array(RawBillItem).nullish(),
});

/**
 * Line amount = quantity × cost (the unit cost before landed-cost allocations), rounded half-up
 * to cents. The item fields allocatedTax / allocatedShipping / allocatedOtherCosts and
 * fullyLandedUnitCost spread the header taxAmount / shippingAmount / otherAmount over the lines,
 * so they are ignored: adding them would count those amounts twice. The bill must satisfy
 * sum(line amounts) + taxAmount + shippingAmount + otherAmount = billAmount (missing amounts = 0.00).
 * `active` only exists on the export feed; when absent the bill is active.
 */
export function inventoryBillFromServiceTitan(raw: unknown, options?: ConversionOptions): ApBill {
	const { value: bill, context } = readRecord('inventoryBill', RawInventoryBill, raw);
	const recordId = bill.id;
	const billDate = requirePresent(context, bill.billDate, 'billDate', 'Set the bill date in ServiceTitan.');
	const vendor = requirePresent(context, bill.vendor, 'vendor', 'Assign a vendor to the bill in ServiceTitan.');
	const items = byOrder(bill.items ?? []).map((item) => ({ ...item, amount: item.quantity.mul(item.cost).round(2) }));
	const tax = bill.taxAmount ?? Decimal.ZERO;
	const shipping = bill.shippingAmount ?? Decimal.ZERO;
	const other = bill.otherAmount ?? Decimal.ZERO;
	const linesTotal = sum(items.map((item) => item.amount));
	const computedTotal = linesTotal.add(tax).add(shipping).add(other);
	if (!computedTotal.eq(bill.billAmount)) {
		failAmounts(
			context,
			'billAmount',
			`lines (quantity × cost) ${formatMoney(linesTotal)} + tax ${formatMoney(tax)} + ` +
				`shipping ${formatMoney(shipping)} + other ${formatMoney(other)} = ${formatMoney(computedTotal)}, ` +
				`but billAmount is ${formatMoney(bill.billAmount)} (difference ${formatMoney(bill.billAmount.sub(computedTotal))})`,
			'Correct the bill items or amounts in ServiceTitan and export it again.',
			{
				linesTotal: formatMoney(linesTotal),
				tax: formatMoney(tax),
				shipping: formatMoney(shipping),
				other: formatMoney(other),
				total: formatMoney(bill.billAmount),
				difference: formatMoney(bill.billAmount.sub(computedTotal)),
			},
		);
	}

	const document: ApBill = {
		...makeSource({ ...context, recordId }, options, { number: bill.referenceNumber, modifiedOn: bill.modifiedOn }),
		id: recordId,
		number: bill.referenceNumber,
		externalDocumentNumber: externalDocumentNumber(context, REFERENCE_PREFIX.inventoryBill, recordId, 'id'),
		vendorInvoiceNumber: bill.vendorNumber,
		billDate: billDate.date,
		dueDate: bill.dueDate?.date,
		vendor: { id: vendor.id, name: vendor.name },
		businessUnit: namedRef(bill.businessUnit),
		purchaseOrderId: bill.purchaseOrderId,
		jobId: bill.jobId,
		jobNumber: bill.jobNumber,
		batch: bill.batch ? { id: bill.batch.id, number: bill.batch.number, name: bill.batch.name } : undefined,
		termName: bill.termName,
		lines: items.map((item, index) => ({
			lineNumber: index + 1,
			sourceId: item.id,
			sku: { id: item.skuId, code: item.skuCode, type: item.skuType },
			description: item.description ?? item.name ?? item.skuCode,
			quantity: item.quantity.toString(),
			unitCost: item.cost.toString(),
			amount: formatMoney(item.amount),
			glAccount: glAccountRef(item.generalLedgerAccount),
		})),
		tax: formatMoney(tax),
		shipping: formatMoney(shipping),
		other: formatMoney(other),
		total: formatMoney(bill.billAmount),
		active: bill.active ?? true,
		summary: bill.summary,
		syncStatus: bill.syncStatus,
	};
	return finish(ApBillSchema, context, document);
}

// ---------------------------------------------------------------------------------------------
// Customer and vendor

const RawCustomer = z.object({
	id: required(toId),
	name: required(toText),
	type: z.enum(['Residential', 'Commercial']),
	active: required(toBool),
	address: RawAddress.nullish(),
	taxExempt: required(toBool),
	balance: optional(toDecimal),
	modifiedOn: required(toDateTime),
	contacts: z.array(z.object({ type: optional(toText), value: optional(toText) })).nullish(),
});

/**
 * CRM balances are JSON numbers; they are rounded half-up to cents (the balance is informational,
 * never posted). Email and phone come from `contacts` when the record carries them.
 */
export function customerFromServiceTitan(raw: unknown, options?: ConversionOptions): Customer {
	const { value: customer, context } = readRecord('customer', RawCustomer, raw);
	const contacts = customer.contacts ?? [];
	const contactOf = (types: readonly string[]) =>
		contacts.find((contact) => contact.value !== undefined && types.includes(contact.type ?? ''))?.value;
	const document: Customer = {
		...makeSource({ ...context, recordId: customer.id }, options, { modifiedOn: customer.modifiedOn }),
		id: customer.id,
		name: customer.name,
		type: customer.type,
		active: customer.active,
		address: address(customer.address),
		email: contactOf(['Email']),
		phone: contactOf(['Phone', 'MobilePhone']),
		taxExempt: customer.taxExempt,
		balance: customer.balance === undefined ? undefined : customer.balance.toFixed(2),
		modifiedOn: customer.modifiedOn.timestamp,
	};
	return finish(CustomerSchema, context, document);
}

const RawVendor = z.object({
	id: required(toId),
	name: required(toText),
	active: required(toBool),
	address: RawAddress.nullish(),
	contactInfo: z.object({ email: optional(toText), phone: optional(toText) }).nullish(),
	defaultTaxRate: optional(toDecimal),
	modifiedOn: required(toDateTime),
});

export function vendorFromServiceTitan(raw: unknown, options?: ConversionOptions): Vendor {
	const { value: vendor, context } = readRecord('vendor', RawVendor, raw);
	const document: Vendor = {
		...makeSource({ ...context, recordId: vendor.id }, options, { modifiedOn: vendor.modifiedOn }),
		id: vendor.id,
		name: vendor.name,
		active: vendor.active,
		address: address(vendor.address),
		email: vendor.contactInfo?.email,
		phone: vendor.contactInfo?.phone,
		defaultTaxRate: vendor.defaultTaxRate?.toString(),
		modifiedOn: vendor.modifiedOn.timestamp,
	};
	return finish(VendorSchema, context, document);
}

// ---------------------------------------------------------------------------------------------

type Converter<T extends CanonicalType> = (raw: unknown, options?: ConversionOptions) => CanonicalDocuments[T];

const CONVERTERS: { readonly [T in CanonicalType]: Converter<T> } = {
	invoice: invoiceFromServiceTitan,
	payment: paymentFromServiceTitan,
	inventoryBill: inventoryBillFromServiceTitan,
	customer: customerFromServiceTitan,
	vendor: vendorFromServiceTitan,
};

export function toCanonical<T extends CanonicalType>(
	type: T,
	raw: unknown,
	options?: ConversionOptions,
): CanonicalDocuments[T] {
	if (!Object.prototype.hasOwnProperty.call(CONVERTERS, type)) {
		// The record type itself is wrong, so there is no valid recordType to report.
		throw new CanonicalError(
			`Unknown record type "${String(type)}". Use one of: ${Object.keys(CONVERTERS).join(', ')}.`,
			{ recordType: type, field: '(type)' },
		);
	}
	const converter = CONVERTERS[type] as Converter<T>;
	return converter(raw, options);
}
