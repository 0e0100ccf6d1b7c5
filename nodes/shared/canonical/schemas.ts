import { z } from 'zod';

import { Decimal, money } from '../money';

/**
 * Canonical documents: what every ERP mapper reads. They are produced from ServiceTitan records by
 * fromServiceTitan.ts and validated strictly here (unknown keys are rejected).
 *
 * Conventions:
 * - ids are strings (ServiceTitan int64 ids in decimal form);
 * - money is a string with exactly 2 decimals ("270.63", "-12.50", "0.00");
 * - quantities, unit prices and rates are canonical decimal strings (Decimal.toString(): "1.5", "250", "0.0825");
 * - accounting dates are "YYYY-MM-DD" (the UTC date of ServiceTitan's date-time), timestamps are ISO 8601 UTC.
 */

export const CANONICAL_TYPES = ['invoice', 'payment', 'inventoryBill', 'customer', 'vendor'] as const;
export type CanonicalType = (typeof CANONICAL_TYPES)[number];

export class CanonicalError extends Error {
	readonly recordType: CanonicalType;
	/** Undefined when the record has no usable id. */
	readonly recordId: string | undefined;
	/** Dotted path of the offending field, e.g. "items[2].total"; "(record)" for the record as a whole. */
	readonly field: string;
	/** Numbers behind a consistency failure (e.g. linesTotal, subtotal, tax, total), as money strings. */
	readonly details: Readonly<Record<string, string>> | undefined;
	/** What to do about it; the message ends with it. */
	readonly fix: string | undefined;

	constructor(
		message: string,
		context: { recordType: CanonicalType; recordId?: string; field: string; details?: Record<string, string>; fix?: string },
	) {
		super(message);
		this.name = 'CanonicalError';
		this.recordType = context.recordType;
		this.recordId = context.recordId;
		this.field = context.field;
		this.details = context.details;
		this.fix = context.fix;
	}
}

function isCanonical(value: string, canonicalise: (text: string) => string): boolean {
	try {
		return canonicalise(value) === value;
	} catch {
		return false;
	}
}

export const MoneyString = z
	.string()
	.refine((value) => isCanonical(value, (text) => money(text).toFixed(2)), {
		message: 'Expected an amount with exactly 2 decimals, like "270.63" or "-12.50"',
	});

export const DecimalString = z
	.string()
	.refine((value) => isCanonical(value, (text) => Decimal.parse(text).toString()), {
		message: 'Expected a canonical decimal, like "1.5", "250" or "-0.0825" (no trailing zeros, no "+")',
	});

export const DateString = z.string().refine(
	(value) => {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
		const date = new Date(`${value}T00:00:00Z`);
		return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
	},
	{ message: 'Expected a calendar date "YYYY-MM-DD"' },
);

export const TimestampString = z.string().datetime({ message: 'Expected an ISO 8601 UTC timestamp' });

const IdString = z.string().regex(/^\d+$/, 'Expected a numeric id');

export const SourceSchema = z
	.object({
		system: z.literal('servicetitan'),
		type: z.enum(CANONICAL_TYPES),
		id: IdString,
		number: z.string().min(1).optional(),
		modifiedOn: TimestampString.optional(),
		tenantId: z.string().min(1).optional(),
	})
	.strict();
export type Source = z.infer<typeof SourceSchema>;

export const NamedRefSchema = z.object({ id: IdString, name: z.string().optional() }).strict();
export type NamedRef = z.infer<typeof NamedRefSchema>;

/** ServiceTitan's 2022 models had no GL account id, so either id or number may be all there is. */
export const GlAccountRefSchema = z
	.object({
		id: IdString.optional(),
		number: z.string().optional(),
		name: z.string().optional(),
		type: z.string().optional(),
	})
	.strict()
	.refine((account) => account.id !== undefined || account.number !== undefined, {
		message: 'A GL account needs an id or a number',
	});
export type GlAccountRef = z.infer<typeof GlAccountRefSchema>;

export const BatchRefSchema = z
	.object({ id: IdString, number: z.string().optional(), name: z.string().optional() })
	.strict();
export type BatchRef = z.infer<typeof BatchRefSchema>;

/** Missing ServiceTitan address parts become "" so ERP mappers never see null. */
export const AddressSchema = z
	.object({
		street: z.string(),
		unit: z.string().optional(),
		city: z.string(),
		state: z.string(),
		zip: z.string(),
		country: z.string(),
	})
	.strict();
export type Address = z.infer<typeof AddressSchema>;

/** BC's "External Document No." is Code[35]: upper case, at most 35 characters. */
export const ExternalDocumentNumber = z
	.string()
	.min(1)
	.max(35)
	.refine((value) => value === value.toUpperCase() && value === value.trim(), {
		message: 'Expected an upper-case value without surrounding spaces',
	});

const documentBase = {
	key: z.string().regex(/^servicetitan:(invoice|payment|inventoryBill|customer|vendor):\d+$/),
	source: SourceSchema,
	id: IdString,
};

export const CustomerSchema = z
	.object({
		...documentBase,
		name: z.string().min(1),
		type: z.enum(['Residential', 'Commercial']),
		active: z.boolean(),
		address: AddressSchema,
		email: z.string().min(1).optional(),
		phone: z.string().min(1).optional(),
		taxExempt: z.boolean(),
		balance: MoneyString.optional(),
		modifiedOn: TimestampString,
	})
	.strict();
export type Customer = z.infer<typeof CustomerSchema>;

export const VendorSchema = z
	.object({
		...documentBase,
		name: z.string().min(1),
		active: z.boolean(),
		address: AddressSchema,
		email: z.string().min(1).optional(),
		phone: z.string().min(1).optional(),
		defaultTaxRate: DecimalString.optional(),
		modifiedOn: TimestampString,
	})
	.strict();
export type Vendor = z.infer<typeof VendorSchema>;

export const INVOICE_LINE_TYPES = ['Service', 'Material', 'Equipment', 'PriceModifier', 'Unspecified'] as const;

export const ArInvoiceLineSchema = z
	.object({
		lineNumber: z.number().int().positive(),
		sourceId: IdString,
		type: z.enum(INVOICE_LINE_TYPES),
		/** code = ServiceTitan skuName (e.g. "DIAG"), name = displayName. */
		sku: z.object({ id: IdString, code: z.string().optional(), name: z.string().optional() }).strict(),
		description: z.string(),
		quantity: DecimalString,
		unitPrice: DecimalString,
		/** ServiceTitan's item total; the line amount that must be posted. Negative on discounts. */
		amount: MoneyString,
		taxable: z.boolean(),
		glAccount: GlAccountRefSchema.optional(),
		businessUnit: NamedRefSchema.optional(),
	})
	.strict();
export type ArInvoiceLine = z.infer<typeof ArInvoiceLineSchema>;

export const ArInvoiceSchema = z
	.object({
		...documentBase,
		number: z.string().min(1),
		externalDocumentNumber: ExternalDocumentNumber,
		invoiceDate: DateString,
		dueDate: DateString.optional(),
		customer: NamedRefSchema,
		location: NamedRefSchema.optional(),
		businessUnit: NamedRefSchema,
		job: z.object({ id: IdString, number: z.string().optional(), type: z.string().optional() }).strict().optional(),
		batch: BatchRefSchema.optional(),
		termName: z.string().optional(),
		lines: z.array(ArInvoiceLineSchema),
		subtotal: MoneyString,
		tax: z
			.object({
				amount: MoneyString,
				code: NamedRefSchema.optional(),
				zoneId: IdString.optional(),
				rate: DecimalString.optional(),
			})
			.strict(),
		total: MoneyString,
		balance: MoneyString.optional(),
		active: z.boolean(),
		isAdjustment: z.boolean(),
		adjustmentToId: IdString.optional(),
		summary: z.string().optional(),
		syncStatus: z.string().optional(),
	})
	.strict();
export type ArInvoice = z.infer<typeof ArInvoiceSchema>;

export const PaymentApplicationSchema = z
	.object({
		/** ServiceTitan's id of this application (stable when other applications change). */
		applicationId: IdString.optional(),
		invoiceId: IdString,
		invoiceNumber: z.string().optional(),
		amount: MoneyString,
		appliedOn: DateString.optional(),
	})
	.strict();
export type PaymentApplication = z.infer<typeof PaymentApplicationSchema>;

export const PaymentSchema = z
	.object({
		...documentBase,
		externalDocumentNumber: ExternalDocumentNumber,
		date: DateString,
		customer: NamedRefSchema,
		businessUnit: NamedRefSchema.optional(),
		/** Payment type name ("Check", "Credit Card") and id; map either to the ERP payment method. */
		type: z.string().optional(),
		typeId: z.string().optional(),
		reference: z.string().optional(),
		checkNumber: z.string().optional(),
		memo: z.string().optional(),
		total: MoneyString,
		unapplied: MoneyString,
		applications: z.array(PaymentApplicationSchema),
		depositGlAccount: GlAccountRefSchema.optional(),
		batch: BatchRefSchema.optional(),
		refundedPaymentId: IdString.optional(),
		active: z.boolean(),
		syncStatus: z.string().optional(),
	})
	.strict();
export type Payment = z.infer<typeof PaymentSchema>;

export const ApBillLineSchema = z
	.object({
		lineNumber: z.number().int().positive(),
		sourceId: IdString,
		sku: z.object({ id: IdString, code: z.string(), type: z.string() }).strict(),
		description: z.string(),
		quantity: DecimalString,
		/** ServiceTitan item `cost`: unit cost before landed-cost allocations. */
		unitCost: DecimalString,
		/** quantity × unitCost rounded half-up to cents. */
		amount: MoneyString,
		glAccount: GlAccountRefSchema.optional(),
	})
	.strict();
export type ApBillLine = z.infer<typeof ApBillLineSchema>;

export const ApBillSchema = z
	.object({
		...documentBase,
		number: z.string().optional(),
		externalDocumentNumber: ExternalDocumentNumber,
		vendorInvoiceNumber: z.string().optional(),
		billDate: DateString,
		dueDate: DateString.optional(),
		vendor: NamedRefSchema,
		businessUnit: NamedRefSchema.optional(),
		purchaseOrderId: IdString.optional(),
		jobId: IdString.optional(),
		jobNumber: z.string().optional(),
		batch: BatchRefSchema.optional(),
		termName: z.string().optional(),
		lines: z.array(ApBillLineSchema),
		tax: MoneyString,
		shipping: MoneyString,
		other: MoneyString,
		/** ServiceTitan billAmount; equals the sum of line amounts + tax + shipping + other. */
		total: MoneyString,
		active: z.boolean(),
		summary: z.string().optional(),
		syncStatus: z.string().optional(),
	})
	.strict();
export type ApBill = z.infer<typeof ApBillSchema>;

export interface CanonicalDocuments {
	invoice: ArInvoice;
	payment: Payment;
	inventoryBill: ApBill;
	customer: Customer;
	vendor: Vendor;
}
export type CanonicalDocument = CanonicalDocuments[CanonicalType];
