'use strict';
/**
 * Endpoint handlers. Each route: `{method, module, pattern, handler}`; `pattern` is relative to
 * `/{module}/v2/tenant/{tenant}` and may contain `{id}`. Handlers get a context
 * `{sim, state, q, params, body}` and return `{status, json}` / `{status, empty: true}` or throw
 * ApiError (→ RFC 7807 body).
 *
 * Choices where servicetitan.md is silent are marked "SIM CHOICE".
 */

const H = require('./http');
const O = require('./ops');
const S = require('./seed');
const R = require('./records');
const { toCents, fmtCents } = require('./money');

const { ApiError, badRequest, notFound, qIds, qInt, qRaw, qDate, qEnum, qEnumList, qList, qBool, ms } = H;

const TRANSACTION_STATUSES = ['Pending', 'Posted', 'Exported'];
const BILL_SYNC_STATUSES = ['Pending', 'Posted', 'Exported', 'PostedAndExported'];
const REVIEW_STATUSES = ['NeedsReview', 'OnHold', 'Reviewed', 'PendingApproval', 'Rejected', 'ReadyForBilling', 'Invoiced'];

// ---------------------------------------------------------------------------------------------
// small helpers
// ---------------------------------------------------------------------------------------------

const ok = (json) => ({ status: 200, json });
const created = (json) => ({ status: 201, json });
const empty = () => ({ status: 200, empty: true });

/** Parse `{id}`; non-numeric → 400. */
function idParam(ctx) {
	const raw = ctx.params.id;
	if (!/^\d+$/.test(raw)) throw badRequest('id', `The value '${raw}' is not valid.`);
	return Number(raw);
}

/** Body must be a JSON object. */
function objectBody(ctx) {
	const b = ctx.body;
	if (!b || typeof b !== 'object' || Array.isArray(b)) throw new ApiError(400, undefined, { '': ['A JSON object request body is required.'] });
	return b;
}

/**
 * Light type validation of a body against `{field: 'string'|'number'|'int'|'boolean'|'array'|'object'|'date'|'string?'...}`.
 * Trailing '?' = null allowed. Unknown fields are ignored (as ST does).
 */
function checkTypes(body, schema, prefix) {
	const errors = {};
	for (const [k, spec] of Object.entries(schema)) {
		if (!(k in body) || body[k] === undefined) continue;
		const nullable = spec.endsWith('?');
		const t = nullable ? spec.slice(0, -1) : spec;
		const v = body[k];
		if (v === null) {
			if (!nullable) errors[`${prefix || ''}${k}`] = [`The ${k} field must not be null.`];
			continue;
		}
		let good;
		switch (t) {
			case 'string':
				good = typeof v === 'string';
				break;
			case 'number':
				good = typeof v === 'number' && Number.isFinite(v);
				break;
			case 'int':
				good = Number.isInteger(v);
				break;
			case 'boolean':
				good = typeof v === 'boolean';
				break;
			case 'array':
				good = Array.isArray(v);
				break;
			case 'object':
				good = typeof v === 'object' && !Array.isArray(v);
				break;
			case 'date':
				good = typeof v === 'string' && H.parseDateLoose(v) !== null;
				break;
			default:
				good = true;
		}
		if (!good) errors[`${prefix || ''}${k}`] = [`The JSON value could not be converted to ${t}.`];
	}
	if (Object.keys(errors).length) throw new ApiError(400, undefined, errors);
}

/** Filter with a list of predicates (nulls skipped). */
function applyFilters(arr, preds) {
	const ps = preds.filter(Boolean);
	if (!ps.length) return arr.slice();
	return arr.filter((r) => {
		for (const p of ps) if (!p(r)) return false;
		return true;
	});
}

const contains = (hay, needle) => hay != null && String(hay).toLowerCase().includes(needle.toLowerCase());

/** Standard paged list handler over a state collection. */
function pagedList(coll, buildPreds, opts) {
	return (ctx) => {
		const preds = buildPreds ? buildPreds(ctx.q, ctx) : [];
		const rows = H.applySort(applyFilters(ctx.state[coll] || [], preds), ctx.q, opts && opts.sort);
		return ok(H.paginate(rows, ctx.q, opts && opts.render, (opts && opts.cap) || 5000));
	};
}

/** Export feed handler over a state collection (no filters; includes inactive records). */
function exportFeed(feed, coll, render) {
	return (ctx) => {
		// includeRecentChanges is accepted and ignored (SIM CHOICE: never repeats records).
		qBool(ctx.q, 'includeRecentChanges');
		return ok(H.exportPage(ctx.sim.indexes, feed, ctx.state[coll] || [], qRaw(ctx.q, 'from'), ctx.sim.options.exportPageSize, render));
	};
}

/** GET /{id}. */
function getById(coll, what, render) {
	return (ctx) => {
		const id = idParam(ctx);
		const r = O.find(ctx.sim, coll, id);
		if (!r) throw notFound(what, id);
		return ok(render ? render(r) : r);
	};
}

/** Common filters: ids (comma, max 50), created/modified ranges, active (True|Any|False). */
function commonPreds(q, opts) {
	const preds = H.dateRangeFilters(q);
	const ids = qIds(q, 'ids');
	if (ids) preds.push((r) => ids.has(r.id));
	if (!opts || opts.active !== false) preds.push(H.activeFilter(q));
	return preds;
}

// ---------------------------------------------------------------------------------------------
// accounting: invoices
// ---------------------------------------------------------------------------------------------

function invoicePreds(q) {
	const preds = H.dateRangeFilters(q);
	const ids = qIds(q, 'ids');
	if (ids) preds.push((r) => ids.has(r.id));
	preds.push(H.activeStateFilter(q));
	const st = qEnumList(q, 'statuses', TRANSACTION_STATUSES);
	if (st) preds.push((r) => st.has(r.syncStatus));
	const bu = qInt(q, 'businessUnitId');
	if (bu !== undefined) preds.push((r) => !!r.businessUnit && r.businessUnit.id === bu);
	const batchId = qInt(q, 'batchId');
	if (batchId !== undefined) preds.push((r) => !!r.batch && r.batch.id === batchId);
	const batchNumber = qInt(q, 'batchNumber');
	if (batchNumber !== undefined) preds.push((r) => !!r.batch && String(r.batch.number) === String(batchNumber));
	const customerId = qInt(q, 'customerId');
	if (customerId !== undefined) preds.push((r) => !!r.customer && r.customer.id === customerId);
	const jobId = qInt(q, 'jobId');
	if (jobId !== undefined) preds.push((r) => !!r.job && r.job.id === jobId);
	const jobNumber = qRaw(q, 'jobNumber');
	if (jobNumber !== undefined) preds.push((r) => !!r.job && r.job.number === jobNumber);
	const number = qRaw(q, 'number');
	if (number !== undefined) preds.push((r) => r.referenceNumber === number);
	const adj = qInt(q, 'adjustmentToId');
	if (adj !== undefined) preds.push((r) => r.adjustmentToId === adj);
	const invOn = qDate(q, 'invoicedOnOrAfter');
	if (invOn !== undefined) preds.push((r) => ms(r.invoiceDate) >= invOn);
	const invB = qDate(q, 'invoicedOnBefore');
	if (invB !== undefined) preds.push((r) => ms(r.invoiceDate) < invB);
	const dueOn = qDate(q, 'dueDateOnOrAfter');
	if (dueOn !== undefined) preds.push((r) => ms(r.dueDate) >= dueOn);
	const dueB = qDate(q, 'dueDateBefore');
	if (dueB !== undefined) preds.push((r) => ms(r.dueDate) < dueB);
	preds.push(...moneyRangePreds(q, 'total'));
	const rs = qEnumList(q, 'reviewStatuses', REVIEW_STATUSES);
	if (rs) preds.push((r) => rs.has(r.reviewStatus));
	return preds;
}

/** totalGreater / totalLess (inclusive, per spec). */
function moneyRangePreds(q, field) {
	const preds = [];
	for (const [name, cmp] of [
		['totalGreater', (a, b) => a >= b],
		['totalLess', (a, b) => a <= b],
	]) {
		const raw = qRaw(q, name);
		if (raw === undefined) continue;
		const c = toCents(raw);
		if (Number.isNaN(c)) throw badRequest(name, `The value '${raw}' is not valid.`);
		preds.push((r) => cmp(toCents(r[field]), c));
	}
	return preds;
}

function invoiceOrderBy(q) {
	// legacy orderBy + orderByDirection (invoices only) → same as sort
	const ob = qRaw(q, 'orderBy');
	if (ob === undefined || qRaw(q, 'sort') !== undefined) return q;
	const dir = (qRaw(q, 'orderByDirection') || '').toLowerCase();
	const q2 = new URLSearchParams(q);
	q2.set('sort', `${dir === 'desc' || dir === 'descending' ? '-' : '+'}${ob}`);
	return q2;
}

const INVOICE_SORT = { invoicedate: (r) => ms(r.invoiceDate), number: (r) => r.referenceNumber || '', total: (r) => toCents(r.total) };

function listInvoices(ctx) {
	const q = invoiceOrderBy(ctx.q);
	const rows = H.applySort(applyFilters(ctx.state.invoices, invoicePreds(q)), q, INVOICE_SORT);
	return ok(H.paginate(rows, q));
}

const INVOICE_UPDATE_SCHEMA = {
	number: 'string?',
	typeId: 'int?',
	invoicedOn: 'date?',
	subtotal: 'number?',
	tax: 'number?',
	taxZoneId: 'int?',
	summary: 'string?',
	royaltyStatus: 'string?',
	royaltyDate: 'date?',
	royaltySentOn: 'date?',
	royaltyMemo: 'string?',
	exportId: 'string?',
	reviewStatus: 'string?',
	assignedToId: 'int?',
	budgetCodeId: 'int?',
	items: 'array?',
	dueDate: 'date?',
	payments: 'array?',
};

/** Apply an InvoiceUpdateRequest-shaped body to an invoice (PATCH and adjustment create). */
function applyInvoiceUpdate(ctx, inv, b) {
	checkTypes(b, INVOICE_UPDATE_SCHEMA);
	if (b.reviewStatus != null && !REVIEW_STATUSES.includes(b.reviewStatus)) throw badRequest('reviewStatus', `The value '${b.reviewStatus}' is not valid.`);
	if (b.royaltyStatus != null && !['Pending', 'Sent', 'Failed'].includes(b.royaltyStatus)) throw badRequest('royaltyStatus', `The value '${b.royaltyStatus}' is not valid.`);
	let zone;
	if (b.taxZoneId != null) {
		zone = O.find(ctx.sim, 'taxZones', b.taxZoneId);
		if (!zone) throw badRequest('taxZoneId', `Tax zone ${b.taxZoneId} was not found.`);
	}
	// validate items before mutating anything
	const existing = new Map((inv.items || []).map((it) => [it.id, it]));
	if (Array.isArray(b.items)) {
		b.items.forEach((it, i) => {
			if (!it || typeof it !== 'object') throw badRequest(`items[${i}]`, 'The item must be an object.');
			if (it.id != null && !existing.has(Number(it.id))) throw badRequest(`items[${i}].id`, `Item ${it.id} does not belong to invoice ${inv.id}.`);
			if (it.id == null && (typeof it.description !== 'string' || it.quantity == null)) {
				throw new ApiError(400, undefined, { [`items[${i}].description`]: ['The description field is required.'], [`items[${i}].quantity`]: ['The quantity field is required.'] });
			}
		});
	}

	if (b.number !== undefined) inv.referenceNumber = b.number;
	if (b.typeId !== undefined) inv.invoiceType = b.typeId == null ? null : { id: b.typeId, name: null };
	if (b.invoicedOn != null) inv.invoiceDate = R.iso(H.parseDateLoose(b.invoicedOn)).replace('.000Z', 'Z');
	if (b.dueDate != null) inv.dueDate = R.dayIso(H.parseDateLoose(b.dueDate));
	if (b.summary !== undefined) inv.summary = b.summary;
	if (b.exportId !== undefined) inv.exportId = b.exportId;
	if (b.reviewStatus != null) inv.reviewStatus = b.reviewStatus;
	if (b.assignedToId !== undefined) inv.assignedTo = b.assignedToId == null ? null : { id: b.assignedToId, name: null };
	if (b.budgetCodeId !== undefined) inv.budgetCodeId = b.budgetCodeId;
	if (b.royaltyStatus != null || b.royaltyDate != null || b.royaltySentOn != null || b.royaltyMemo != null) {
		const r = Object.assign({ status: null, date: null, sentOn: null, memo: null }, inv.royalty || {});
		if (b.royaltyStatus != null) r.status = b.royaltyStatus;
		if (b.royaltyDate != null) r.date = R.iso(H.parseDateLoose(b.royaltyDate));
		if (b.royaltySentOn != null) r.sentOn = R.iso(H.parseDateLoose(b.royaltySentOn));
		if (b.royaltyMemo != null) r.memo = b.royaltyMemo;
		inv.royalty = r;
	}
	let recompute = false;
	if (zone) {
		inv.taxZoneId = zone.id;
		inv.salesTaxCode = O.salesTaxCodeFor(zone);
		recompute = true;
	}
	if (Array.isArray(b.items) && b.items.length) {
		const items = (inv.items || []).slice();
		b.items.forEach((it, i) => {
			if (it.id != null) {
				const old = existing.get(Number(it.id));
				const merged = {
					id: old.id,
					type: old.type,
					skuId: it.skuId != null ? it.skuId : old.skuId || undefined,
					skuName: it.skuName != null ? it.skuName : old.skuName,
					description: it.description != null ? it.description : old.description,
					quantity: it.quantity != null ? it.quantity : old.quantity,
					unitPrice: it.unitPrice != null ? it.unitPrice : old.price,
					cost: it.cost != null ? it.cost : old.cost,
					taxable: old.taxable,
					technicianId: it.technicianId != null ? it.technicianId : old.technicianId,
				};
				const rebuilt = O.itemFromInput(ctx.sim, inv, merged, old.order, `items[${i}]`);
				rebuilt.createdOn = old.createdOn;
				items[items.indexOf(old)] = rebuilt;
			} else {
				items.push(O.itemFromInput(ctx.sim, inv, it, items.length + 1, `items[${i}]`));
			}
		});
		inv.items = items;
		recompute = true;
	}
	if (recompute) O.recalcInvoice(ctx.sim, inv);
	if (b.subtotal != null || b.tax != null) {
		// explicit header amounts win over item sums (as the API allows)
		const sub = b.subtotal != null ? toCents(b.subtotal) : toCents(inv.subTotal);
		const tax = b.tax != null ? toCents(b.tax) : toCents(inv.salesTax);
		inv.subTotal = fmtCents(sub);
		inv.salesTax = fmtCents(tax);
		inv.total = fmtCents(sub + tax);
		O.recalcBalance(ctx.sim, inv);
	}
	inv.modifiedOn = ctx.sim.nowIso();
	R.recomputeCustomerBalance(ctx.state, inv.customer.id);
}

function patchInvoice(ctx) {
	const id = idParam(ctx);
	const inv = O.find(ctx.sim, 'invoices', id);
	if (!inv) throw notFound('Invoice', id);
	applyInvoiceUpdate(ctx, inv, objectBody(ctx));
	return empty();
}

/** POST /invoices — adjustment invoices only (adjustmentToId required) → bare int64 id. */
function createAdjustmentInvoice(ctx) {
	const b = objectBody(ctx);
	if (b.adjustmentToId == null) throw badRequest('adjustmentToId', 'The adjustmentToId field is required.');
	if (!Number.isInteger(b.adjustmentToId)) throw badRequest('adjustmentToId', 'The JSON value could not be converted to int.');
	const orig = O.find(ctx.sim, 'invoices', b.adjustmentToId);
	if (!orig) throw badRequest('adjustmentToId', `Invoice ${b.adjustmentToId} was not found.`);
	checkTypes(b, INVOICE_UPDATE_SCHEMA);
	const inv = O.createInvoice(ctx.sim, { adjustmentToId: orig.id, items: [] });
	const rest = Object.assign({}, b);
	delete rest.adjustmentToId;
	applyInvoiceUpdate(ctx, inv, rest);
	return ok(inv.id);
}

/** POST /invoices/markasexported — array of {invoiceId, externalId?, externalMessage?}. */
function markInvoicesExported(ctx) {
	const b = ctx.body;
	if (!Array.isArray(b)) throw new ApiError(400, undefined, { '': ['The JSON value could not be converted to System.Collections.Generic.List`1[MarkInvoiceAsExportedUpdateRequest].'] });
	const errors = {};
	b.forEach((e, i) => {
		if (!e || typeof e !== 'object' || !Number.isInteger(e.invoiceId)) errors[`[${i}].invoiceId`] = ['The invoiceId field is required and must be an integer.'];
		else {
			if (e.externalId != null && typeof e.externalId !== 'string') errors[`[${i}].externalId`] = ['The JSON value could not be converted to string.'];
			if (e.externalMessage != null && typeof e.externalMessage !== 'string') errors[`[${i}].externalMessage`] = ['The JSON value could not be converted to string.'];
		}
	});
	if (Object.keys(errors).length) throw new ApiError(400, undefined, errors);
	const out = b.map((e) => {
		const inv = O.find(ctx.sim, 'invoices', e.invoiceId);
		if (!inv) return { invoiceId: e.invoiceId, success: false, errorMessage: `Invoice with id ${e.invoiceId} was not found.` };
		const newExportId = e.externalId != null ? e.externalId : inv.exportId;
		if (inv.syncStatus !== 'Exported' || inv.exportId !== newExportId) {
			inv.syncStatus = 'Exported';
			inv.exportId = newExportId;
			inv.modifiedOn = ctx.sim.nowIso();
		}
		// SIM CHOICE: externalMessage is not part of InvoiceResponse; it is kept in state.exportLog.
		ctx.state.exportLog.push({ kind: 'invoice', id: inv.id, externalId: e.externalId == null ? null : e.externalId, externalMessage: e.externalMessage == null ? null : e.externalMessage, at: inv.modifiedOn });
		return { invoiceId: e.invoiceId, success: true, errorMessage: null };
	});
	return ok(out);
}

// ---------------------------------------------------------------------------------------------
// accounting: payments
// ---------------------------------------------------------------------------------------------

function paymentPreds(q) {
	const preds = H.dateRangeFilters(q);
	const ids = qIds(q, 'ids');
	if (ids) preds.push((r) => ids.has(r.id));
	preds.push(H.activeStateFilter(q));
	const st = qEnumList(q, 'statuses', TRANSACTION_STATUSES);
	if (st) preds.push((r) => st.has(r.syncStatus));
	const applied = qIds(q, 'appliedToInvoiceIds');
	if (applied) preds.push((r) => Array.isArray(r.appliedTo) && r.appliedTo.some((a) => applied.has(a.appliedTo)));
	const appliedRef = qRaw(q, 'appliedToReferenceNumber');
	if (appliedRef !== undefined) preds.push((r) => Array.isArray(r.appliedTo) && r.appliedTo.some((a) => a.appliedToReferenceNumber === appliedRef));
	const customerId = qInt(q, 'customerId');
	if (customerId !== undefined) preds.push((r) => !!r.customer && r.customer.id === customerId);
	const bus = qIds(q, 'businessUnitIds');
	if (bus) preds.push((r) => !!r.businessUnit && bus.has(r.businessUnit.id));
	const batchId = qInt(q, 'batchId');
	if (batchId !== undefined) preds.push((r) => !!r.batch && r.batch.id === batchId);
	const batchNumber = qInt(q, 'batchNumber');
	if (batchNumber !== undefined) preds.push((r) => !!r.batch && String(r.batch.number) === String(batchNumber));
	const paidOnAfter = qDate(q, 'paidOnAfter');
	if (paidOnAfter !== undefined) preds.push((r) => ms(r.date) >= paidOnAfter);
	const paidOnBefore = qDate(q, 'paidOnBefore');
	if (paidOnBefore !== undefined) preds.push((r) => ms(r.date) < paidOnBefore);
	preds.push(...moneyRangePreds(q, 'total'));
	return preds;
}

/** POST /payments/status {paymentIds, status} → 200 empty; unknown ids → 400, nothing changed. */
function setPaymentStatus(ctx) {
	const b = objectBody(ctx);
	const errors = {};
	if (!Array.isArray(b.paymentIds) || b.paymentIds.length === 0) errors.paymentIds = ['The paymentIds field is required.'];
	else if (!b.paymentIds.every((x) => Number.isInteger(x))) errors.paymentIds = ['The JSON value could not be converted to System.Int64[].'];
	const status = typeof b.status === 'string' ? TRANSACTION_STATUSES.find((s) => s.toLowerCase() === b.status.toLowerCase()) : undefined;
	if (!status) errors.status = [`The status field is required. Values: [${TRANSACTION_STATUSES.join(', ')}]`];
	if (Object.keys(errors).length) throw new ApiError(400, undefined, errors);
	const payments = b.paymentIds.map((id) => [id, O.find(ctx.sim, 'payments', id)]);
	const missing = payments.filter(([, p]) => !p).map(([id]) => id);
	if (missing.length) throw new ApiError(400, undefined, { paymentIds: [`Payments not found: ${missing.join(', ')}`] }, { data: { notFound: missing } });
	for (const [, p] of payments) {
		if (p.syncStatus !== status) {
			p.syncStatus = status;
			p.modifiedOn = ctx.sim.nowIso();
		}
		ctx.state.exportLog.push({ kind: 'payment', id: p.id, status, at: p.modifiedOn });
	}
	return empty();
}

// ---------------------------------------------------------------------------------------------
// accounting: inventory bills
// ---------------------------------------------------------------------------------------------

/** InventoryBillResponse has no `active` (only the export variant has it). */
function billListView(r) {
	const out = Object.assign({}, r);
	delete out.active;
	return out;
}

function billPreds(q, ctx) {
	const preds = H.dateRangeFilters(q);
	preds.push((r) => r.active !== false); // SIM CHOICE: list endpoints hide inactive bills; export shows them
	const ids = qIds(q, 'ids');
	if (ids) preds.push((r) => ids.has(r.id));
	const batchId = qInt(q, 'batchId');
	if (batchId !== undefined) preds.push((r) => !!r.batch && r.batch.id === batchId);
	const batchNumber = qInt(q, 'batchNumber');
	if (batchNumber !== undefined) preds.push((r) => !!r.batch && String(r.batch.number) === String(batchNumber));
	const billNumber = qRaw(q, 'billNumber');
	if (billNumber !== undefined) preds.push((r) => r.referenceNumber === billNumber);
	const bus = qIds(q, 'businessUnitIds');
	if (bus) preds.push((r) => !!r.businessUnit && bus.has(r.businessUnit.id));
	const vendorIds = qIds(q, 'vendorIds');
	if (vendorIds) preds.push((r) => !!r.vendor && vendorIds.has(r.vendor.id));
	const from = qDate(q, 'dateFrom');
	if (from !== undefined) preds.push((r) => ms(r.billDate) >= from);
	const to = qDate(q, 'dateTo');
	if (to !== undefined) preds.push((r) => ms(r.billDate) <= to);
	const st = qEnumList(q, 'syncStatuses', BILL_SYNC_STATUSES);
	if (st) preds.push((r) => st.has(r.syncStatus));
	const jobNumber = qRaw(q, 'jobNumber');
	if (jobNumber !== undefined) preds.push((r) => r.jobNumber === jobNumber);
	const poNumber = qRaw(q, 'purchaseOrderNumber');
	if (poNumber !== undefined) {
		const po = ctx.state.purchaseOrders.find((p) => p.number === poNumber);
		preds.push((r) => !!po && r.purchaseOrderId === po.id);
	}
	for (const [name, cmp] of [
		['minCost', (a, b) => a >= b],
		['maxCost', (a, b) => a <= b],
	]) {
		const raw = qRaw(q, name);
		if (raw === undefined) continue;
		const c = toCents(raw);
		if (Number.isNaN(c)) throw badRequest(name, `The value '${raw}' is not valid.`);
		preds.push((r) => cmp(toCents(r.billAmount), c));
	}
	return preds;
}

/** GET /inventory-bills → bare array (spec) unless options.inventoryBillsListShape === 'envelope'. */
function listBillsBare(ctx) {
	const rows = H.applySort(applyFilters(ctx.state.inventoryBills, billPreds(ctx.q, ctx)), ctx.q);
	const env = H.paginate(rows, ctx.q, billListView);
	// SIM CHOICE: the bare-array variant honours page/pageSize too (default 50); clients detect the
	// end by a short page.
	return ok(ctx.sim.options.inventoryBillsListShape === 'envelope' ? env : env.data);
}

function listBillsPaginated(ctx) {
	const rows = H.applySort(applyFilters(ctx.state.inventoryBills, billPreds(ctx.q, ctx)), ctx.q);
	return ok(H.paginate(rows, ctx.q, billListView));
}

/** POST /inventory-bills/markasexported {inventoryBillIds} → [{inventoryBillId, success, errorMessage}]. */
function markBillsExported(ctx) {
	const b = objectBody(ctx);
	if (!Array.isArray(b.inventoryBillIds) || !b.inventoryBillIds.every((x) => Number.isInteger(x))) {
		throw badRequest('inventoryBillIds', 'The inventoryBillIds field is required and must be an array of integers.');
	}
	return ok(
		b.inventoryBillIds.map((id) => {
			const bill = O.find(ctx.sim, 'inventoryBills', id);
			if (!bill) return { inventoryBillId: id, success: false, errorMessage: `Inventory bill with id ${id} was not found.` };
			if (bill.syncStatus !== 'Exported') {
				bill.syncStatus = 'Exported';
				bill.modifiedOn = ctx.sim.nowIso();
			}
			ctx.state.exportLog.push({ kind: 'inventoryBill', id, at: bill.modifiedOn });
			return { inventoryBillId: id, success: true, errorMessage: null };
		}),
	);
}

// ---------------------------------------------------------------------------------------------
// accounting: GL accounts, tax zones, payment types
// ---------------------------------------------------------------------------------------------

function glPreds(q) {
	const preds = commonPreds(q);
	const lists = { names: 'name', numbers: 'number', types: 'type', subtypes: 'subtype' };
	for (const [param, field] of Object.entries(lists)) {
		const vals = qList(q, param);
		if (vals.length > 50) throw badRequest(param, 'Maximum 50 values are allowed.');
		if (vals.length) {
			const set = new Set(vals.map((v) => v.toLowerCase()));
			preds.push((r) => r[field] != null && set.has(String(r[field]).toLowerCase()));
		}
	}
	const desc = qRaw(q, 'description');
	if (desc !== undefined) preds.push((r) => contains(r.description, desc));
	const source = qEnum(q, 'source', ['Undefined', 'AccountingSystem', 'ManuallyCreated', 'PublicApi']);
	if (source) preds.push((r) => r.source === source);
	const ig = qBool(q, 'isIntacctGroup');
	if (ig !== undefined) preds.push((r) => r.isIntacctGroup === ig);
	const ib = qBool(q, 'isIntacctBankAccount');
	if (ib !== undefined) preds.push((r) => r.isIntacctBankAccount === ib);
	return preds;
}

const GL_SCHEMA = { name: 'string?', number: 'string?', description: 'string?', type: 'string?', subtype: 'string?', active: 'boolean?' };

function createGlAccount(ctx) {
	const b = objectBody(ctx);
	checkTypes(b, GL_SCHEMA);
	if (!b.name) throw badRequest('name', 'The name field is required.');
	if (ctx.state.glAccounts.some((g) => g.name.toLowerCase() === b.name.toLowerCase())) {
		throw new ApiError(409, `GL account with name '${b.name}' already exists.`, {}, { data: { name: b.name } });
	}
	const now = ctx.sim.nowIso();
	const gl = S.makeGlAccount({ id: O.nextId(ctx.sim, 'glAccounts', S.ID_BASE.glAccount), name: b.name, number: b.number || null, description: b.description, type: b.type || null, subtype: b.subtype, defaultAccountType: null, source: 'PublicApi', createdOn: now, modifiedOn: now });
	ctx.state.glAccounts.push(gl);
	return created(gl);
}

function patchGlAccount(ctx) {
	const id = idParam(ctx);
	const gl = O.find(ctx.sim, 'glAccounts', id);
	if (!gl) throw notFound('GL account', id);
	const b = objectBody(ctx);
	checkTypes(b, GL_SCHEMA);
	if (b.name && ctx.state.glAccounts.some((g) => g !== gl && g.name.toLowerCase() === b.name.toLowerCase())) {
		throw new ApiError(409, `GL account with name '${b.name}' already exists.`);
	}
	for (const k of Object.keys(GL_SCHEMA)) if (b[k] !== undefined) gl[k] = b[k];
	gl.modifiedOn = ctx.sim.nowIso();
	return ok(gl);
}

// ---------------------------------------------------------------------------------------------
// CRM
// ---------------------------------------------------------------------------------------------

function customerPreds(q) {
	const preds = commonPreds(q);
	for (const [param, get] of [
		['name', (r) => r.name],
		['street', (r) => r.address && r.address.street],
		['unit', (r) => r.address && r.address.unit],
		['city', (r) => r.address && r.address.city],
		['state', (r) => r.address && r.address.state],
		['zip', (r) => r.address && r.address.zip],
		['country', (r) => r.address && r.address.country],
	]) {
		const v = qRaw(q, param);
		if (v !== undefined) preds.push((r) => contains(get(r), v));
	}
	return preds;
}

function createCustomerRoute(ctx) {
	const { customer, locations, contacts } = O.createCustomer(ctx.sim, ctx.body);
	return ok(Object.assign({}, customer, { locations, contacts }));
}

const CUSTOMER_UPDATE_SCHEMA = {
	name: 'string?',
	type: 'string?',
	address: 'object?',
	customFields: 'array?',
	externalData: 'object?',
	doNotMail: 'boolean?',
	doNotService: 'boolean?',
	nationalAccount: 'boolean?',
	active: 'boolean?',
	tagTypeIds: 'array?',
	taxExempt: 'boolean?',
	paymentTermId: 'int?',
	creditLimit: 'number?',
	creditLimitBalance: 'number?',
};

function patchCustomer(ctx) {
	const id = idParam(ctx);
	const c = O.find(ctx.sim, 'customers', id);
	if (!c) throw notFound('Customer', id);
	const b = objectBody(ctx);
	checkTypes(b, CUSTOMER_UPDATE_SCHEMA);
	if (b.type != null && !['Residential', 'Commercial'].includes(b.type)) throw badRequest('type', `The value '${b.type}' is not valid.`);
	if (b.name != null && !b.name.trim()) throw badRequest('name', 'The name field must not be empty.');
	if (b.name != null) c.name = b.name;
	if (b.type != null) c.type = b.type;
	if (b.address) c.address = S.crmAddress(Object.assign({}, c.address, b.address));
	for (const k of ['doNotMail', 'doNotService', 'nationalAccount', 'active', 'taxExempt']) if (typeof b[k] === 'boolean') c[k] = b[k];
	for (const k of ['paymentTermId', 'creditLimit', 'creditLimitBalance']) if (b[k] !== undefined) c[k] = b[k];
	if (Array.isArray(b.tagTypeIds)) c.tagTypeIds = b.tagTypeIds.slice();
	if (Array.isArray(b.customFields)) c.customFields = b.customFields.map((f) => ({ typeId: f.typeId, name: f.name == null ? null : f.name, value: f.value == null ? null : f.value }));
	if (b.externalData && Array.isArray(b.externalData.externalData)) {
		const incoming = b.externalData.externalData.map((e) => ({ key: String(e.key), value: e.value == null ? null : String(e.value) }));
		if (b.externalData.patchMode === 'Merge') {
			const map = new Map((c.externalData || []).map((e) => [e.key, e]));
			for (const e of incoming) map.set(e.key, e);
			c.externalData = [...map.values()];
		} else c.externalData = incoming;
	}
	c.modifiedOn = ctx.sim.nowIso();
	return ok(c);
}

function locationPreds(q) {
	const preds = commonPreds(q);
	const cid = qInt(q, 'customerId');
	if (cid !== undefined) preds.push((r) => r.customerId === cid);
	const name = qRaw(q, 'name');
	if (name !== undefined) preds.push((r) => contains(r.name, name));
	return preds;
}

// ---------------------------------------------------------------------------------------------
// inventory
// ---------------------------------------------------------------------------------------------

function vendorPreds(q) {
	// vendors take `ids` as array<int64> (repeated ids=1&ids=2); comma lists are accepted too
	return commonPreds(q);
}

const PO_STATUSES = ['Pending', 'Sent', 'PartiallyReceived', 'Received', 'Exported', 'Canceled'];

function poPreds(q) {
	const preds = commonPreds(q, { active: false });
	const status = qEnum(q, 'status', PO_STATUSES);
	if (status) preds.push((r) => r.status === status);
	const number = qRaw(q, 'number');
	if (number !== undefined) preds.push((r) => r.number === number);
	const jobId = qInt(q, 'jobId');
	if (jobId !== undefined) preds.push((r) => r.jobId === jobId);
	const jobIds = qIds(q, 'jobIds');
	if (jobIds) preds.push((r) => jobIds.has(r.jobId));
	const vendorIds = qIds(q, 'vendorIds');
	if (vendorIds) preds.push((r) => vendorIds.has(r.vendorId));
	const dOn = qDate(q, 'dateOnOrAfter');
	if (dOn !== undefined) preds.push((r) => ms(r.date) >= dOn);
	const dB = qDate(q, 'dateBefore');
	if (dB !== undefined) preds.push((r) => ms(r.date) < dB);
	return preds;
}

// ---------------------------------------------------------------------------------------------
// settings, jpm
// ---------------------------------------------------------------------------------------------

function buPreds(q) {
	const preds = commonPreds(q);
	const name = qRaw(q, 'name');
	if (name !== undefined) preds.push((r) => contains(r.name, name));
	return preds;
}

function jobPreds(q) {
	const preds = commonPreds(q, { active: false });
	const number = qRaw(q, 'number');
	if (number !== undefined) preds.push((r) => r.jobNumber === number);
	for (const [param, field] of [
		['customerId', 'customerId'],
		['locationId', 'locationId'],
		['businessUnitId', 'businessUnitId'],
		['invoiceId', 'invoiceId'],
		['jobTypeId', 'jobTypeId'],
	]) {
		const v = qInt(q, param);
		if (v !== undefined) preds.push((r) => r[field] === v);
	}
	const status = qRaw(q, 'jobStatus');
	if (status !== undefined) {
		const set = new Set(qList(q, 'jobStatus').map((s) => s.toLowerCase()));
		preds.push((r) => set.has(String(r.jobStatus).toLowerCase()));
	}
	const cOn = qDate(q, 'completedOnOrAfter');
	if (cOn !== undefined) preds.push((r) => ms(r.completedOn) >= cOn);
	const cB = qDate(q, 'completedBefore');
	if (cB !== undefined) preds.push((r) => r.completedOn != null && ms(r.completedOn) < cB);
	return preds;
}

// ---------------------------------------------------------------------------------------------
// pricebook
// ---------------------------------------------------------------------------------------------

const SERVICE_SCHEMA = {
	code: 'string',
	displayName: 'string?',
	description: 'string',
	price: 'number?',
	memberPrice: 'number?',
	addOnPrice: 'number?',
	addOnMemberPrice: 'number?',
	taxable: 'boolean?',
	account: 'string?',
	hours: 'number?',
	isLabor: 'boolean?',
	active: 'boolean?',
	businessUnitId: 'int?',
	cost: 'number?',
	categories: 'array?',
	warranty: 'object?',
};

const MATERIAL_SCHEMA = {
	code: 'string',
	displayName: 'string?',
	description: 'string',
	cost: 'number?',
	price: 'number?',
	memberPrice: 'number?',
	addOnPrice: 'number?',
	addOnMemberPrice: 'number?',
	hours: 'number?',
	unitOfMeasure: 'string?',
	isInventory: 'boolean?',
	account: 'string?',
	costOfSaleAccount: 'string?',
	assetAccount: 'string?',
	taxable: 'boolean?',
	active: 'boolean?',
	businessUnitId: 'int?',
	generalLedgerAccountId: 'int?',
	primaryVendor: 'object?',
	categories: 'array?',
};

/**
 * SIM CHOICE: SKU codes are unique (case-insensitive) across services, materials and equipment,
 * as in ServiceTitan's pricebook; a clash → 409.
 */
function codeTaken(state, code, except) {
	const lc = code.trim().toLowerCase();
	for (const coll of ['services', 'materials', 'equipment']) {
		for (const r of state[coll] || []) if (r !== except && typeof r.code === 'string' && r.code.trim().toLowerCase() === lc) return true;
	}
	return false;
}

function createSku(coll, schema, factory, base) {
	return (ctx) => {
		const b = objectBody(ctx);
		const errors = {};
		if (typeof b.code !== 'string' || !b.code.trim()) errors.code = ['The code field is required.'];
		if (typeof b.description !== 'string' || !b.description.trim()) errors.description = ['The description field is required.'];
		if (Object.keys(errors).length) throw new ApiError(400, undefined, errors);
		checkTypes(b, schema);
		if (codeTaken(ctx.state, b.code)) throw new ApiError(409, `A pricebook item with code '${b.code}' already exists.`, {}, { data: { code: b.code } });
		const now = ctx.sim.nowIso();
		const rec = factory(Object.assign({}, pickKeys(b, schema), { id: O.nextId(ctx.sim, coll, base), createdOn: now, modifiedOn: now }));
		ctx.state[coll].push(rec);
		return created(rec);
	};
}

function patchSku(coll, schema, what) {
	return (ctx) => {
		const id = idParam(ctx);
		const rec = O.find(ctx.sim, coll, id);
		if (!rec) throw notFound(what, id);
		const b = objectBody(ctx);
		const lenient = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, v.endsWith('?') ? v : `${v}?`]));
		checkTypes(b, lenient);
		if (b.code != null && !b.code.trim()) throw badRequest('code', 'The code field must not be empty.');
		if (b.code != null && codeTaken(ctx.state, b.code, rec)) throw new ApiError(409, `A pricebook item with code '${b.code}' already exists.`, {}, { data: { code: b.code } });
		for (const k of Object.keys(schema)) if (b[k] !== undefined) rec[k] = b[k];
		rec.modifiedOn = ctx.sim.nowIso();
		return ok(rec);
	};
}

function deleteSku(coll, what) {
	return (ctx) => {
		const id = idParam(ctx);
		const arr = ctx.state[coll];
		const rec = O.find(ctx.sim, coll, id);
		if (!rec) throw notFound(what, id);
		arr.splice(arr.indexOf(rec), 1);
		return { status: 204, empty: true };
	};
}

function pickKeys(b, schema) {
	const out = {};
	for (const k of Object.keys(schema)) if (b[k] !== undefined) out[k] = b[k];
	return out;
}

function materialPreds(q) {
	const preds = commonPreds(q);
	const text = qRaw(q, 'searchText');
	if (text !== undefined) {
		if (text.length > 200) throw badRequest('searchText', 'The field searchText must be a string with a maximum length of 200.');
		preds.push((r) => contains(r.code, text) || contains(r.displayName, text) || contains(r.description, text));
	}
	return preds;
}

// ---------------------------------------------------------------------------------------------
// route table
// ---------------------------------------------------------------------------------------------

/** @returns {{method:string, module:string, pattern:string, handler:(ctx:any)=>any}[]} */
function buildRoutes() {
	/** @type {any[]} */
	const routes = [];
	const add = (method, module, pattern, handler) => routes.push({ method, module, pattern, handler });

	// accounting
	add('GET', 'accounting', '/invoices', listInvoices);
	add('POST', 'accounting', '/invoices', createAdjustmentInvoice);
	add('POST', 'accounting', '/invoices/markasexported', markInvoicesExported);
	add('PATCH', 'accounting', '/invoices/{id}', patchInvoice);
	add('GET', 'accounting', '/export/invoices', exportFeed('invoices', 'invoices'));
	add('GET', 'accounting', '/payments', (ctx) => ok(H.paginate(H.applySort(applyFilters(ctx.state.payments, paymentPreds(ctx.q)), ctx.q), ctx.q)));
	add('POST', 'accounting', '/payments/status', setPaymentStatus);
	add('GET', 'accounting', '/export/payments', exportFeed('payments', 'payments'));
	add('GET', 'accounting', '/payment-types', pagedList('paymentTypes', (q) => commonPreds(q, { active: false })));
	add('GET', 'accounting', '/inventory-bills', listBillsBare);
	add('GET', 'accounting', '/inventory-bills/paginated', listBillsPaginated);
	add('POST', 'accounting', '/inventory-bills/markasexported', markBillsExported);
	add('GET', 'accounting', '/export/inventory-bills', exportFeed('inventory-bills', 'inventoryBills'));
	add('GET', 'accounting', '/gl-accounts', pagedList('glAccounts', glPreds, { sort: { name: (r) => r.name || '', number: (r) => r.number || '' } }));
	add('POST', 'accounting', '/gl-accounts', createGlAccount);
	add('GET', 'accounting', '/gl-accounts/{id}', getById('glAccounts', 'GL account'));
	add('PATCH', 'accounting', '/gl-accounts/{id}', patchGlAccount);
	add('GET', 'accounting', '/tax-zones', pagedList('taxZones', (q) => commonPreds(q), { sort: { name: (r) => r.name || '' } }));

	// crm
	add('GET', 'crm', '/customers', pagedList('customers', customerPreds, { sort: { name: (r) => r.name || '' } }));
	add('POST', 'crm', '/customers', createCustomerRoute);
	add('GET', 'crm', '/customers/{id}', getById('customers', 'Customer'));
	add('PATCH', 'crm', '/customers/{id}', patchCustomer);
	add('GET', 'crm', '/export/customers', exportFeed('customers', 'customers'));
	add('GET', 'crm', '/locations', pagedList('locations', locationPreds));
	add('GET', 'crm', '/locations/{id}', getById('locations', 'Location'));
	add('GET', 'crm', '/export/locations', exportFeed('locations', 'locations'));

	// inventory
	add('GET', 'inventory', '/vendors', pagedList('vendors', vendorPreds, { sort: { name: (r) => r.name || '' } }));
	add('GET', 'inventory', '/vendors/{id}', getById('vendors', 'Vendor'));
	add('GET', 'inventory', '/purchase-orders', pagedList('purchaseOrders', poPreds));
	add('GET', 'inventory', '/purchase-orders/{id}', getById('purchaseOrders', 'Purchase order'));
	add('GET', 'inventory', '/export/purchase-orders', exportFeed('purchase-orders', 'purchaseOrders'));

	// settings
	add('GET', 'settings', '/business-units', pagedList('businessUnits', buPreds, { sort: { name: (r) => r.name || '' } }));
	add('GET', 'settings', '/business-units/{id}', getById('businessUnits', 'Business unit'));
	add('GET', 'settings', '/export/business-units', exportFeed('business-units', 'businessUnits'));

	// jpm
	add('GET', 'jpm', '/jobs', pagedList('jobs', jobPreds));
	add('GET', 'jpm', '/jobs/{id}', getById('jobs', 'Job'));
	add('GET', 'jpm', '/export/jobs', exportFeed('jobs', 'jobs'));

	// pricebook (SIM CHOICE: services have no code/search filter — only ids/active/date ranges;
	// materials additionally support `searchText` over code, displayName and description)
	add('GET', 'pricebook', '/services', pagedList('services', (q) => commonPreds(q)));
	add('POST', 'pricebook', '/services', createSku('services', SERVICE_SCHEMA, S.makeService, S.ID_BASE.service));
	add('GET', 'pricebook', '/services/{id}', getById('services', 'Service'));
	add('PATCH', 'pricebook', '/services/{id}', patchSku('services', SERVICE_SCHEMA, 'Service'));
	add('DELETE', 'pricebook', '/services/{id}', deleteSku('services', 'Service'));
	add('GET', 'pricebook', '/export/services', exportFeed('services', 'services'));
	add('GET', 'pricebook', '/materials', pagedList('materials', materialPreds));
	add('POST', 'pricebook', '/materials', createSku('materials', MATERIAL_SCHEMA, S.makeMaterial, S.ID_BASE.material));
	add('GET', 'pricebook', '/materials/{id}', getById('materials', 'Material'));
	add('PATCH', 'pricebook', '/materials/{id}', patchSku('materials', MATERIAL_SCHEMA, 'Material'));
	add('DELETE', 'pricebook', '/materials/{id}', deleteSku('materials', 'Material'));
	add('GET', 'pricebook', '/export/materials', exportFeed('materials', 'materials'));

	for (const r of routes) {
		r.segments = r.pattern.split('/').filter(Boolean);
		r.key = `${r.method} /${r.module}/v2/tenant/{t}${r.pattern}`;
	}
	return routes;
}

/**
 * Match `rest` (path after /tenant/{t}) against the table.
 * @returns {{route:any, params:Record<string,string>} | {methodMismatch:true, allowed:string[]} | null}
 */
function matchRoute(routes, method, module, rest) {
	const segs = rest.split('/').filter(Boolean);
	let allowed = [];
	let best = null;
	for (const r of routes) {
		if (r.module !== module || r.segments.length !== segs.length) continue;
		const params = {};
		let okMatch = true;
		let literal = 0;
		for (let i = 0; i < segs.length; i++) {
			const p = r.segments[i];
			if (p === '{id}') params.id = decodeURIComponent(segs[i]);
			else if (p.toLowerCase() === segs[i].toLowerCase()) literal++;
			else {
				okMatch = false;
				break;
			}
		}
		if (!okMatch) continue;
		if (r.method !== method) {
			allowed.push(r.method);
			continue;
		}
		// prefer the most literal match (`/invoices/markasexported` over `/invoices/{id}`)
		if (!best || literal > best.literal) best = { route: r, params, literal };
	}
	if (best) return { route: best.route, params: best.params };
	if (allowed.length) return { methodMismatch: true, allowed: [...new Set(allowed)] };
	return null;
}

module.exports = { buildRoutes, matchRoute, billListView, TRANSACTION_STATUSES };
