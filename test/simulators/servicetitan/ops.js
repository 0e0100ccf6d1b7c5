'use strict';
/**
 * Domain operations shared by HTTP handlers (routes.js) and the simulator's add*() helpers:
 * creating consistent invoices / payments / customers / bills, recomputing totals, bumping
 * modifiedOn through the simulator's monotonic clock.
 *
 * `sim` here is the ServiceTitanSimulator instance (index.js); only `sim.state`, `sim.nowMs()`,
 * `sim.nowIso()` and `sim.indexes` are used.
 */

const { toCents, fmtCents, centsToNumber, toQtyHundredths, rateToPpm, taxCents } = require('./money');
const R = require('./records');
const S = require('./seed');
const { ApiError, badRequest } = require('./http');

/**
 * Next id for a collection: one past the highest id seen (full scan once, then the counter plus a
 * look at the last record, so records pushed by tests never collide).
 */
function nextId(sim, collection, base) {
	const st = sim.state;
	const c = (st.counters = st.counters || {});
	const key = `id:${collection}`;
	const arr = st[collection] || [];
	let max = c[key];
	if (max == null) {
		max = base - 1;
		for (const r of arr) if (r && r.id > max) max = r.id;
	}
	const last = arr[arr.length - 1];
	if (last && last.id > max) max = last.id;
	c[key] = max + 1;
	return max + 1;
}

/** Next value of a plain counter (item ids, applied ids …). */
function nextCounter(sim, key, base) {
	const c = (sim.state.counters = sim.state.counters || {});
	const v = c[key] == null ? base : c[key];
	c[key] = v + 1;
	return v;
}

/** @param {any} sim @param {string} coll @param {number} id */
function find(sim, coll, id) {
	return sim.indexes.findById(sim.state[coll] || [], id);
}

/** Resolve a SKU id against services, materials and equipment. */
function skuLookup(sim, skuId) {
	const s = find(sim, 'services', skuId);
	if (s) return { type: 'Service', sku: { id: s.id, code: s.code, displayName: s.displayName, description: s.description, cost: '0.00', hours: s.hours }, priceCents: toCents(s.price), taxable: !!s.taxable };
	const m = find(sim, 'materials', skuId);
	if (m) return { type: 'Material', sku: { id: m.id, code: m.code, displayName: m.displayName, description: m.description, cost: fmtCents(toCents(m.cost)) }, priceCents: toCents(m.price), taxable: m.taxable !== false };
	const e = find(sim, 'equipment', skuId);
	if (e) return { type: 'Equipment', sku: { id: e.id, code: e.code, displayName: e.displayName, description: e.description, cost: fmtCents(toCents(e.cost)) }, priceCents: toCents(e.price), taxable: e.taxable !== false };
	return null;
}

const ITEM_TYPES = ['Service', 'Material', 'Equipment', 'PriceModifier', 'Unspecified'];

/**
 * Build an invoice item from a simplified input
 * `{type?, skuId?, description?, quantity?, price?|unitPrice?, taxable?, cost?}` (strings or numbers).
 * @param {any} sim @param {any} inv @param {any} input @param {number} order @param {string} field error key prefix
 */
function itemFromInput(sim, inv, input, order, field) {
	if (!input || typeof input !== 'object') throw badRequest(field, 'The item must be an object.');
	const looked = input.skuId != null ? skuLookup(sim, Number(input.skuId)) : null;
	const type = input.type != null ? ITEM_TYPES.find((t) => t.toLowerCase() === String(input.type).toLowerCase()) : looked ? looked.type : 'Unspecified';
	if (!type) throw badRequest(`${field}.type`, `The value '${input.type}' is not valid.`);
	const qtyH = input.quantity == null ? 100 : toQtyHundredths(input.quantity);
	if (Number.isNaN(qtyH)) throw badRequest(`${field}.quantity`, `The value '${input.quantity}' is not valid.`);
	const rawPrice = input.unitPrice != null ? input.unitPrice : input.price;
	const priceCents = rawPrice != null ? toCents(rawPrice) : looked ? looked.priceCents : 0;
	if (Number.isNaN(priceCents)) throw badRequest(`${field}.unitPrice`, `The value '${rawPrice}' is not valid.`);
	const sku = Object.assign({ id: 0, code: input.skuName || null, displayName: null, description: null, cost: '0.00' }, looked ? looked.sku : {});
	if (input.skuName != null) sku.code = String(input.skuName);
	if (input.cost != null) sku.cost = fmtCents(toCents(input.cost));
	if (input.skuId != null) sku.id = Number(input.skuId);
	const now = sim.nowIso();
	return R.buildInvoiceItem({
		id: input.id != null ? Number(input.id) : nextCounter(sim, 'invoiceItem', 1),
		order,
		type,
		sku,
		qtyH,
		priceCents,
		taxable: input.taxable != null ? !!input.taxable : looked ? looked.taxable : type !== 'Service',
		createdOn: now,
		businessUnit: inv.businessUnit,
		accounts: R.itemAccountRefs(sim.state),
		technicianId: input.technicianId == null ? null : Number(input.technicianId),
		serviceDate: inv.invoiceDate,
		description: input.description != null ? String(input.description) : undefined,
	});
}

/**
 * Recompute subTotal / salesTax / total from items and balance from applied payments.
 * @param {any} sim @param {any} inv
 */
function recalcInvoice(sim, inv) {
	const rate = inv.salesTaxCode ? inv.salesTaxCode.taxRate : 0;
	const t = R.invoiceTotalsCents(inv.items || [], rate);
	inv.subTotal = fmtCents(t.subTotal);
	inv.salesTax = fmtCents(t.salesTax);
	inv.total = fmtCents(t.total);
	recalcBalance(sim, inv);
}

/** balance = total − applied payments (cents). */
function recalcBalance(sim, inv) {
	const applied = R.appliedCentsForInvoice(sim.state, inv.id);
	inv.balance = fmtCents(toCents(inv.total) - applied);
}

function salesTaxCodeFor(zone) {
	if (!zone) return null;
	const rate = zone.rates && zone.rates[0] ? zone.rates[0].taxRate : 0;
	return { id: zone.id, name: zone.name, taxRate: rate };
}

/**
 * Create a consistent invoice (+ job unless adjustment / `job: null`). Used by sim.addInvoice and
 * POST /invoices (adjustments).
 * @param {any} sim
 * @param {any} partial see index.d.ts AddInvoiceInput
 */
function createInvoice(sim, partial) {
	const p = Object.assign({}, partial || {});
	const st = sim.state;
	const orig = p.adjustmentToId != null ? find(sim, 'invoices', Number(p.adjustmentToId)) : null;
	if (p.adjustmentToId != null && !orig) throw badRequest('adjustmentToId', `Invoice ${p.adjustmentToId} was not found.`);

	const customer = p.customerId != null ? find(sim, 'customers', Number(p.customerId)) : orig ? find(sim, 'customers', orig.customer.id) : st.customers.find((c) => c.active) || st.customers[0];
	if (!customer) throw badRequest('customerId', `Customer ${p.customerId} was not found.`);
	let location = p.locationId != null ? find(sim, 'locations', Number(p.locationId)) : orig && orig.location ? find(sim, 'locations', orig.location.id) : st.locations.find((l) => l.customerId === customer.id);
	if (p.locationId != null && !location) throw badRequest('locationId', `Location ${p.locationId} was not found.`);
	const bu = p.businessUnitId != null ? find(sim, 'businessUnits', Number(p.businessUnitId)) : orig && orig.businessUnit ? find(sim, 'businessUnits', orig.businessUnit.id) : st.businessUnits[0];
	if (!bu) throw badRequest('businessUnitId', `Business unit ${p.businessUnitId} was not found.`);
	const zoneId = p.taxZoneId != null ? Number(p.taxZoneId) : orig && orig.taxZoneId != null ? orig.taxZoneId : location && location.taxZoneId != null ? location.taxZoneId : st.taxZones[0] && st.taxZones[0].id;
	const zone = zoneId != null ? find(sim, 'taxZones', zoneId) : null;
	if (p.taxZoneId != null && !zone) throw badRequest('taxZoneId', `Tax zone ${p.taxZoneId} was not found.`);

	const nowMs = sim.nowMs();
	const now = R.iso(nowMs);
	const id = nextId(sim, 'invoices', S.ID_BASE.invoice);
	const invoiceDate = p.invoiceDate || p.invoicedOn ? R.dayIso(Date.parse(p.invoiceDate || p.invoicedOn)) : R.dayIso(nowMs);
	const commercial = customer.type === 'Commercial';

	let job = null;
	let jobRec = null;
	if (orig) job = orig.job;
	else if (p.job !== null) {
		const jid = nextId(sim, 'jobs', S.ID_BASE.job);
		job = { id: jid, number: String(jid), type: 'Service Call' };
		jobRec = S.makeJob({
			id: jid,
			customerId: customer.id,
			locationId: location ? location.id : 0,
			businessUnitId: bu.id,
			jobStatus: 'Completed',
			completedOn: now,
			createdOn: now,
			modifiedOn: now,
			invoiceId: id,
			total: 0,
		});
	}
	const inv = {
		id,
		syncStatus: 'Posted',
		summary: orig ? 'Adjustment' : null,
		referenceNumber: p.number != null ? String(p.number) : orig ? `${orig.referenceNumber}.${1 + st.invoices.filter((i) => i.adjustmentToId === orig.id).length}` : job ? job.number : String(id),
		invoiceDate,
		dueDate: commercial ? R.dayIso(Date.parse(invoiceDate) + 30 * R.DAY_MS) : invoiceDate,
		subTotal: '0.00',
		salesTax: '0.00',
		salesTaxCode: salesTaxCodeFor(zone),
		total: '0.00',
		balance: '0.00',
		invoiceType: null,
		customer: R.namedRef(customer),
		customerAddress: R.acctAddress(customer.address),
		location: location ? R.namedRef(location) : null,
		locationAddress: location ? R.acctAddress(location.address) : null,
		businessUnit: R.namedRef(bu),
		termName: commercial ? 'Net 30' : 'Due Upon Receipt',
		createdBy: 'sim',
		batch: null,
		depositedOn: null,
		createdOn: now,
		modifiedOn: now,
		adjustmentToId: orig ? orig.id : null,
		job,
		projectId: null,
		royalty: null,
		employeeInfo: null,
		commissionEligibilityDate: null,
		sentStatus: 'NotSent',
		reviewStatus: 'NeedsReview',
		assignedTo: null,
		items: [],
		customFields: [],
		active: true,
		discountTotal: '0.00',
		importId: null,
		exportId: null,
		materialSkuId: null,
		membershipId: null,
		paidOn: null,
		invoiceConfiguration: 'JobInvoice',
		taxZoneId: zone ? zone.id : null,
		budgetCodeId: null,
	};
	let inputs = p.items;
	if (inputs === undefined && !orig) {
		const svc = st.services.find((s) => s.active && s.price > 0) || st.services[0];
		inputs = svc ? [{ skuId: svc.id, quantity: 1 }] : [{ type: 'Service', description: 'Service call', quantity: 1, price: '100.00' }];
	}
	inv.items = (inputs || []).map((it, i) => itemFromInput(sim, inv, it, i + 1, `items[${i}]`));
	recalcInvoice(sim, inv);

	// remaining keys of `partial` override the built record as-is (tests may want odd data)
	const consumed = new Set(['customerId', 'locationId', 'businessUnitId', 'taxZoneId', 'items', 'number', 'invoiceDate', 'invoicedOn', 'job', 'adjustmentToId']);
	for (const [k, v] of Object.entries(p)) if (!consumed.has(k)) inv[k] = v;

	st.invoices.push(inv);
	if (jobRec) {
		jobRec.total = centsToNumber(toCents(inv.total));
		jobRec.noCharge = toCents(inv.total) === 0;
		st.jobs.push(jobRec);
	}
	R.recomputeCustomerBalance(st, inv.customer.id);
	return inv;
}

/**
 * Create a payment applied to one or more invoices, updating their balances.
 * @param {any} sim
 * @param {any} partial see index.d.ts AddPaymentInput
 */
function createPayment(sim, partial) {
	const p = Object.assign({}, partial || {});
	const st = sim.state;
	let splits = [];
	if (Array.isArray(p.appliedTo)) splits = p.appliedTo.map((a) => ({ invoiceId: Number(a.invoiceId != null ? a.invoiceId : a.appliedTo), amount: a.amount != null ? a.amount : a.appliedAmount }));
	else if (Array.isArray(p.splits)) splits = p.splits.map((a) => ({ invoiceId: Number(a.invoiceId), amount: a.amount }));
	else if (Array.isArray(p.invoiceIds)) splits = p.invoiceIds.map((id) => ({ invoiceId: Number(id) }));
	else if (p.invoiceId != null) splits = [{ invoiceId: Number(p.invoiceId), amount: p.amount }];
	const invoices = splits.map((s) => {
		const inv = find(sim, 'invoices', s.invoiceId);
		if (!inv) throw badRequest('appliedTo', `Invoice ${s.invoiceId} was not found.`);
		return inv;
	});
	const amounts = splits.map((s, i) => {
		const c = s.amount != null ? toCents(s.amount) : toCents(invoices[i].balance);
		if (Number.isNaN(c)) throw badRequest('appliedTo', `Invalid amount '${s.amount}'.`);
		return c;
	});
	const unapplied = p.unappliedAmount != null ? toCents(p.unappliedAmount) : 0;
	const customer = p.customerId != null ? find(sim, 'customers', Number(p.customerId)) : invoices[0] ? find(sim, 'customers', invoices[0].customer.id) : st.customers[0];
	if (!customer) throw badRequest('customerId', `Customer ${p.customerId} was not found.`);
	const typeName = p.type || (p.typeId != null ? (st.paymentTypes.find((t) => String(t.id) === String(p.typeId)) || {}).name : null) || 'Check';
	const type = st.paymentTypes.find((t) => t.name === typeName) || { id: 0, name: typeName };
	const nowMs = sim.nowMs();
	const now = R.iso(nowMs);
	const date = p.date ? R.dayIso(Date.parse(p.date)) : R.dayIso(nowMs);
	const id = nextId(sim, 'payments', S.ID_BASE.payment);
	const appliedTo = invoices.map((inv, i) => ({
		appliedId: nextCounter(sim, 'applied', S.ID_BASE.applied),
		appliedTo: inv.id,
		appliedAmount: fmtCents(amounts[i]),
		appliedOn: now,
		appliedBy: 'sim',
		appliedToReferenceNumber: inv.referenceNumber,
	}));
	const undeposited = R.glByNumber(st, '1200');
	const pay = {
		id,
		active: true,
		syncStatus: 'Posted',
		referenceNumber: p.checkNumber ? `CHK ${p.checkNumber}` : null,
		date,
		type: type.name,
		typeId: String(type.id),
		total: fmtCents(amounts.reduce((a, b) => a + b, 0) + unapplied),
		unappliedAmount: fmtCents(unapplied),
		memo: null,
		customer: R.namedRef(customer),
		businessUnit: invoices[0] ? invoices[0].businessUnit : st.businessUnits[0] ? R.namedRef(st.businessUnits[0]) : null,
		batch: null,
		deposit: null,
		generalLedgerAccount: R.glRef(undeposited),
		appliedTo,
		customFields: [],
		authCode: null,
		checkNumber: p.checkNumber != null ? String(p.checkNumber) : null,
		refundedPaymentId: null,
		createdBy: 'sim',
		createdOn: now,
		modifiedOn: now,
	};
	const consumed = new Set(['appliedTo', 'splits', 'invoiceIds', 'invoiceId', 'amount', 'unappliedAmount', 'customerId', 'type', 'typeId', 'date', 'checkNumber']);
	for (const [k, v] of Object.entries(p)) if (!consumed.has(k)) pay[k] = v;
	st.payments.push(pay);
	for (const inv of invoices) {
		recalcBalance(sim, inv);
		if (toCents(inv.balance) === 0) inv.paidOn = date;
		inv.modifiedOn = sim.nowIso();
	}
	for (const cid of new Set(invoices.map((i) => i.customer.id))) R.recomputeCustomerBalance(st, cid);
	return pay;
}

/**
 * Validate a CRM address object. Required: street, city, state, zip.
 * @returns {Record<string,string[]>} errors
 */
function addressErrors(a, field) {
	const errors = {};
	if (!a || typeof a !== 'object' || Array.isArray(a)) {
		errors[field] = [`The ${field} field is required.`];
		return errors;
	}
	for (const k of ['street', 'city', 'state', 'zip']) {
		if (typeof a[k] !== 'string' || !a[k].trim()) errors[`${field}.${k}`] = [`The ${k} field is required.`];
	}
	return errors;
}

/**
 * POST /crm/.../customers semantics (also sim.addCustomer with `lenient`): validates, creates the
 * customer, its locations and contacts, returns {customer, locations, contacts}.
 * @param {any} sim @param {any} body @param {{lenient?: boolean}} [opts]
 */
function createCustomer(sim, body, opts) {
	const lenient = !!(opts && opts.lenient);
	const st = sim.state;
	let b = body;
	if (lenient) {
		b = Object.assign({}, body || {});
		if (!b.name) b.name = `Sim Customer ${st.customers.length + 1}`;
		if (!b.address) b.address = { street: '1 Test St', city: 'Austin', state: 'TX', zip: '78701', country: 'USA' };
		if (!b.locations || !b.locations.length) b.locations = [{ name: `${b.name} - Home`, address: b.address }];
	}
	if (!b || typeof b !== 'object' || Array.isArray(b)) throw new ApiError(400, undefined, { '': ['A non-empty request body is required.'] });
	const errors = {};
	if (typeof b.name !== 'string' || !b.name.trim()) errors.name = ['The name field is required.'];
	Object.assign(errors, addressErrors(b.address, 'address'));
	if (!Array.isArray(b.locations) || b.locations.length === 0) errors.locations = ['At least one location is required.'];
	else
		b.locations.forEach((l, i) => {
			if (!l || typeof l !== 'object') errors[`locations[${i}]`] = ['The location must be an object.'];
			else {
				if (typeof l.name !== 'string' || !l.name.trim()) errors[`locations[${i}].name`] = ['The name field is required.'];
				Object.assign(errors, addressErrors(l.address, `locations[${i}].address`));
			}
		});
	if (b.type != null && !['Residential', 'Commercial'].includes(b.type)) errors.type = [`The value '${b.type}' is not valid. Values: [Residential, Commercial]`];
	if (Object.keys(errors).length) throw new ApiError(400, undefined, errors);

	const now = sim.nowIso();
	const cust = S.makeCustomer({ id: nextId(sim, 'customers', S.ID_BASE.customer), name: b.name.trim(), type: b.type, address: b.address, createdOn: now, modifiedOn: now });
	for (const k of ['doNotMail', 'doNotService', 'nationalAccount', 'taxExempt']) if (typeof b[k] === 'boolean') cust[k] = b[k];
	for (const k of ['paymentTermId', 'creditLimit', 'creditLimitBalance']) if (typeof b[k] === 'number') cust[k] = b[k];
	if (Array.isArray(b.tagTypeIds)) cust.tagTypeIds = b.tagTypeIds.slice();
	if (Array.isArray(b.customFields)) cust.customFields = b.customFields.map((f) => ({ typeId: f.typeId, name: f.name == null ? null : f.name, value: f.value == null ? null : f.value }));
	if (b.externalData && Array.isArray(b.externalData.externalData)) cust.externalData = b.externalData.externalData.map((e) => ({ key: e.key, value: e.value }));
	if (b.active === false) cust.active = false;
	st.customers.push(cust);
	const mkContacts = (list) =>
		(Array.isArray(list) ? list : []).map((c) => ({ id: nextCounter(sim, 'contact', S.ID_BASE.contact), type: c.type || 'Phone', value: c.value == null ? '' : String(c.value), memo: c.memo == null ? null : c.memo }));
	const locations = b.locations.map((l) => {
		const loc = S.makeLocation({
			id: nextId(sim, 'locations', S.ID_BASE.location),
			customerId: cust.id,
			name: l.name.trim(),
			address: l.address,
			taxZoneId: l.taxZoneId != null ? Number(l.taxZoneId) : st.taxZones[0] ? st.taxZones[0].id : null,
			createdOn: now,
			modifiedOn: now,
		});
		st.locations.push(loc);
		return Object.assign({}, loc, { contacts: mkContacts(l.contacts) });
	});
	const contacts = mkContacts(b.contacts);
	return { customer: cust, locations, contacts };
}

/**
 * Create an inventory bill (and, if none given, a received purchase order) — sim.addInventoryBill.
 * @param {any} sim @param {any} partial see index.d.ts AddInventoryBillInput
 */
function createInventoryBill(sim, partial) {
	const p = Object.assign({}, partial || {});
	const st = sim.state;
	let po = p.purchaseOrderId != null ? find(sim, 'purchaseOrders', Number(p.purchaseOrderId)) : null;
	if (p.purchaseOrderId != null && !po) throw badRequest('purchaseOrderId', `Purchase order ${p.purchaseOrderId} was not found.`);
	const vendor = p.vendorId != null ? find(sim, 'vendors', Number(p.vendorId)) : po ? find(sim, 'vendors', po.vendorId) : st.vendors[0];
	if (!vendor) throw badRequest('vendorId', `Vendor ${p.vendorId} was not found.`);
	const bu = p.businessUnitId != null ? find(sim, 'businessUnits', Number(p.businessUnitId)) : po && po.businessUnitId != null ? find(sim, 'businessUnits', po.businessUnitId) : st.businessUnits[0];
	const inputs = Array.isArray(p.items) && p.items.length ? p.items : [{ skuId: (st.materials[0] || {}).id, quantity: 2 }];
	const lines = inputs.map((it) => {
		const m = it.skuId != null ? find(sim, 'materials', Number(it.skuId)) || find(sim, 'equipment', Number(it.skuId)) : null;
		const sku = m ? { id: m.id, code: m.code, displayName: m.displayName, description: m.description, skuType: find(sim, 'equipment', m.id) ? 'Equipment' : 'Material' } : { id: Number(it.skuId) || 0, code: it.skuCode || 'MISC', displayName: it.name || 'Misc item', description: null, skuType: 'Material' };
		const qty = Number(it.quantity == null ? 1 : it.quantity);
		if (!Number.isInteger(qty)) throw badRequest('items.quantity', 'Bill item quantities must be integers in the simulator.');
		const costCents = it.cost != null ? toCents(it.cost) : m ? toCents(m.cost) : 0;
		return { sku, qty, costCents, receiptItemId: nextCounter(sim, 'receiptItem', S.ID_BASE.receiptItem) };
	});
	const ppm = p.taxRate != null ? rateToPpm(p.taxRate) : rateToPpm(vendor.defaultTaxRate || 0);
	const shippingCents = p.shippingAmount != null ? toCents(p.shippingAmount) : 0;
	const nowMs = sim.nowMs();
	const now = R.iso(nowMs);
	const accounts = { inventory: R.glRef(R.glByNumber(st, '1400')), cos: R.glRef(R.glByNumber(st, '5000')) };
	const firstItemId = nextCounter(sim, 'inventoryBillItem', S.ID_BASE.inventoryBillItem);
	for (let i = 1; i < lines.length; i++) nextCounter(sim, 'inventoryBillItem', S.ID_BASE.inventoryBillItem);
	const money = R.buildBillMoney({ lines, firstItemId, taxPpm: ppm, shippingCents, accounts });
	if (p.taxAmount != null) {
		// explicit tax: keep billAmount consistent (items + tax + shipping)
		money.taxCents = toCents(p.taxAmount);
		money.billCents = money.itemsCents + money.taxCents + money.shippingCents;
	}
	if (!po) {
		const poId = nextId(sim, 'purchaseOrders', S.ID_BASE.purchaseOrder);
		po = {
			id: poId,
			number: `PO-${poId}`,
			invoiceId: null,
			jobId: p.jobId == null ? null : Number(p.jobId),
			projectId: null,
			status: 'Received',
			typeId: 1,
			vendorId: vendor.id,
			technicianId: null,
			shipTo: bu ? R.acctAddress(bu.address) : null,
			businessUnitId: bu ? bu.id : null,
			inventoryLocationId: 1,
			batchId: null,
			budgetCodeId: null,
			vendorDocumentNumber: '',
			date: R.dayIso(nowMs),
			requiredOn: R.dayIso(nowMs),
			sentOn: now,
			receivedOn: now,
			createdOn: now,
			modifiedOn: now,
			total: centsToNumber(money.itemsCents + taxCents(money.itemsCents, ppm) + shippingCents),
			tax: centsToNumber(taxCents(money.itemsCents, ppm)),
			shipping: centsToNumber(shippingCents),
			createdById: 1,
			summary: 'Created by simulator',
			items: lines.map((l) => ({
				id: nextCounter(sim, 'purchaseOrderItem', S.ID_BASE.purchaseOrderItem),
				skuId: l.sku.id,
				description: l.sku.description,
				createdOn: now,
				modifiedOn: now,
				skuName: l.sku.displayName,
				skuCode: l.sku.code,
				skuType: l.sku.skuType,
				vendorPartNumber: l.sku.code,
				quantity: l.qty,
				quantityReceived: l.qty,
				cost: centsToNumber(l.costCents),
				total: centsToNumber(l.qty * l.costCents),
				serialNumbers: [],
				status: 'Received',
				chargeable: false,
				budgetCodeId: null,
			})),
			customFields: [],
		};
		st.purchaseOrders.push(po);
	}
	const id = nextId(sim, 'inventoryBills', S.ID_BASE.inventoryBill);
	const bill = {
		id,
		purchaseOrderId: po.id,
		syncStatus: 'Posted',
		referenceNumber: String(id),
		vendorNumber: p.vendorNumber != null ? String(p.vendorNumber) : `SIM-${id}`,
		summary: po.summary,
		billDate: R.dayIso(nowMs),
		billAmount: fmtCents(money.billCents),
		taxAmount: fmtCents(money.taxCents),
		shippingAmount: fmtCents(money.shippingCents),
		landedCostMethod: 'None',
		otherAmount: '0.00',
		createdBy: 'sim',
		createdOn: now,
		modifiedOn: now,
		termName: 'Net 30',
		dueDate: R.dayIso(nowMs + 30 * R.DAY_MS),
		shipToDescription: bu ? bu.name : null,
		postDate: R.dayIso(nowMs),
		batch: null,
		businessUnit: bu ? R.namedRef(bu) : null,
		taxZone: null,
		vendor: R.namedRef(vendor),
		shipTo: po.shipTo,
		budgetCodeId: null,
		items: money.items,
		customFields: [],
		jobId: po.jobId,
		jobNumber: po.jobId == null ? null : String(po.jobId),
		dateReconciled: null,
		active: true,
	};
	const consumed = new Set(['purchaseOrderId', 'vendorId', 'businessUnitId', 'items', 'taxRate', 'taxAmount', 'shippingAmount', 'vendorNumber', 'jobId']);
	for (const [k, v] of Object.entries(p)) if (!consumed.has(k)) bill[k] = v;
	st.inventoryBills.push(bill);
	return bill;
}

module.exports = {
	nextId,
	nextCounter,
	find,
	skuLookup,
	itemFromInput,
	recalcInvoice,
	recalcBalance,
	salesTaxCodeFor,
	createInvoice,
	createPayment,
	createCustomer,
	createInventoryBill,
	addressErrors,
	ITEM_TYPES,
};
