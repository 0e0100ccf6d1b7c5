import {
	ApBillSchema,
	ArInvoiceSchema,
	CanonicalError,
	CustomerSchema,
	DateString,
	DecimalString,
	MoneyString,
	PaymentSchema,
	VendorSchema,
} from '../../nodes/shared/canonical';
import {
	htmlToText,
	inventoryBillFromServiceTitan,
	invoiceFromServiceTitan,
	paymentFromServiceTitan,
	customerFromServiceTitan,
	toCanonical,
	vendorFromServiceTitan,
} from '../../nodes/ServiceTitan/canonical/fromServiceTitan';

type Json = Record<string, unknown>;

function catchCanonical(action: () => unknown): CanonicalError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(CanonicalError);
		return error as CanonicalError;
	}
	throw new Error('expected a CanonicalError');
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

// Composed example of servicetitan.md §5.1
const invoiceExample: Json = {
	id: 5012345, syncStatus: 'Posted', referenceNumber: '10482', invoiceDate: '2026-05-20T00:00:00Z',
	dueDate: '2026-06-19T00:00:00Z', subTotal: '250.00', salesTax: '20.63', total: '270.63', balance: '270.63',
	salesTaxCode: { id: 12, name: 'Travis County', taxRate: 0.0825 }, taxZoneId: 12,
	customer: { id: 880011, name: 'Jane Doe' }, location: { id: 880012, name: 'Jane Doe - Home' },
	businessUnit: { id: 31, name: 'HVAC Service' }, batch: { id: 4401, number: '212', name: 'May week 3' },
	job: { id: 7700456, number: '7700456', type: 'AC Repair' }, termName: 'Net 30',
	active: true, createdOn: '2026-05-20T17:02:11.44Z', modifiedOn: '2026-05-20T18:40:00Z',
	sentStatus: 'Sent', reviewStatus: 'Reviewed', invoiceConfiguration: 'JobInvoice', exportId: null,
	items: [
		{
			id: 1, type: 'Service', skuId: 301, skuName: 'DIAG', quantity: '1', price: '250.00',
			total: '250.00', taxable: true, inventory: false, isChargeable: true, addOn: false,
			membershipTypeId: 0, order: 1, createdOn: '2026-05-20T17:02:11Z', modifiedOn: '2026-05-20T17:02:11Z',
			generalLedgerAccount: { id: 90, name: 'Service Income', number: '4000', type: 'Income', detailType: 'Service/Fee Income' },
		},
	],
	customFields: [],
};

function item(overrides: Json): Json {
	return {
		id: 1, type: 'Material', skuId: 4402, skuName: 'CAP-45-5', quantity: '1', price: '0.00', total: '0.00',
		taxable: true, inventory: true, isChargeable: true, addOn: false, membershipTypeId: 0, order: 1,
		createdOn: '2026-05-20T17:02:11Z', modifiedOn: '2026-05-20T17:02:11Z', generalLedgerAccount: null,
		...overrides,
	};
}

// Several lines, a discount, a 4-decimal unit price, a removed item and HTML descriptions.
const multiLineInvoice: Json = {
	...invoiceExample,
	id: 5012400, referenceNumber: '10490', subTotal: '417.35', salesTax: '34.43', total: '451.78', balance: '151.78',
	summary: '<p>Replaced capacitor &amp; cleaned coils.</p><br/>Customer   happy',
	items: [
		item({ id: 11, order: 3, type: 'PriceModifier', skuId: 9001, skuName: 'DISC10', quantity: '1', price: '-25.00', total: '-25.00',
			description: '<b>10% off</b> member discount', taxable: false }),
		item({ id: 10, order: 1, type: 'Service', skuId: 301, skuName: 'DIAG', displayName: 'Diagnostic', quantity: '1',
			price: '250.00', total: '250.00', description: '<p>Diagnose&nbsp;system</p>',
			generalLedgerAccount: { id: 90, name: 'Service Income', number: '4000', type: 'Income' },
			businessUnit: { id: 31, name: 'HVAC Service' } }),
		item({ id: 12, order: 2, skuId: 4402, skuName: 'CAP-45-5', displayName: 'Capacitor 45/5', quantity: '1.5',
			price: '128.2333', total: '192.35', description: null }),
		item({ id: 13, order: 4, skuId: 5000, quantity: '2', price: '99.00', total: '198.00', active: false }),
	],
};

// Composed example of servicetitan.md §5.2
const paymentExample: Json = {
	id: 990077, active: true, syncStatus: 'Posted', referenceNumber: 'CHK 1042', date: '2026-05-21T00:00:00Z',
	type: 'Check', typeId: '3', total: '400.00', unappliedAmount: '129.37', memo: null,
	customer: { id: 880011, name: 'Jane Doe' }, businessUnit: { id: 31, name: 'HVAC Service' },
	batch: { id: 4402, number: '213', name: null }, deposit: null,
	generalLedgerAccount: { id: 12, name: 'Undeposited Funds', number: '1200', type: 'Other Current Asset', detailType: null },
	appliedTo: [
		{ appliedId: 55001, appliedTo: 5012345, appliedAmount: '270.63', appliedOn: '2026-05-21T15:00:00Z',
			appliedBy: 'jsmith', appliedToReferenceNumber: '10482' },
	],
	customFields: [], authCode: null, checkNumber: '1042', refundedPaymentId: null,
	createdBy: 'jsmith', createdOn: '2026-05-21T15:00:00Z', modifiedOn: '2026-05-21T15:00:00Z',
};

// Composed example of servicetitan.md §5.3
const billExample: Json = {
	id: 66001, purchaseOrderId: 3301, syncStatus: 'Pending', referenceNumber: '66001', vendorNumber: 'FER-88231',
	billDate: '2026-05-18T00:00:00Z', dueDate: '2026-06-17T00:00:00Z', billAmount: '1180.50', taxAmount: '80.50',
	shippingAmount: '0.00', otherAmount: '0.00', landedCostMethod: 'None', termName: 'Net 30',
	vendor: { id: 210, name: 'Ferguson' }, businessUnit: { id: 31, name: 'HVAC Service' },
	taxZone: null, batch: null, jobId: 7700456, jobNumber: '7700456', postDate: null, dateReconciled: null,
	items: [
		{ order: 1, id: 1, skuId: 4402, skuCode: 'CAP-45-5', skuType: 'Material', name: 'Capacitor 45/5',
			quantity: '10', cost: '110.00', receiptItemId: 9001,
			generalLedgerAccount: { id: 140, name: 'Inventory Asset', number: '1400', type: 'Other Current Asset', detailType: null } },
	],
	createdOn: '2026-05-18T13:00:00Z', modifiedOn: '2026-05-18T13:00:00Z',
};

const customerExample: Json = {
	id: 880011, active: true, name: 'Jane Doe', type: 'Residential',
	address: { street: '12 Elm St', unit: null, city: 'Austin', state: 'TX', zip: '78701', country: 'USA', latitude: 30.26, longitude: -97.74 },
	customFields: [], balance: 270.63, taxExempt: false, tagTypeIds: [], doNotMail: false, doNotService: false,
	nationalAccount: false, createdOn: '2026-01-02T10:00:00Z', createdById: 5, modifiedOn: '2026-05-20T18:40:00Z',
	mergedToId: null, paymentTermId: null, creditLimit: null, creditLimitBalance: null, externalData: [],
};

const vendorExample: Json = {
	id: 210, name: 'Ferguson', active: true, isTruckReplenishment: false, isMobileCreationRestricted: false, memo: '',
	deliveryOption: 'Pickup', defaultTaxRate: 0.0825,
	contactInfo: { firstName: 'Sam', lastName: 'Lee', phone: '512-555-0100', email: 'ap@ferguson.example', fax: '' },
	address: { street: '1 Supply Rd', unit: '', city: 'Austin', state: 'TX', zip: '78702', country: 'USA' },
	createdOn: '2025-01-01T00:00:00Z', modifiedOn: '2026-04-01T12:00:00Z', externalData: [], customFields: null,
};

describe('invoiceFromServiceTitan', () => {
	it('converts the composed example of servicetitan.md §5.1', () => {
		const invoice = invoiceFromServiceTitan(invoiceExample, { tenantId: 1234567 });
		expect(invoice).toEqual({
			key: 'servicetitan:invoice:5012345',
			source: {
				system: 'servicetitan', type: 'invoice', id: '5012345', number: '10482',
				modifiedOn: '2026-05-20T18:40:00.000Z', tenantId: '1234567',
			},
			id: '5012345',
			number: '10482',
			externalDocumentNumber: 'ST-INV-5012345',
			invoiceDate: '2026-05-20',
			dueDate: '2026-06-19',
			customer: { id: '880011', name: 'Jane Doe' },
			location: { id: '880012', name: 'Jane Doe - Home' },
			businessUnit: { id: '31', name: 'HVAC Service' },
			job: { id: '7700456', number: '7700456', type: 'AC Repair' },
			batch: { id: '4401', number: '212', name: 'May week 3' },
			termName: 'Net 30',
			lines: [
				{
					lineNumber: 1, sourceId: '1', type: 'Service', sku: { id: '301', code: 'DIAG' }, description: 'DIAG',
					quantity: '1', unitPrice: '250', amount: '250.00', taxable: true,
					glAccount: { id: '90', number: '4000', name: 'Service Income', type: 'Income' },
				},
			],
			subtotal: '250.00',
			tax: { amount: '20.63', code: { id: '12', name: 'Travis County' }, zoneId: '12', rate: '0.0825' },
			total: '270.63',
			balance: '270.63',
			active: true,
			isAdjustment: false,
			syncStatus: 'Posted',
		});
		expect(ArInvoiceSchema.parse(invoice)).toEqual(invoice);
		expect(JSON.stringify(invoice)).not.toContain('null');
	});

	it('converts a multi-line invoice with tax, a discount line and a removed item', () => {
		const invoice = invoiceFromServiceTitan(multiLineInvoice);
		expect(invoice.lines.map((line) => [line.lineNumber, line.sourceId, line.type, line.amount])).toEqual([
			[1, '10', 'Service', '250.00'],
			[2, '12', 'Material', '192.35'],
			[3, '11', 'PriceModifier', '-25.00'],
		]);
		expect(invoice.lines[0].description).toBe('Diagnose system');
		expect(invoice.lines[0].businessUnit).toEqual({ id: '31', name: 'HVAC Service' });
		expect(invoice.lines[1]).toMatchObject({ description: 'Capacitor 45/5', quantity: '1.5', unitPrice: '128.2333' });
		expect(invoice.lines[1].glAccount).toBeUndefined();
		expect(invoice.lines[2]).toMatchObject({ description: '10% off member discount', taxable: false });
		expect(invoice).toMatchObject({ subtotal: '417.35', total: '451.78', balance: '151.78' });
		expect(invoice.tax.amount).toBe('34.43');
		expect(invoice.summary).toBe('Replaced capacitor & cleaned coils. Customer happy');
		expect(invoice.source.tenantId).toBeUndefined();
	});

	it('rejects amounts that do not add up, with the numbers', () => {
		const raw = clone(multiLineInvoice);
		raw.subTotal = '418.35';
		raw.total = '452.78';
		const error = catchCanonical(() => invoiceFromServiceTitan(raw));
		expect(error).toMatchObject({ recordType: 'invoice', recordId: '5012400', field: 'subTotal' });
		expect(error.message).toContain('ServiceTitan invoice 5012400');
		expect(error.message).toContain('amounts do not add up');
		expect(error.message).toContain('lines sum to 417.35');
		expect(error.details).toEqual({ linesTotal: '417.35', subtotal: '418.35', tax: '34.43', total: '452.78' });
	});

	it('rejects a total that is not subtotal + tax', () => {
		const error = catchCanonical(() => invoiceFromServiceTitan({ ...invoiceExample, total: '270.64' }));
		expect(error.field).toBe('total');
		expect(error.details).toMatchObject({ subtotal: '250.00', tax: '20.63', total: '270.64' });
	});

	it('rejects an invoice without business unit, naming the field', () => {
		const error = catchCanonical(() => invoiceFromServiceTitan({ ...invoiceExample, businessUnit: null }));
		expect(error).toMatchObject({ recordType: 'invoice', recordId: '5012345', field: 'businessUnit' });
		expect(error.message).toMatch(/ServiceTitan invoice 5012345: field "businessUnit" is missing\. Assign a business unit/);
	});

	it('names the item field that is wrong', () => {
		const raw = clone(invoiceExample);
		(raw.items as Json[])[0].total = '250,00';
		const error = catchCanonical(() => invoiceFromServiceTitan(raw));
		expect(error.field).toBe('items[0].total');
		expect(error.message).toContain('field "items[0].total" is invalid');
		expect(error.message).toContain('"250,00"');

		const missing = clone(invoiceExample);
		delete (missing.items as Json[])[0].quantity;
		expect(catchCanonical(() => invoiceFromServiceTitan(missing)).message).toContain('field "items[0].quantity" is missing');

		const fractional = clone(invoiceExample);
		(fractional.items as Json[])[0].total = '250.001';
		expect(catchCanonical(() => invoiceFromServiceTitan(fractional)).message).toContain('more than 2 decimals');

		const badType = clone(invoiceExample);
		(badType.items as Json[])[0].type = 'Labor';
		expect(catchCanonical(() => invoiceFromServiceTitan(badType)).field).toBe('items[0].type');
	});

	it('requires invoice date, customer and active', () => {
		expect(catchCanonical(() => invoiceFromServiceTitan({ ...invoiceExample, invoiceDate: null })).field).toBe('invoiceDate');
		expect(catchCanonical(() => invoiceFromServiceTitan({ ...invoiceExample, customer: undefined })).field).toBe('customer');
		expect(catchCanonical(() => invoiceFromServiceTitan({ ...invoiceExample, active: undefined })).field).toBe('active');
		expect(catchCanonical(() => invoiceFromServiceTitan({ ...invoiceExample, invoiceDate: '20/05/2026' })).field).toBe('invoiceDate');
	});

	it('takes the UTC date of date-times with an offset, and treats 0001-01-01 as no date', () => {
		const invoice = invoiceFromServiceTitan({
			...invoiceExample,
			invoiceDate: '2026-05-20T20:30:00-05:00',
			dueDate: '0001-01-01T00:00:00',
			modifiedOn: '2026-05-20T18:40:00',
		});
		expect(invoice.invoiceDate).toBe('2026-05-21');
		expect(invoice.dueDate).toBeUndefined();
		expect(invoice.source.modifiedOn).toBe('2026-05-20T18:40:00.000Z');
	});

	it('accepts ids as numeric strings and money as JSON numbers', () => {
		const invoice = invoiceFromServiceTitan({ ...invoiceExample, id: '5012345', subTotal: 250, salesTax: 20.63, total: 270.63 });
		expect(invoice).toMatchObject({ id: '5012345', subtotal: '250.00', total: '270.63' });
	});

	it('treats a missing salesTax as 0.00 and a missing balance as absent', () => {
		const invoice = invoiceFromServiceTitan({ ...invoiceExample, salesTax: null, total: '250.00', balance: null, salesTaxCode: null });
		expect(invoice.tax).toEqual({ amount: '0.00', zoneId: '12' });
		expect(invoice.balance).toBeUndefined();
	});

	it('marks adjustment invoices and converts negative amounts', () => {
		const invoice = invoiceFromServiceTitan({
			...invoiceExample, id: 5012999, referenceNumber: '10482-1', adjustmentToId: 5012345,
			subTotal: '-50.00', salesTax: '-4.13', total: '-54.13', balance: '-54.13',
			items: [item({ id: 1, type: 'Service', quantity: '-1', price: '50.00', total: '-50.00' })],
		});
		expect(invoice).toMatchObject({ isAdjustment: true, adjustmentToId: '5012345', number: '10482-1', externalDocumentNumber: 'ST-INV-5012999' });
		expect(invoice.lines[0]).toMatchObject({ quantity: '-1', amount: '-50.00' });
	});

	it('falls back to the id for the number; the external document number is always the id', () => {
		expect(invoiceFromServiceTitan({ ...invoiceExample, referenceNumber: null })).toMatchObject({
			number: '5012345',
			externalDocumentNumber: 'ST-INV-5012345',
		});
	});

	it('keeps the external document number when the invoice number is edited in ServiceTitan', () => {
		const renumbered = invoiceFromServiceTitan({ ...invoiceExample, referenceNumber: 'X'.repeat(40) });
		expect(renumbered).toMatchObject({ number: 'X'.repeat(40), externalDocumentNumber: 'ST-INV-5012345' });
	});

	it('converts an invoice without items when its totals are zero', () => {
		const invoice = invoiceFromServiceTitan({ ...invoiceExample, items: null, subTotal: '0.00', salesTax: '0.00', total: '0.00' });
		expect(invoice.lines).toEqual([]);
	});

	it('rejects input that is not an object', () => {
		for (const raw of [null, 'text', [invoiceExample], 42]) {
			const error = catchCanonical(() => invoiceFromServiceTitan(raw));
			expect(error.field).toBe('(record)');
			expect(error.recordId).toBeUndefined();
		}
		const error = catchCanonical(() => invoiceFromServiceTitan({ referenceNumber: '1' }));
		expect(error.message).toContain('ServiceTitan invoice (without id): field "id" is missing');
	});
});

describe('paymentFromServiceTitan', () => {
	it('converts the composed example of servicetitan.md §5.2 (a partial application)', () => {
		const payment = paymentFromServiceTitan(paymentExample);
		expect(payment).toEqual({
			key: 'servicetitan:payment:990077',
			source: { system: 'servicetitan', type: 'payment', id: '990077', number: 'CHK 1042', modifiedOn: '2026-05-21T15:00:00.000Z' },
			id: '990077',
			externalDocumentNumber: 'ST-PMT-990077',
			date: '2026-05-21',
			customer: { id: '880011', name: 'Jane Doe' },
			businessUnit: { id: '31', name: 'HVAC Service' },
			type: 'Check',
			typeId: '3',
			reference: 'CHK 1042',
			checkNumber: '1042',
			total: '400.00',
			unapplied: '129.37',
			applications: [{ applicationId: '55001', invoiceId: '5012345', invoiceNumber: '10482', amount: '270.63', appliedOn: '2026-05-21' }],
			depositGlAccount: { id: '12', number: '1200', name: 'Undeposited Funds', type: 'Other Current Asset' },
			batch: { id: '4402', number: '213' },
			active: true,
			syncStatus: 'Posted',
		});
		expect(PaymentSchema.parse(payment)).toEqual(payment);
	});

	it('converts a payment applied to three invoices', () => {
		const payment = paymentFromServiceTitan({
			...paymentExample,
			total: '1000.00',
			unappliedAmount: '0.00',
			typeId: 3,
			appliedTo: [
				{ appliedId: 1, appliedTo: 5012345, appliedAmount: '270.63', appliedToReferenceNumber: '10482' },
				{ appliedId: 2, appliedTo: 5012400, appliedAmount: '451.78', appliedToReferenceNumber: '10490' },
				{ appliedId: 3, appliedTo: 5012500, appliedAmount: '277.59', appliedOn: null },
			],
		});
		expect(payment.applications).toEqual([
			{ applicationId: '1', invoiceId: '5012345', invoiceNumber: '10482', amount: '270.63' },
			{ applicationId: '2', invoiceId: '5012400', invoiceNumber: '10490', amount: '451.78' },
			{ applicationId: '3', invoiceId: '5012500', amount: '277.59' },
		]);
		expect(payment).toMatchObject({ total: '1000.00', unapplied: '0.00', typeId: '3' });
	});

	it('treats a missing unapplied amount as 0.00 and checks the total', () => {
		const error = catchCanonical(() => paymentFromServiceTitan({ ...paymentExample, unappliedAmount: null }));
		expect(error).toMatchObject({ recordType: 'payment', recordId: '990077', field: 'total' });
		expect(error.details).toEqual({ applied: '270.63', unapplied: '0.00', total: '400.00' });
		expect(error.message).toContain('amounts do not add up');

		const exact = paymentFromServiceTitan({ ...paymentExample, unappliedAmount: null, total: '270.63' });
		expect(exact.unapplied).toBe('0.00');
	});

	it('converts an unapplied payment (on account)', () => {
		const payment = paymentFromServiceTitan({ ...paymentExample, appliedTo: [], unappliedAmount: '400.00' });
		expect(payment.applications).toEqual([]);
		expect(payment.unapplied).toBe('400.00');
	});

	it('requires the applied amount, the date and the customer', () => {
		const raw = clone(paymentExample);
		(raw.appliedTo as Json[])[0].appliedAmount = null;
		expect(catchCanonical(() => paymentFromServiceTitan(raw)).field).toBe('appliedTo[0].appliedAmount');
		expect(catchCanonical(() => paymentFromServiceTitan({ ...paymentExample, date: null })).field).toBe('date');
		expect(catchCanonical(() => paymentFromServiceTitan({ ...paymentExample, customer: null })).field).toBe('customer');
	});
});

describe('inventoryBillFromServiceTitan', () => {
	it('converts the composed example of servicetitan.md §5.3', () => {
		const bill = inventoryBillFromServiceTitan(billExample);
		expect(bill).toEqual({
			key: 'servicetitan:inventoryBill:66001',
			source: { system: 'servicetitan', type: 'inventoryBill', id: '66001', number: '66001', modifiedOn: '2026-05-18T13:00:00.000Z' },
			id: '66001',
			number: '66001',
			externalDocumentNumber: 'ST-BILL-66001',
			vendorInvoiceNumber: 'FER-88231',
			billDate: '2026-05-18',
			dueDate: '2026-06-17',
			vendor: { id: '210', name: 'Ferguson' },
			businessUnit: { id: '31', name: 'HVAC Service' },
			purchaseOrderId: '3301',
			jobId: '7700456',
			jobNumber: '7700456',
			termName: 'Net 30',
			lines: [
				{
					lineNumber: 1, sourceId: '1', sku: { id: '4402', code: 'CAP-45-5', type: 'Material' },
					description: 'Capacitor 45/5', quantity: '10', unitCost: '110', amount: '1100.00',
					glAccount: { id: '140', number: '1400', name: 'Inventory Asset', type: 'Other Current Asset' },
				},
			],
			tax: '80.50',
			shipping: '0.00',
			other: '0.00',
			total: '1180.50',
			active: true,
			syncStatus: 'Pending',
		});
		expect(ApBillSchema.parse(bill)).toEqual(bill);
	});

	const landedBill: Json = {
		...billExample,
		id: 66002, landedCostMethod: 'ByValue', billAmount: '236.97', taxAmount: '12.34', shippingAmount: '15.00',
		otherAmount: '2.50', active: false,
		items: [
			// 3 × 12.345 = 37.035 → 37.04 ; 7 × 26.2971 = 184.0797 → 184.08 ; lines 221.12
			{ order: 2, id: 2, skuId: 4403, skuCode: 'FLT-16', skuType: 'Material', description: '<i>Filter</i> 16x25',
				quantity: '7', cost: '26.2971', allocatedTax: '10.00', allocatedShipping: '12.00', allocatedOtherCosts: '2.00',
				fullyLandedUnitCost: '29.7257' },
			{ order: 1, id: 1, skuId: 4402, skuCode: 'CAP-45-5', skuType: 'Material', name: null,
				quantity: '3', cost: '12.345', allocatedTax: '2.34', allocatedShipping: '3.00', allocatedOtherCosts: '0.50' },
		],
	};

	it('uses quantity × cost rounded to cents per line and ignores landed-cost allocations', () => {
		// 37.04 + 184.08 = 221.12 ; + 12.34 + 15.00 + 2.50 = 250.96
		const bill = inventoryBillFromServiceTitan({ ...landedBill, billAmount: '250.96' });
		expect(bill.lines.map((line) => [line.sourceId, line.quantity, line.unitCost, line.amount, line.description])).toEqual([
			['1', '3', '12.345', '37.04', 'CAP-45-5'],
			['2', '7', '26.2971', '184.08', 'Filter 16x25'],
		]);
		expect(bill).toMatchObject({ tax: '12.34', shipping: '15.00', other: '2.50', total: '250.96', active: false });
	});

	it('rejects a bill whose lines, tax, shipping and other do not add up to billAmount, with the difference', () => {
		const error = catchCanonical(() => inventoryBillFromServiceTitan(landedBill));
		expect(error).toMatchObject({ recordType: 'inventoryBill', recordId: '66002', field: 'billAmount' });
		expect(error.message).toContain('ServiceTitan inventory bill 66002');
		expect(error.message).toContain('difference -13.99');
		expect(error.details).toMatchObject({ linesTotal: '221.12', total: '236.97', difference: '-13.99' });
	});

	it('treats missing tax, shipping and other as 0.00', () => {
		const bill = inventoryBillFromServiceTitan({ ...billExample, billAmount: '1100.00', taxAmount: null, shippingAmount: undefined, otherAmount: null });
		expect(bill).toMatchObject({ tax: '0.00', shipping: '0.00', other: '0.00', total: '1100.00' });
	});

	it('requires bill date and vendor, and tolerates a missing vendor invoice number and link ids of 0', () => {
		expect(catchCanonical(() => inventoryBillFromServiceTitan({ ...billExample, billDate: null })).field).toBe('billDate');
		expect(catchCanonical(() => inventoryBillFromServiceTitan({ ...billExample, vendor: null })).field).toBe('vendor');
		const bill = inventoryBillFromServiceTitan({ ...billExample, vendorNumber: null, purchaseOrderId: 0, jobId: null });
		expect(bill.vendorInvoiceNumber).toBeUndefined();
		expect(bill.purchaseOrderId).toBeUndefined();
		expect(bill.jobId).toBeUndefined();
	});
});

describe('customerFromServiceTitan and vendorFromServiceTitan', () => {
	it('converts a customer', () => {
		const customer = customerFromServiceTitan(customerExample);
		expect(customer).toEqual({
			key: 'servicetitan:customer:880011',
			source: { system: 'servicetitan', type: 'customer', id: '880011', modifiedOn: '2026-05-20T18:40:00.000Z' },
			id: '880011',
			name: 'Jane Doe',
			type: 'Residential',
			active: true,
			address: { street: '12 Elm St', city: 'Austin', state: 'TX', zip: '78701', country: 'USA' },
			taxExempt: false,
			balance: '270.63',
			modifiedOn: '2026-05-20T18:40:00.000Z',
		});
		expect(CustomerSchema.parse(customer)).toEqual(customer);
	});

	it('takes email and phone from contacts and rounds the informational balance to cents', () => {
		const customer = customerFromServiceTitan({
			...customerExample,
			balance: 10.005,
			address: null,
			contacts: [
				{ type: 'Fax', value: '512-555-0199' },
				{ type: 'MobilePhone', value: '512-555-0123' },
				{ type: 'Email', value: 'jane@example.com' },
			],
		});
		expect(customer).toMatchObject({ email: 'jane@example.com', phone: '512-555-0123', balance: '10.01' });
		expect(customer.address).toEqual({ street: '', city: '', state: '', zip: '', country: '' });
	});

	it('rejects a customer without a name or with an unknown type', () => {
		expect(catchCanonical(() => customerFromServiceTitan({ ...customerExample, name: '  ' })).field).toBe('name');
		expect(catchCanonical(() => customerFromServiceTitan({ ...customerExample, type: 'Business' })).field).toBe('type');
	});

	it('converts a vendor', () => {
		const vendor = vendorFromServiceTitan(vendorExample, { tenantId: '  ' });
		expect(vendor).toEqual({
			key: 'servicetitan:vendor:210',
			source: { system: 'servicetitan', type: 'vendor', id: '210', modifiedOn: '2026-04-01T12:00:00.000Z' },
			id: '210',
			name: 'Ferguson',
			active: true,
			address: { street: '1 Supply Rd', city: 'Austin', state: 'TX', zip: '78702', country: 'USA' },
			email: 'ap@ferguson.example',
			phone: '512-555-0100',
			defaultTaxRate: '0.0825',
			modifiedOn: '2026-04-01T12:00:00.000Z',
		});
		expect(VendorSchema.parse(vendor)).toEqual(vendor);
	});
});

describe('toCanonical', () => {
	it('dispatches by record type', () => {
		expect(toCanonical('invoice', invoiceExample).key).toBe('servicetitan:invoice:5012345');
		expect(toCanonical('payment', paymentExample).externalDocumentNumber).toBe('ST-PMT-990077');
		expect(toCanonical('inventoryBill', billExample).externalDocumentNumber).toBe('ST-BILL-66001');
		expect(toCanonical('customer', customerExample, { tenantId: 42 }).source.tenantId).toBe('42');
		expect(toCanonical('vendor', vendorExample).name).toBe('Ferguson');
	});

	it('rejects an unknown record type', () => {
		expect(() => toCanonical('estimate' as 'invoice', invoiceExample)).toThrow(/Unknown record type "estimate"/);
	});
});

describe('schemas', () => {
	it('validates money, decimal and date strings strictly', () => {
		expect(MoneyString.safeParse('270.63').success).toBe(true);
		expect(MoneyString.safeParse('-12.50').success).toBe(true);
		for (const bad of ['270.6', '270', '1,234.56', '-0.00', '1.005', 'abc']) expect(MoneyString.safeParse(bad).success).toBe(false);
		expect(DecimalString.safeParse('1.5').success).toBe(true);
		expect(DecimalString.safeParse('1.50').success).toBe(false);
		expect(DateString.safeParse('2026-02-28').success).toBe(true);
		expect(DateString.safeParse('2026-02-30').success).toBe(false);
	});

	it('rejects unknown keys in canonical documents', () => {
		const invoice = invoiceFromServiceTitan(invoiceExample);
		expect(ArInvoiceSchema.safeParse({ ...invoice, extra: 1 }).success).toBe(false);
	});
});

describe('htmlToText', () => {
	it('strips tags, decodes entities and collapses whitespace', () => {
		expect(htmlToText('<div>A&lt;B &amp; C</div><script>x()</script><p>D&#233;j&#xE0;&nbsp;vu</p>')).toBe('A<B & C Déjà vu');
		expect(htmlToText('  <br>  ')).toBe('');
	});
});
