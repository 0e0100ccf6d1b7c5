'use strict';
/**
 * Record builders shared by the seed generator (seed.js) and the simulator's add*() helpers
 * (index.js). Every builder returns a record in exactly the shape the API returns it
 * (servicetitan.md §5), so `sim.state` is what clients see.
 *
 * Money: accounting module (invoices, payments, inventory bills) → JSON strings "270.63";
 * CRM / inventory / pricebook / JPM → JSON numbers. All arithmetic in integer cents (money.js).
 */

const {
	divRound,
	toCents,
	fmtCents,
	centsToNumber,
	toQtyHundredths,
	fmtQty,
	lineTotalCents,
	rateToPpm,
	taxCents,
	allocate,
} = require('./money');

const DAY_MS = 86400000;

/**
 * ISO 8601 UTC with milliseconds and Z ("2026-10-04T21:18:37.893Z"). Native toISOString is kept on
 * purpose: it yields flat strings (hand-built concatenations cost ~60 MB more on a 50k-invoice seed).
 * @param {number} ms
 * @returns {string}
 */
function iso(ms) {
	return new Date(ms).toISOString();
}

/**
 * Midnight UTC of the day containing `ms`, ISO without milliseconds ("2026-10-04T00:00:00Z", how
 * ST sends invoice / payment / bill dates).
 * @param {number} ms
 * @returns {string}
 */
function dayIso(ms) {
	return iso(Math.floor(ms / DAY_MS) * DAY_MS).replace('.000Z', 'Z');
}

/** @param {{id:number,name?:string|null}} rec */
function namedRef(rec) {
	return rec ? { id: rec.id, name: rec.name == null ? null : rec.name } : null;
}

/**
 * Nested accounting GL account reference `{id, name, number, type, detailType}`.
 * @param {any} gl GlAccountExtendedResponse
 */
function glRef(gl) {
	if (!gl) return null;
	return { id: gl.id, name: gl.name, number: gl.number, type: gl.type, detailType: gl.subtype == null ? null : gl.subtype };
}

/** Accounting AddressResponse `{street, unit, city, state, zip, country}` from any address. */
function acctAddress(a) {
	if (!a) return null;
	return {
		street: a.street == null ? null : a.street,
		unit: a.unit == null ? null : a.unit,
		city: a.city == null ? null : a.city,
		state: a.state == null ? null : a.state,
		zip: a.zip == null ? null : a.zip,
		country: a.country == null ? null : a.country,
	};
}

/**
 * Find a GL account in state by its number ("4000").
 * @param {any} state
 * @param {string} number
 */
function glByNumber(state, number) {
	const list = state.glAccounts || [];
	for (let i = 0; i < list.length; i++) if (list[i].number === number) return list[i];
	return null;
}

/**
 * GL references used on invoice items per item type, resolved once (shared objects keep 50k-invoice
 * seeds compact; the server never mutates nested objects in place).
 * @param {any} state
 */
function itemAccountRefs(state) {
	const ref = (n) => glRef(glByNumber(state, n));
	return {
		Service: { income: ref('4000'), cos: null, asset: null },
		Material: { income: ref('4100'), cos: ref('5000'), asset: ref('1400') },
		Equipment: { income: ref('4200'), cos: ref('5100'), asset: ref('1400') },
		PriceModifier: { income: ref('4000'), cos: null, asset: null },
		Unspecified: { income: ref('4000'), cos: null, asset: null },
	};
}

/**
 * Build one invoice item (Accounting.V2.InvoiceItemResponse).
 * @param {object} p
 * @param {number} p.id
 * @param {number} p.order
 * @param {'Service'|'Material'|'Equipment'|'PriceModifier'|'Unspecified'} p.type
 * @param {any} p.sku pricebook record ({id, code, displayName, description, cost?})
 * @param {number} p.qtyH quantity in hundredths
 * @param {number} p.priceCents unit price in cents
 * @param {boolean} p.taxable
 * @param {string} p.createdOn
 * @param {any} p.businessUnit NamedField
 * @param {any} p.accounts result of itemAccountRefs(state)
 * @param {number|null} [p.technicianId]
 * @param {string|null} [p.serviceDate]
 * @param {string} [p.description]
 */
function buildInvoiceItem(p) {
	const sku = p.sku || {};
	const acc = p.accounts[p.type] || p.accounts.Unspecified;
	const totalCents = lineTotalCents(p.qtyH, p.priceCents);
	const unitCostCents = sku.cost != null ? toCents(sku.cost) : 0;
	const inventory = p.type === 'Material' || p.type === 'Equipment';
	return {
		id: p.id,
		description: p.description != null ? p.description : sku.description || null,
		quantity: fmtQty(p.qtyH),
		cost: fmtCents(unitCostCents),
		totalCost: fmtCents(lineTotalCents(p.qtyH, unitCostCents)),
		inventoryLocation: inventory ? 'Main Warehouse' : null,
		price: fmtCents(p.priceCents),
		type: p.type,
		skuName: sku.code || null,
		skuId: sku.id || 0,
		total: fmtCents(totalCents),
		inventory,
		taxable: !!p.taxable,
		generalLedgerAccount: acc.income,
		costOfSaleAccount: acc.cos,
		assetAccount: acc.asset,
		membershipTypeId: 0,
		itemGroup: null,
		displayName: sku.displayName || sku.code || null,
		soldHours: p.type === 'Service' && sku.hours != null ? sku.hours : null,
		modifiedOn: p.createdOn,
		serviceDate: p.serviceDate == null ? null : p.serviceDate,
		order: p.order,
		businessUnit: p.businessUnit,
		createdOn: p.createdOn,
		createdById: null,
		displayInAmount: true,
		importId: null,
		exportId: null,
		inventoryStatus: inventory ? 'Used' : null,
		addOn: false,
		memberPrice: fmtCents(p.priceCents),
		technicianId: p.technicianId == null ? null : p.technicianId,
		installedEquipmentId: null,
		estimateItemId: null,
		budgetCodeId: null,
		inventoryLocationId: inventory ? 1 : null,
		isChargeable: true,
	};
}

/**
 * Totals of an invoice from its items, in cents: subTotal = Σ item totals; salesTax = Σ taxable
 * item totals × rate (half away from zero); total = subTotal + salesTax.
 * @param {any[]} items
 * @param {number|string|null|undefined} taxRate fraction (0.0825)
 */
function invoiceTotalsCents(items, taxRate) {
	let sub = 0;
	let taxable = 0;
	for (const it of items || []) {
		const t = toCents(it.total);
		sub += t;
		if (it.taxable) taxable += t;
	}
	const tax = taxCents(taxable, rateToPpm(taxRate || 0));
	return { subTotal: sub, taxable, salesTax: tax, total: sub + tax };
}

/**
 * Sum of `appliedAmount` (cents) of active payments applied to `invoiceId`.
 * @param {any} state
 * @param {number} invoiceId
 */
function appliedCentsForInvoice(state, invoiceId) {
	let sum = 0;
	for (const p of state.payments || []) {
		if (p.active === false || !Array.isArray(p.appliedTo)) continue;
		for (const a of p.appliedTo) if (a.appliedTo === invoiceId) sum += toCents(a.appliedAmount);
	}
	return sum;
}

/**
 * Recompute the customer's `balance` (number) = Σ balances of the customer's active invoices.
 * @param {any} state
 * @param {number} customerId
 */
function recomputeCustomerBalance(state, customerId) {
	const cust = (state.customers || []).find((c) => c.id === customerId);
	if (!cust) return;
	let sum = 0;
	for (const inv of state.invoices || []) {
		if (inv.active && inv.customer && inv.customer.id === customerId) sum += toCents(inv.balance);
	}
	cust.balance = centsToNumber(sum);
}

/**
 * Build an inventory bill's items + money from received lines (all integer cents).
 * @param {object} p
 * @param {{sku:any, qty:number, costCents:number, receiptItemId:number|null}[]} p.lines
 * @param {number} p.firstItemId
 * @param {number} p.taxPpm
 * @param {number} p.shippingCents
 * @param {any} p.accounts {inventory, cos} GL refs
 */
function buildBillMoney(p) {
	const lineTotals = p.lines.map((l) => l.qty * l.costCents);
	const itemsCents = lineTotals.reduce((a, b) => a + b, 0);
	const tax = taxCents(itemsCents, p.taxPpm);
	const taxAlloc = allocate(tax, lineTotals);
	const shipAlloc = allocate(p.shippingCents, lineTotals);
	const items = p.lines.map((l, i) => ({
		order: i + 1,
		name: l.sku.displayName || l.sku.code,
		description: l.sku.description || null,
		quantity: String(l.qty),
		cost: fmtCents(l.costCents),
		allocatedTax: fmtCents(taxAlloc[i]),
		allocatedShipping: fmtCents(shipAlloc[i]),
		allocatedOtherCosts: '0.00',
		fullyLandedUnitCost: fmtCents(divRound(lineTotals[i] + taxAlloc[i] + shipAlloc[i], l.qty || 1)),
		inventoryLocation: 'Main Warehouse',
		serialNumber: null,
		generalLedgerAccount: p.accounts.inventory,
		costOfSaleAccount: p.accounts.cos,
		assetAccount: p.accounts.inventory,
		id: p.firstItemId + i,
		skuId: l.sku.id,
		receiptItemId: l.receiptItemId == null ? null : l.receiptItemId,
		skuType: l.sku.skuType || 'Material',
		skuCode: l.sku.code,
		budgetCodeId: null,
	}));
	return {
		items,
		itemsCents,
		taxCents: tax,
		shippingCents: p.shippingCents,
		billCents: itemsCents + tax + p.shippingCents,
	};
}

module.exports = {
	DAY_MS,
	iso,
	dayIso,
	namedRef,
	glRef,
	acctAddress,
	glByNumber,
	itemAccountRefs,
	buildInvoiceItem,
	invoiceTotalsCents,
	appliedCentsForInvoice,
	recomputeCustomerBalance,
	buildBillMoney,
	toQtyHundredths,
};
