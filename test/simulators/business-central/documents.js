'use strict';
/**
 * salesInvoices / salesInvoiceLines, salesCreditMemos / salesCreditMemoLines and purchaseInvoices /
 * purchaseInvoiceLines, including deep insert (lines and dimension set lines), totals in integer
 * cents, dimension propagation and the bound Microsoft.NAV.post action.
 */
const { BcError, dialog, fieldValidation, notFound } = require('./errors.js');
const { render, parseBody, EMPTY_GUID, EMPTY_DATE } = require('./store.js');
const { S, C, G, D, B, I, DEC, M, E, RO, ID, LMDT } = require('./fields.js');
const { nextNo, all, byNumber, checkPostingDate, checkDirectPostingAccount, checkDims, defaultDimsFor, postBuffer, addPartyEntry, addDateFormula, applyToInvoice } = require('./ledger.js');
const { lineAmountCents, percentOfCents, parseDec, decToString } = require('../shared/decimal.js');
const { resolveDimension, resolveDimensionValue, dimensionSetLines } = require('./masterdata.js');

const STATUS = E(' ', 'Draft', 'In Review', 'Open', 'Paid', 'Canceled', 'Corrective');
const LINE_TYPES = ['Comment', 'Account', 'Item', 'Resource', 'Fixed Asset', 'Charge'];

/* ------------------------------------------------------------------ configuration per kind */

/**
 * @typedef {Object} Kind
 * @property {'sales'|'purchase'} kind
 * @property {string} headerTable
 * @property {string} lineTable
 * @property {string} partyTable
 * @property {string} partyCaption
 * @property {string} partyIdField
 * @property {string} partyNumberField
 * @property {string} partyNameField
 * @property {string} priceField
 * @property {string} draftSeries
 * @property {string} postedSeries
 * @property {string} headerCaption
 * @property {string} lineCaption
 * @property {string} docWord
 * @property {string} entityType EDM type of the header (salesInvoice, …)
 * @property {string} lineEntityType
 * @property {string} caption entity caption for messages ("Sales Invoice")
 * @property {string} dimsParentType dimensionSetLines parentType of the header
 * @property {string} documentType BC "Document Type" of the draft ('Invoice' / 'Credit Memo')
 * @property {string} dateField document date property (invoiceDate / creditMemoDate)
 * @property {string} postedNoun "invoice" / "credit memo" (action error texts)
 */

/** @type {Kind} */
const SALES = {
	kind: 'sales',
	headerTable: 'salesInvoices',
	lineTable: 'salesInvoiceLines',
	partyTable: 'customers',
	partyCaption: 'Customer',
	partyIdField: 'customerId',
	partyNumberField: 'customerNumber',
	partyNameField: 'customerName',
	priceField: 'unitPrice',
	draftSeries: 'salesInvoiceDraft',
	postedSeries: 'salesInvoicePosted',
	headerCaption: 'Sales Header',
	lineCaption: 'Sales Line',
	docWord: 'sales invoice',
	entityType: 'salesInvoice',
	lineEntityType: 'salesInvoiceLine',
	caption: 'Sales Invoice',
	dimsParentType: 'Sales Invoice',
	documentType: 'Invoice',
	dateField: 'invoiceDate',
	postedNoun: 'invoice',
};

/** @type {Kind} */
const CREDIT_MEMO = {
	...SALES,
	headerTable: 'salesCreditMemos',
	lineTable: 'salesCreditMemoLines',
	draftSeries: 'salesCreditMemoDraft',
	postedSeries: 'salesCreditMemoPosted',
	docWord: 'sales credit memo',
	entityType: 'salesCreditMemo',
	lineEntityType: 'salesCreditMemoLine',
	caption: 'Sales Credit Memo',
	dimsParentType: 'Sales Credit Memo',
	documentType: 'Credit Memo',
	dateField: 'creditMemoDate',
	postedNoun: 'credit memo',
};

/** @type {Kind} */
const PURCHASE = {
	kind: 'purchase',
	headerTable: 'purchaseInvoices',
	lineTable: 'purchaseInvoiceLines',
	partyTable: 'vendors',
	partyCaption: 'Vendor',
	partyIdField: 'vendorId',
	partyNumberField: 'vendorNumber',
	partyNameField: 'vendorName',
	priceField: 'unitCost',
	draftSeries: 'purchaseInvoiceDraft',
	postedSeries: 'purchaseInvoicePosted',
	headerCaption: 'Purchase Header',
	lineCaption: 'Purchase Line',
	docWord: 'purchase invoice',
	entityType: 'purchaseInvoice',
	lineEntityType: 'purchaseInvoiceLine',
	caption: 'Purchase Invoice',
	dimsParentType: 'Purchase Invoice',
	documentType: 'Invoice',
	dateField: 'invoiceDate',
	postedNoun: 'invoice',
};

/* ------------------------------------------------------------------ totals */

/**
 * Compute line and document amounts in integer cents.
 * - line gross = round(quantity × price) half away from zero
 * - line discount = discountAmount, or round(gross × discountPercent / 100)
 * - amountExcludingTax = gross − line discount
 * - header discountAmount is allocated over positive lines proportionally (largest remainder)
 * - tax (sales only) = round(netAmount × tax percent) when the customer is taxLiable, its tax area has
 *   a percent, and the line's taxCode is set and not NONTAXABLE; purchases carry no tax.
 * @param {any} co @param {Kind} k @param {any} doc
 */
function computeDoc(co, k, doc) {
	if (doc.posted && doc.frozen) return doc.frozen;
	const lines = linesOf(co, k, doc.id);
	let taxPct = null;
	if (k.kind === 'sales') {
		const cust = co.t.customers[doc.customerId];
		const area = cust && cust.taxLiable ? co.t.taxAreas[cust.taxAreaId] : null;
		if (area && area.percent && parseDec(area.percent) && parseDec(area.percent).n !== 0n) taxPct = area.percent;
	}
	/** @type {Record<string, any>} */
	const per = {};
	let sumPositive = 0n;
	for (const l of lines) {
		if (l.lineType === 'Comment') {
			per[l.id] = { gross: 0, discount: 0, amountExcludingTax: 0, alloc: 0, net: 0, tax: 0, taxPercent: '0' };
			continue;
		}
		const gross = lineAmountCents(l.quantity || '0', l[k.priceField] || '0');
		const discount = l.discMode === 'pct' ? percentOfCents(gross, l.discountPercent || '0') : l.discountCents || 0;
		const amt = gross - discount;
		per[l.id] = { gross, discount, amountExcludingTax: amt, alloc: 0, net: amt, tax: 0, taxPercent: '0' };
		if (amt > 0) sumPositive += BigInt(amt);
	}
	// invoice discount allocation (largest remainder, integer arithmetic)
	let invDisc = doc.discountCents || 0;
	if (invDisc > Number(sumPositive)) invDisc = Number(sumPositive);
	if (invDisc > 0 && sumPositive > 0n) {
		const shares = [];
		let given = 0n;
		for (const l of lines) {
			const p = per[l.id];
			if (p.amountExcludingTax <= 0) continue;
			const num = BigInt(invDisc) * BigInt(p.amountExcludingTax);
			const q = num / sumPositive;
			shares.push({ p, q, r: num % sumPositive });
			given += q;
		}
		let rest = BigInt(invDisc) - given;
		shares.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : 0));
		for (const s of shares) {
			if (rest <= 0n) break;
			s.q += 1n;
			rest -= 1n;
		}
		for (const s of shares) {
			s.p.alloc = Number(s.q);
			s.p.net = s.p.amountExcludingTax - s.p.alloc;
		}
	}
	let net = 0;
	let tax = 0;
	for (const l of lines) {
		const p = per[l.id];
		if (taxPct && l.lineType !== 'Comment' && l.taxCode && l.taxCode !== 'NONTAXABLE') {
			p.tax = percentOfCents(p.net, taxPct);
			p.taxPercent = taxPct;
		}
		net += p.net;
		tax += p.tax;
	}
	return { lines: per, discount: invDisc, net, tax, total: net + tax };
}

/**
 * Lines of a document, by sequence. Uses the per-company index co.lineIndex[lineTable][docId] (plain
 * data inside the state, so snapshot rollback restores it too).
 * @param {any} co @param {Kind} k @param {string} docId
 */
function linesOf(co, k, docId) {
	const ids = (co.lineIndex[k.lineTable] || {})[docId] || [];
	return ids
		.map((/** @type {string} */ id) => co.t[k.lineTable][id])
		.filter(Boolean)
		.sort((/** @type {any} */ a, /** @type {any} */ b) => a.sequence - b.sequence);
}

/** @param {any} co @param {Kind} k @param {any} line */
function insertLine(co, k, line) {
	co.t[k.lineTable][line.id] = line;
	const idx = (co.lineIndex[k.lineTable] = co.lineIndex[k.lineTable] || {});
	(idx[line.documentId] = idx[line.documentId] || []).push(line.id);
}

/** @param {any} co @param {Kind} k @param {any} line */
function deleteLine(co, k, line) {
	delete co.t[k.lineTable][line.id];
	const idx = co.lineIndex[k.lineTable] || {};
	if (idx[line.documentId]) {
		idx[line.documentId] = idx[line.documentId].filter((/** @type {string} */ id) => id !== line.id);
		if (!idx[line.documentId].length) delete idx[line.documentId];
	}
}

/* ------------------------------------------------------------------ field lists */

const salesHeaderFields = {
	id: ID,
	number: C(20),
	externalDocumentNumber: S(35),
	invoiceDate: D,
	postingDate: D,
	dueDate: D,
	promisedPayDate: D,
	customerPurchaseOrderReference: S(35),
	customerId: G,
	customerNumber: C(20),
	customerName: RO(S(100)),
	billToName: RO(S(100)),
	billToCustomerId: G,
	billToCustomerNumber: C(20),
	shipToName: S(100),
	shipToContact: S(100),
	sellToAddressLine1: S(100),
	sellToAddressLine2: S(50),
	sellToCity: S(30),
	sellToCountry: C(10),
	sellToState: S(30),
	sellToPostCode: C(20),
	billToAddressLine1: S(100),
	billToAddressLine2: S(50),
	billToCity: S(30),
	billToCountry: C(10),
	billToState: S(30),
	billToPostCode: C(20),
	shipToAddressLine1: S(100),
	shipToAddressLine2: S(50),
	shipToCity: S(30),
	shipToCountry: C(10),
	shipToState: S(30),
	shipToPostCode: C(20),
	currencyId: G,
	currencyCode: C(10),
	shortcutDimension1Code: C(20),
	shortcutDimension2Code: C(20),
	orderId: RO(G),
	orderNumber: RO(C(20)),
	paymentTermsId: G,
	shipmentMethodId: G,
	salesperson: C(20),
	disputeStatusId: G,
	disputeStatus: RO(S(50)),
	pricesIncludeTax: RO(B),
	remainingAmount: RO(M),
	discountAmount: M,
	discountAppliedBeforeTax: RO(B),
	totalAmountExcludingTax: RO(M),
	totalTaxAmount: RO(M),
	totalAmountIncludingTax: RO(M),
	status: RO(STATUS),
	lastModifiedDateTime: LMDT,
	phoneNumber: S(30),
	email: S(80),
};

/** Fields of APIV2 page 30038 "Sales Credit Memos" (number is not editable there). */
const creditMemoHeaderFields = {
	id: ID,
	number: RO(C(20)),
	externalDocumentNumber: S(35),
	creditMemoDate: D,
	postingDate: D,
	dueDate: D,
	customerId: G,
	customerNumber: C(20),
	customerName: RO(S(100)),
	billToName: RO(S(100)),
	billToCustomerId: G,
	billToCustomerNumber: C(20),
	sellToAddressLine1: S(100),
	sellToAddressLine2: S(50),
	sellToCity: S(30),
	sellToCountry: C(10),
	sellToState: S(30),
	sellToPostCode: C(20),
	billToAddressLine1: S(100),
	billToAddressLine2: S(50),
	billToCity: S(30),
	billToCountry: C(10),
	billToState: S(30),
	billToPostCode: C(20),
	shortcutDimension1Code: C(20),
	shortcutDimension2Code: C(20),
	currencyId: G,
	currencyCode: C(10),
	paymentTermsId: G,
	shipmentMethodId: G,
	salesperson: C(20),
	pricesIncludeTax: RO(B),
	discountAmount: M,
	discountAppliedBeforeTax: RO(B),
	totalAmountExcludingTax: RO(M),
	totalTaxAmount: RO(M),
	totalAmountIncludingTax: RO(M),
	status: RO(STATUS),
	lastModifiedDateTime: LMDT,
	invoiceId: G,
	invoiceNumber: C(20),
	phoneNumber: S(30),
	email: S(80),
	customerReturnReasonId: G,
};

const purchaseHeaderFields = {
	id: ID,
	number: C(20),
	postingDate: D,
	invoiceDate: D,
	dueDate: D,
	vendorInvoiceNumber: S(35),
	vendorId: G,
	vendorNumber: C(20),
	vendorName: RO(S(100)),
	payToName: RO(S(100)),
	payToContact: S(100),
	payToVendorId: G,
	payToVendorNumber: C(20),
	shipToName: S(100),
	shipToContact: S(100),
	buyFromAddressLine1: S(100),
	buyFromAddressLine2: S(50),
	buyFromCity: S(30),
	buyFromCountry: C(10),
	buyFromState: S(30),
	buyFromPostCode: C(20),
	shipToAddressLine1: S(100),
	shipToAddressLine2: S(50),
	shipToCity: S(30),
	shipToCountry: C(10),
	shipToState: S(30),
	shipToPostCode: C(20),
	payToAddressLine1: S(100),
	payToAddressLine2: S(50),
	payToCity: S(30),
	payToCountry: C(10),
	payToState: S(30),
	payToPostCode: C(20),
	shortcutDimension1Code: C(20),
	shortcutDimension2Code: C(20),
	currencyId: G,
	currencyCode: C(10),
	orderId: RO(G),
	orderNumber: RO(C(20)),
	purchaser: C(20),
	pricesIncludeTax: RO(B),
	discountAmount: M,
	discountAppliedBeforeTax: RO(B),
	totalAmountExcludingTax: RO(M),
	totalTaxAmount: RO(M),
	totalAmountIncludingTax: RO(M),
	status: RO(STATUS),
	lastModifiedDateTime: LMDT,
};

/** @param {'unitPrice'|'unitCost'} priceField @param {'shipmentDate'|'expectedReceiptDate'} dateField */
function lineFields(priceField, dateField) {
	return {
		id: ID,
		documentId: G,
		sequence: I,
		itemId: G,
		accountId: G,
		lineType: E(...LINE_TYPES),
		lineObjectNumber: C(20),
		description: S(100),
		description2: S(50),
		unitOfMeasureId: G,
		unitOfMeasureCode: C(10),
		...(priceField === 'unitCost' ? { unitCost: DEC(), quantity: DEC() } : { quantity: DEC(), unitPrice: DEC() }),
		discountAmount: M,
		discountPercent: DEC(),
		discountAppliedBeforeTax: RO(B),
		amountExcludingTax: RO(M),
		taxCode: C(20),
		taxPercent: RO(DEC()),
		totalTaxAmount: RO(M),
		amountIncludingTax: RO(M),
		invoiceDiscountAllocation: RO(M),
		netAmount: RO(M),
		netTaxAmount: RO(M),
		netAmountIncludingTax: RO(M),
		[dateField]: D,
		itemVariantId: G,
		locationId: G,
	};
}

/* ------------------------------------------------------------------ header logic */

/**
 * @param {any} co @param {Kind} k @param {string|undefined} id @param {string|undefined} number @param {boolean} required
 */
function resolveParty(co, k, id, number, required) {
	const hasId = id && id !== EMPTY_GUID;
	if (!hasId && !number) {
		if (required) throw dialog(`A "${k.partyNumberField}" or a "${k.partyIdField}" must be provided.`);
		return null;
	}
	let p = null;
	if (hasId) {
		p = co.t[k.partyTable][/** @type {string} */ (id)];
		if (!p) throw dialog(`The "${k.partyIdField}" does not match to a ${k.partyCaption}.`);
		if (number && String(number).toUpperCase() !== p.number) {
			throw dialog(k.kind === 'sales' ? 'The sell-to customer values do not match to a specific Customer.' : 'The vendor values do not match to a specific Vendor.');
		}
	} else {
		p = byNumber(co, k.partyTable, /** @type {string} */ (number));
		if (!p) throw dialog(`The "${k.partyNumberField}" provided does not match to a ${k.partyCaption}.`);
	}
	return p;
}

/** @param {any} party @param {string} prefix e.g. 'sellTo' / 'billTo' / 'buyFrom' / 'payTo' / 'shipTo' */
function copyAddress(party, prefix) {
	return {
		[`${prefix}AddressLine1`]: party.addressLine1 || '',
		[`${prefix}AddressLine2`]: party.addressLine2 || '',
		[`${prefix}City`]: party.city || '',
		[`${prefix}Country`]: party.country || '',
		[`${prefix}State`]: party.state || '',
		[`${prefix}PostCode`]: party.postalCode || '',
	};
}

/**
 * Set a global (shortcut) dimension on a header by code ('' removes it).
 * @param {any} ctx @param {any} co @param {any} def @param {any} rec @param {number} index 0/1 @param {string} code
 */
function setShortcutDim(ctx, co, def, rec, index, code) {
	const dimId = co.globalDims[index];
	const dim = co.t.dimensions[dimId];
	rec.dims = rec.dims || [];
	const existing = rec.dims.find((/** @type {any} */ d) => d.id === dimId);
	const old = existing ? existing.valueId : null;
	if (!code) {
		if (existing) {
			rec.dims = rec.dims.filter((/** @type {any} */ d) => d.id !== dimId);
			if (def.onDimChange) def.onDimChange(ctx, co, rec, dimId, old, null);
		}
		return;
	}
	const val = all(co, 'dimensionValues').find((v) => v.dimensionId === dimId && v.code === code);
	if (!val) {
		throw new BcError(
			400,
			'Internal_InvalidTableRelation',
			`The field Shortcut Dimension ${index + 1} Code of table ${def.kind.headerCaption} contains a value (${code}) that cannot be found in the related table (Dimension Value) for dimension ${dim.code}.`,
		);
	}
	if (existing) {
		existing.valueId = val.id;
		ctx.touch(existing);
	} else {
		const line = { id: dimId, valueId: val.id, parentId: rec.id, parentType: def.dimsParentType, _ts: 0, lastModifiedDateTime: '' };
		ctx.touch(line);
		rec.dims.push(line);
	}
	if (old !== val.id && def.onDimChange) def.onDimChange(ctx, co, rec, dimId, old, val.id);
}

/**
 * @param {Kind} k
 * @param {Record<string, any>} fields
 */
function makeHeaderDef(k, fields) {
	/** @type {any} */
	const def = {
		name: k.headerTable,
		type: k.entityType,
		caption: k.caption,
		kind: k,
		fields,
		deep: [k.lineTable, 'dimensionSetLines'],
		dimsParentType: k.dimsParentType,
		storedFilterFields: ['number', k.kind === 'purchase' ? 'vendorInvoiceNumber' : 'externalDocumentNumber'],
		notifyAs: k.headerTable,
		dimsReadOnly: (/** @type {any} */ rec) => !!rec.posted,
		nav: {
			[k.lineTable]: { many: true, def: k.lineTable },
			dimensionSetLines: { many: true, def: 'dimensionSetLines' },
			[k.kind === 'sales' ? 'customer' : 'vendor']: {
				one: true,
				def: k.partyTable,
				fetch: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => co.t[k.partyTable][r[k.partyIdField]] || null,
			},
		},
		list: (/** @type {any} */ ctx, /** @type {any} */ co) => all(co, k.headerTable),
		get(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ _p, /** @type {string} */ key) {
			const r = co.t[k.headerTable][key];
			if (!r) throw notFound(def.caption, key);
			return r;
		},
		view(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) {
			const tot = computeDoc(co, k, r);
			const party = co.t[k.partyTable][r[k.partyIdField]] || {};
			/** @type {Record<string, any>} */
			const computed = {
				[k.partyNumberField]: party.number || r.partyNumberAtPost || '',
				[k.partyNameField]: party.displayName || '',
				discountAmount: tot.discount,
				totalAmountExcludingTax: tot.net,
				totalTaxAmount: tot.tax,
				totalAmountIncludingTax: tot.total,
				discountAppliedBeforeTax: true,
				pricesIncludeTax: false,
				shortcutDimension1Code: dimCode(co, r, 0),
				shortcutDimension2Code: dimCode(co, r, 1),
			};
			if (k.kind === 'sales') {
				const bill = co.t.customers[r.billToCustomerId] || party;
				computed.billToName = bill.displayName || '';
				computed.billToCustomerNumber = bill.number || '';
				computed.remainingAmount = r.posted ? (co.t.custLedgerEntries[r.ledgerEntryId] || {}).remainingCents || 0 : tot.total;
				if (isCreditMemo(k)) Object.assign(computed, appliedInvoiceView(co, r));
			} else {
				const pay = co.t.vendors[r.payToVendorId] || party;
				computed.payToName = pay.displayName || '';
				computed.payToVendorNumber = pay.number || '';
			}
			return render(def, r, computed);
		},
		create(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ _p, /** @type {any} */ body) {
			const { values, deep } = parseBody(def, body, { create: true });
			const party = resolveParty(co, k, values[k.partyIdField], values[k.partyNumberField], true);
			const rec = {
				id: values.id || ctx.newId(),
				number: '',
				status: 'Draft',
				posted: false,
				discountCents: 0,
				dims: /** @type {any[]} */ ([]),
				_ts: 0,
				lastModifiedDateTime: '',
			};
			if (co.t[k.headerTable][rec.id]) throw new BcError(400, 'Internal_EntityWithSameKeyExists', `The record in table ${k.headerCaption} already exists. Identification fields and values: Id='${rec.id}'`);
			if (values.number) {
				if (!ctx.opts.manualDocumentNumbers) throw dialog('You may not enter numbers manually. If you want to enter numbers manually, please activate Manual Nos. in No. Series.');
				if (numberTaken(co, k, values.number)) {
					throw new BcError(
						400,
						'Internal_EntityWithSameKeyExists',
						`The record in table ${k.headerCaption} already exists. Identification fields and values: Document Type='${k.documentType}',No.='${values.number}'`,
					);
				}
				rec.number = values.number;
			} else {
				rec.number = nextNo(co, k.draftSeries, (n) => numberTaken(co, k, n));
			}
			assignParty(ctx, co, k, def, rec, /** @type {any} */ (party));
			applyHeader(ctx, co, k, def, rec, values, true);
			ctx.touch(rec);
			co.t[k.headerTable][rec.id] = rec;
			// deep insert: header, its dimension set and lines atomically (dimensionSetLines come first,
			// as in BC's API page, so new lines inherit them)
			const lines = deep[k.lineTable] || [];
			try {
				for (const db of deep.dimensionSetLines || []) dimensionSetLines.create(ctx, co, { def, rec }, db);
				for (const lb of lines) def.lineDef.create(ctx, co, { def, rec }, lb);
				if ('discountAmount' in values) setInvoiceDiscount(co, k, rec, values.discountAmount);
			} catch (e) {
				for (const l of linesOf(co, k, rec.id)) deleteLine(co, k, l);
				delete co.t[k.headerTable][rec.id];
				throw e;
			}
			ctx.touch(rec);
			indexNumber(co, k, rec.number, rec.id);
			ctx.notify(co, k.headerTable, rec.id, 'created');
			return rec;
		},
		update(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ _p, /** @type {any} */ rec, /** @type {any} */ body, /** @type {any} */ current) {
			if (rec.posted) throw dialog(`The ${k.docWord} ${rec.number} has been posted and cannot be modified.`);
			const { values } = parseBody(def, body, { create: false, current });
			if ('number' in values && values.number !== rec.number) {
				if (!values.number || numberTaken(co, k, values.number)) {
					throw new BcError(400, 'Internal_EntityWithSameKeyExists', `The record in table ${k.headerCaption} already exists. Identification fields and values: Document Type='${k.documentType}',No.='${values.number}'`);
				}
				indexNumber(co, k, rec.number, null);
				rec.number = values.number;
				indexNumber(co, k, rec.number, rec.id);
			}
			if (k.partyIdField in values || k.partyNumberField in values) {
				const party = resolveParty(co, k, values[k.partyIdField], values[k.partyNumberField], true);
				if (party && party.id !== rec[k.partyIdField]) assignParty(ctx, co, k, def, rec, party);
			}
			applyHeader(ctx, co, k, def, rec, values, false);
			if ('discountAmount' in values) setInvoiceDiscount(co, k, rec, values.discountAmount);
			ctx.touch(rec);
			ctx.notify(co, k.headerTable, rec.id, 'updated');
			return rec;
		},
		remove(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ _p, /** @type {any} */ rec) {
			if (rec.posted) throw dialog(`The ${k.docWord} ${rec.number} has been posted and cannot be deleted.`);
			for (const l of linesOf(co, k, rec.id)) deleteLine(co, k, l);
			delete co.t[k.headerTable][rec.id];
			indexNumber(co, k, rec.number, null);
			ctx.notify(co, k.headerTable, rec.id, 'deleted');
		},
		onDimChange(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ rec, /** @type {string} */ dimId, /** @type {string|null} */ oldVal, /** @type {string|null} */ newVal) {
			// BC (API, dialogs suppressed) pushes a header dimension change to the lines whose value
			// still equals the header's old value.
			for (const l of linesOf(co, k, rec.id)) {
				l.dims = l.dims || [];
				const cur = l.dims.find((/** @type {any} */ d) => d.id === dimId);
				if ((cur ? cur.valueId : null) !== oldVal) continue;
				if (newVal === null) l.dims = l.dims.filter((/** @type {any} */ d) => d.id !== dimId);
				else if (cur) {
					cur.valueId = newVal;
					ctx.touch(cur);
				} else {
					const nl = { id: dimId, valueId: newVal, parentId: l.id, parentType: `${def.dimsParentType} Line`, _ts: 0, lastModifiedDateTime: '' };
					ctx.touch(nl);
					l.dims.push(nl);
				}
				ctx.touch(l);
			}
		},
		actions: {
			post: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ rec) => (k.kind === 'sales' ? postSales(ctx, co, k, rec) : postPurchase(ctx, co, def, rec)),
		},
	};
	return def;
}

/** @param {any} co @param {any} rec @param {number} i */
function dimCode(co, rec, i) {
	const d = (rec.dims || []).find((/** @type {any} */ x) => x.id === co.globalDims[i]);
	return d ? (co.t.dimensionValues[d.valueId] || {}).code || '' : '';
}

/** @param {any} co @param {Kind} k @param {string} number */
function numberTaken(co, k, number) {
	return !!(co.numberIndex[k.headerTable] || {})[String(number).toUpperCase()];
}

/**
 * Document numbers in use (draft numbers stay reserved after posting), kept in co.numberIndex.
 * @param {any} co @param {Kind} k @param {string} number @param {string|null} id null removes
 */
function indexNumber(co, k, number, id) {
	const idx = (co.numberIndex[k.headerTable] = co.numberIndex[k.headerTable] || {});
	if (id) idx[String(number).toUpperCase()] = id;
	else delete idx[String(number).toUpperCase()];
}

/**
 * @param {any} ctx @param {any} co @param {Kind} k @param {any} def @param {any} rec @param {any} party
 */
function assignParty(ctx, co, k, def, rec, party) {
	const changing = rec[k.partyIdField] && rec[k.partyIdField] !== party.id;
	rec[k.partyIdField] = party.id;
	if (k.kind === 'sales') {
		rec.billToCustomerId = party.id;
		Object.assign(rec, copyAddress(party, 'sellTo'), copyAddress(party, 'billTo'), copyAddress(party, 'shipTo'));
		rec.shipToName = party.displayName;
		rec.currencyCode = party.currencyCode || '';
		rec.paymentTermsId = party.paymentTermsId || EMPTY_GUID;
		rec.salesperson = party.salespersonCode || '';
		rec.phoneNumber = party.phoneNumber || '';
		rec.email = party.email || '';
	} else {
		rec.payToVendorId = party.id;
		Object.assign(rec, copyAddress(party, 'buyFrom'), copyAddress(party, 'payTo'));
		rec.currencyCode = party.currencyCode || '';
		rec.paymentTermsId = party.paymentTermsId || EMPTY_GUID;
	}
	// default dimensions of the party replace the document's dimension set
	const old = rec.dims || [];
	rec.dims = defaultDimsFor(ctx, co, def.dimsParentType, rec.id, party.id);
	if (changing && def.onDimChange) {
		const ids = new Set([...old.map((/** @type {any} */ d) => d.id), ...rec.dims.map((/** @type {any} */ d) => d.id)]);
		for (const id of ids) {
			const o = old.find((/** @type {any} */ d) => d.id === id);
			const n = rec.dims.find((/** @type {any} */ d) => d.id === id);
			def.onDimChange(ctx, co, rec, id, o ? o.valueId : null, n ? n.valueId : null);
		}
	}
}

/**
 * @param {any} ctx @param {any} co @param {Kind} k @param {any} def @param {any} rec @param {Record<string, any>} values @param {boolean} isCreate
 */
function applyHeader(ctx, co, k, def, rec, values, isCreate) {
	const skip = new Set(['id', 'number', k.partyIdField, k.partyNumberField, 'discountAmount', 'shortcutDimension1Code', 'shortcutDimension2Code', 'invoiceId', 'invoiceNumber', 'customerReturnReasonId']);
	if (isCreditMemo(k)) applyAppliesToInvoice(co, rec, values);
	if (k.kind === 'sales' && ('billToCustomerId' in values || 'billToCustomerNumber' in values)) {
		const bill = resolveParty(co, k, values.billToCustomerId, values.billToCustomerNumber, false);
		if (bill) {
			rec.billToCustomerId = bill.id;
			Object.assign(rec, copyAddress(bill, 'billTo'));
		}
		skip.add('billToCustomerId');
		skip.add('billToCustomerNumber');
	}
	if (k.kind === 'purchase' && ('payToVendorId' in values || 'payToVendorNumber' in values)) {
		const pay = resolveParty(co, k, values.payToVendorId, values.payToVendorNumber, false);
		if (pay) {
			rec.payToVendorId = pay.id;
			Object.assign(rec, copyAddress(pay, 'payTo'));
		}
		skip.add('payToVendorId');
		skip.add('payToVendorNumber');
	}
	if ('paymentTermsId' in values && values.paymentTermsId !== EMPTY_GUID && !co.t.paymentTerms[values.paymentTermsId]) {
		throw new BcError(400, 'Internal_RecordNotFound', `The Payment Terms does not exist. Identification fields and values: Id='${values.paymentTermsId}'`);
	}
	for (const [f, v] of Object.entries(values)) if (!skip.has(f)) rec[f] = v;
	const dateField = k.dateField;
	if (isCreate) {
		// the document date defaults to the work date; postingDate defaults to the document date.
		if (!rec[dateField] || rec[dateField] === EMPTY_DATE) rec[dateField] = ctx.workDate();
		if (!rec.postingDate || rec.postingDate === EMPTY_DATE) rec.postingDate = dateField in values ? rec[dateField] : ctx.workDate();
	}
	if (!('dueDate' in values) && (isCreate || dateField in values || 'paymentTermsId' in values)) {
		const terms = co.t.paymentTerms[rec.paymentTermsId];
		// BC: a credit memo is due on its document date unless the terms apply to credit memos
		const formula = terms && (!isCreditMemo(k) || terms.calculateDiscountOnCreditMemos) ? terms.dueDateCalculation : '0D';
		rec.dueDate = addDateFormula(rec[dateField], formula);
	}
	if ('shortcutDimension1Code' in values) setShortcutDim(ctx, co, def, rec, 0, values.shortcutDimension1Code);
	if ('shortcutDimension2Code' in values) setShortcutDim(ctx, co, def, rec, 1, values.shortcutDimension2Code);
}

/** @param {Kind} k */
const isCreditMemo = (k) => k.documentType === 'Credit Memo';

/**
 * A credit memo's invoiceId / invoiceNumber ("Applies-to Doc. No."). As in BC's API page, the id
 * must be a posted invoice; a number is stored as given and checked when the credit memo posts.
 * @param {any} co @param {any} rec @param {Record<string, any>} values
 */
function applyAppliesToInvoice(co, rec, values) {
	if ('customerReturnReasonId' in values && values.customerReturnReasonId !== EMPTY_GUID) {
		throw dialog('The "customerReturnReasonId" does not match to a Reason Code.');
	}
	const hasId = 'invoiceId' in values && values.invoiceId !== EMPTY_GUID;
	if (hasId) {
		const inv = co.t.salesInvoices[values.invoiceId];
		if (!inv || !inv.posted) throw dialog('The "invoiceId" does not match to an Invoice.');
		if (values.invoiceNumber && values.invoiceNumber !== inv.number) throw dialog('The "invoiceId" and "invoiceNumber" do not match to a specific Invoice.');
		rec.appliesToInvoiceNumber = inv.number;
	} else if ('invoiceId' in values) {
		rec.appliesToInvoiceNumber = values.invoiceNumber || '';
	} else if ('invoiceNumber' in values) {
		rec.appliesToInvoiceNumber = values.invoiceNumber;
	}
}

/** The posted invoice a credit memo applies to (by its stored number), or null. @param {any} co @param {string} number */
function postedInvoiceByNumber(co, number) {
	if (!number) return null;
	const inv = co.t.salesInvoices[(co.numberIndex.salesInvoices || {})[String(number).toUpperCase()]];
	return inv && inv.posted && inv.number === String(number).toUpperCase() ? inv : null;
}

/** @param {any} co @param {any} rec */
function appliedInvoiceView(co, rec) {
	const inv = postedInvoiceByNumber(co, rec.appliesToInvoiceNumber);
	return { invoiceId: inv ? inv.id : EMPTY_GUID, invoiceNumber: rec.appliesToInvoiceNumber || '' };
}

/** @param {any} co @param {Kind} k @param {any} rec @param {number} cents */
function setInvoiceDiscount(co, k, rec, cents) {
	if (cents < 0) throw dialog('The invoice discount amount cannot be negative.');
	const saved = rec.discountCents;
	rec.discountCents = 0;
	const tot = computeDoc(co, k, rec);
	const base = Object.values(tot.lines).reduce((s, /** @type {any} */ p) => s + Math.max(0, p.amountExcludingTax), 0);
	if (cents > base) {
		rec.discountCents = saved;
		throw dialog(`The invoice discount amount (${cents / 100}) cannot be greater than the invoice amount (${base / 100}).`);
	}
	rec.discountCents = cents;
}

/* ------------------------------------------------------------------ line logic */

/** @param {Kind} k @param {Record<string, any>} fields */
function makeLineDef(k, fields) {
	const headerSet = k.headerTable;
	/** @type {any} */
	const def = {
		name: k.lineTable,
		type: k.lineEntityType,
		caption: k.lineCaption,
		kind: k,
		fields,
		dimsParentType: `${k.dimsParentType} Line`,
		dimsReadOnly: (/** @type {any} */ line) => !!line.posted,
		nav: {
			dimensionSetLines: { many: true, def: 'dimensionSetLines' },
			item: { one: true, def: 'items', fetch: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => co.t.items[r.itemId] || null },
			account: { one: true, def: 'accounts', fetch: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => co.t.accounts[r.accountId] || null },
		},
		/** A company-level GET must pin documentId (or id) in $filter. */
		list(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {any} */ q, /** @type {any} */ pins) {
			if (parent) {
				if (parent.def.name !== headerSet) throw dialog('You must get to the parent first.');
				return linesOf(co, k, parent.rec.id);
			}
			const docIds = pins('documentId');
			const ids = pins('id');
			if (!docIds.length && !ids.length) throw dialog('You must specify an Id or a Document Id to get the lines.');
			return all(co, k.lineTable).sort((a, b) => a.sequence - b.sequence);
		},
		get(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {string} */ key) {
			const r = co.t[k.lineTable][key];
			if (!r || (parent && r.documentId !== parent.rec.id)) throw notFound(k.lineCaption, key);
			return r;
		},
		view(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) {
			const doc = co.t[k.headerTable][r.documentId];
			const tot = doc ? computeDoc(co, k, doc) : { lines: {} };
			const p = tot.lines[r.id] || { discount: 0, amountExcludingTax: 0, alloc: 0, net: 0, tax: 0, taxPercent: '0', gross: 0 };
			const pct = r.discMode === 'pct' ? r.discountPercent : p.gross ? (Math.round((p.discount / p.gross) * 100 * 100000) / 100000).toString() : '0';
			return render(def, r, {
				discountAmount: p.discount,
				discountPercent: pct,
				discountAppliedBeforeTax: true,
				amountExcludingTax: p.amountExcludingTax,
				taxPercent: p.taxPercent,
				totalTaxAmount: p.tax,
				amountIncludingTax: p.amountExcludingTax + p.tax,
				invoiceDiscountAllocation: p.alloc,
				netAmount: p.net,
				netTaxAmount: p.tax,
				netAmountIncludingTax: p.net + p.tax,
			});
		},
		create(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {any} */ body) {
			const { values } = parseBody(def, body, { create: true });
			let doc;
			if (parent) {
				doc = parent.rec;
				if ('documentId' in values && values.documentId !== doc.id) throw dialog('The "documentId" does not match the parent document.');
			} else {
				if (!values.documentId || values.documentId === EMPTY_GUID) throw dialog('You must specify a document id to create a line.');
				doc = co.t[k.headerTable][values.documentId];
				if (!doc) throw notFound(k.caption, values.documentId);
			}
			if (doc.posted) throw dialog(`The ${k.docWord} ${doc.number} has been posted and its lines cannot be changed.`);
			const rec = {
				id: values.id || ctx.newId(),
				documentId: doc.id,
				sequence: 0,
				lineType: 'Item',
				itemId: EMPTY_GUID,
				accountId: EMPTY_GUID,
				lineObjectNumber: '',
				description: '',
				quantity: '0',
				[k.priceField]: '0',
				discMode: 'amt',
				discountCents: 0,
				taxCode: '',
				dims: /** @type {any[]} */ ([]),
				posted: false,
				_ts: 0,
				lastModifiedDateTime: '',
			};
			if (co.t[k.lineTable][rec.id]) throw new BcError(400, 'Internal_EntityWithSameKeyExists', `The record in table ${k.lineCaption} already exists. Identification fields and values: Id='${rec.id}'`);
			const existing = linesOf(co, k, doc.id);
			if ('sequence' in values) {
				if (values.sequence <= 0) throw dialog('The "sequence" must be a positive number.');
				if (existing.some((l) => l.sequence === values.sequence)) {
					throw new BcError(
						400,
						'Internal_EntityWithSameKeyExists',
						`The record in table ${k.lineCaption} already exists. Identification fields and values: Document Type='${k.documentType}',Document No.='${doc.number}',Line No.='${values.sequence}'`,
					);
				}
				rec.sequence = values.sequence;
			} else {
				rec.sequence = (existing.length ? existing[existing.length - 1].sequence : 0) + 10000;
			}
			resolveLineObject(co, k, rec, values);
			applyLineValues(co, k, rec, values);
			// the line inherits the header's dimension set
			rec.dims = (doc.dims || []).map((/** @type {any} */ d) => {
				const l = { id: d.id, valueId: d.valueId, parentId: rec.id, parentType: def.dimsParentType, _ts: 0, lastModifiedDateTime: '' };
				ctx.touch(l);
				return l;
			});
			checkLineAmount(k, rec);
			ctx.touch(rec);
			insertLine(co, k, rec);
			ctx.touch(doc);
			ctx.notify(co, k.headerTable, doc.id, 'updated');
			return rec;
		},
		update(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {any} */ rec, /** @type {any} */ body, /** @type {any} */ current) {
			const doc = co.t[k.headerTable][rec.documentId];
			if (rec.posted || (doc && doc.posted)) throw dialog(`The ${k.docWord} ${doc ? doc.number : ''} has been posted and its lines cannot be changed.`);
			const { values } = parseBody(def, body, { create: false, current });
			if ('documentId' in values && values.documentId !== rec.documentId) throw dialog('The "documentId" cannot be changed.');
			if ('sequence' in values && values.sequence !== rec.sequence) throw dialog('The "sequence" cannot be changed. Delete and insert the line again.');
			for (const f of ['lineType', 'itemId', 'accountId', 'lineObjectNumber']) {
				if (f in values && String(values[f]).toUpperCase() !== String(rec[f]).toUpperCase()) {
					throw dialog(`You cannot change the "${f}" of an existing line. Delete and insert the line again.`);
				}
			}
			const before = JSON.stringify(rec);
			applyLineValues(co, k, rec, values);
			try {
				checkLineAmount(k, rec);
			} catch (e) {
				Object.assign(rec, JSON.parse(before));
				throw e;
			}
			ctx.touch(rec);
			if (doc) {
				ctx.touch(doc);
				ctx.notify(co, k.headerTable, doc.id, 'updated');
			}
			return rec;
		},
		remove(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {any} */ rec) {
			const doc = co.t[k.headerTable][rec.documentId];
			if (rec.posted || (doc && doc.posted)) throw dialog(`The ${k.docWord} ${doc ? doc.number : ''} has been posted and its lines cannot be changed.`);
			deleteLine(co, k, rec);
			if (doc) {
				ctx.touch(doc);
				ctx.notify(co, k.headerTable, doc.id, 'updated');
			}
		},
	};
	return def;
}

/** @param {Kind} k @param {any} rec */
function checkLineAmount(k, rec) {
	if (rec.lineType === 'Comment') return;
	const gross = lineAmountCents(rec.quantity || '0', rec[k.priceField] || '0');
	const disc = rec.discMode === 'pct' ? percentOfCents(gross, rec.discountPercent || '0') : rec.discountCents || 0;
	if (Math.abs(disc) > Math.abs(gross)) {
		throw dialog(`The line discount (${disc / 100}) cannot be greater than the line amount (${gross / 100}).`);
	}
}

/**
 * Work out lineType / item / account for a new line and fill defaults from the item or account.
 * @param {any} co @param {Kind} k @param {any} rec @param {Record<string, any>} values
 */
function resolveLineObject(co, k, rec, values) {
	const hasItem = values.itemId && values.itemId !== EMPTY_GUID;
	const hasAcc = values.accountId && values.accountId !== EMPTY_GUID;
	if (hasItem && hasAcc) throw dialog('Both "itemId" and "accountId" are specified. Specify only one of them.');
	let type = values.lineType;
	if (!type) type = hasItem ? 'Item' : hasAcc ? 'Account' : values.lineObjectNumber ? 'Item' : 'Comment';
	if (!['Comment', 'Item', 'Account'].includes(type)) throw dialog(`The simulator does not support lineType '${type}'. Use Item, Account or Comment.`);
	rec.lineType = type;
	if (type === 'Item') {
		if (hasAcc) throw dialog('The "accountId" cannot be used with lineType Item.');
		const item = hasItem ? co.t.items[values.itemId] : values.lineObjectNumber ? byNumber(co, 'items', values.lineObjectNumber) : null;
		if (!item) throw dialog('Item does not exist.');
		if (hasItem && values.lineObjectNumber && values.lineObjectNumber !== item.number) throw dialog('The "lineObjectNumber" and "itemId" do not refer to the same item.');
		if (item.blocked) throw new BcError(400, 'Application_FieldValidationException', `Blocked must be equal to 'No'  in Item: No.=${item.number}. Current value is 'Yes'.`);
		rec.itemId = item.id;
		rec.lineObjectNumber = item.number;
		rec.description = item.displayName;
		rec.unitOfMeasureCode = item.baseUnitOfMeasureCode || '';
		rec.unitOfMeasureId = item.baseUnitOfMeasureId || EMPTY_GUID;
		rec[k.priceField] = k.priceField === 'unitPrice' ? item.unitPrice || '0' : item.unitCost || '0';
		rec.taxCode = item.taxGroupCode || '';
	} else if (type === 'Account') {
		if (hasItem) throw dialog('The "itemId" cannot be used with lineType Account.');
		const acc = hasAcc ? co.t.accounts[values.accountId] : values.lineObjectNumber ? byNumber(co, 'accounts', values.lineObjectNumber) : null;
		if (!acc) throw dialog('Account does not exist.');
		if (hasAcc && values.lineObjectNumber && values.lineObjectNumber !== acc.number) throw dialog('The "lineObjectNumber" and "accountId" do not refer to the same account.');
		checkDirectPostingAccount(acc, k.lineCaption);
		rec.accountId = acc.id;
		rec.lineObjectNumber = acc.number;
		rec.description = acc.displayName;
	} else {
		if (hasItem || hasAcc || values.lineObjectNumber) throw dialog('A comment line cannot have an item or an account.');
	}
}

/** @param {any} co @param {Kind} k @param {any} rec @param {Record<string, any>} values */
function applyLineValues(co, k, rec, values) {
	const simple = ['description', 'description2', 'quantity', k.priceField, 'taxCode', 'shipmentDate', 'expectedReceiptDate', 'itemVariantId', 'locationId'];
	if (rec.lineType === 'Comment' && ['quantity', k.priceField, 'discountAmount', 'discountPercent'].some((f) => f in values && values[f] !== '0' && values[f] !== 0)) {
		throw dialog('A comment line cannot have a quantity, price or discount.');
	}
	for (const f of simple) if (f in values) rec[f] = values[f];
	if ('unitOfMeasureId' in values && values.unitOfMeasureId !== EMPTY_GUID) {
		const u = co.t.unitsOfMeasure[values.unitOfMeasureId];
		if (!u) throw new BcError(400, 'Internal_RecordNotFound', `The Unit of Measure does not exist. Identification fields and values: Id='${values.unitOfMeasureId}'`);
		rec.unitOfMeasureId = u.id;
		rec.unitOfMeasureCode = u.code;
	} else if ('unitOfMeasureCode' in values && values.unitOfMeasureCode) {
		const u = all(co, 'unitsOfMeasure').find((x) => x.code === values.unitOfMeasureCode);
		if (!u) throw new BcError(400, 'Internal_RecordNotFound', `The Unit of Measure does not exist. Identification fields and values: Code='${values.unitOfMeasureCode}'`);
		rec.unitOfMeasureId = u.id;
		rec.unitOfMeasureCode = u.code;
	}
	if ('discountPercent' in values) {
		const p = parseDec(values.discountPercent);
		if (!p || p.n < 0n || Number(values.discountPercent) > 100) throw dialog('The "discountPercent" must be between 0 and 100.');
		rec.discMode = 'pct';
		rec.discountPercent = values.discountPercent;
	} else if ('discountAmount' in values) {
		rec.discMode = 'amt';
		rec.discountCents = values.discountAmount;
	}
}

/* ------------------------------------------------------------------ posting */

/**
 * Microsoft.NAV.post on a sales invoice or sales credit memo. Validates everything first, then
 * writes G/L entries (a credit memo the opposite way of an invoice), a customer ledger entry,
 * renumbers the document from the posted series and sets its status. Keeps the same id. A credit
 * memo with an invoiceNumber is applied to that open invoice of its customer.
 * @param {any} ctx @param {any} co @param {Kind} k @param {any} rec
 */
function postSales(ctx, co, k, rec) {
	const credit = isCreditMemo(k);
	const sign = credit ? -1 : 1;
	if (rec.posted || rec.status !== 'Draft') throw dialog(`The action can be applied to a draft ${k.postedNoun} only.`);
	const lines = linesOf(co, k, rec.id);
	if (credit && !lines.length) throw dialog('Please add at least one line item to the credit memo.');
	const real = lines.filter((l) => l.lineType !== 'Comment');
	if (!real.length) throw dialog('There is nothing to post.');
	const cust = co.t.customers[rec.customerId];
	if (!cust) throw dialog(`The customer of ${k.docWord} ${rec.number} does not exist.`);
	const bill = co.t.customers[rec.billToCustomerId] || cust;
	for (const c of bill === cust ? [cust] : [cust, bill]) {
		// "Invoice" blocks invoices only; credit memos are blocked by "All"
		if (c.blocked === 'All' || (c.blocked === 'Invoice' && !credit)) throw dialog(`You cannot post this type of document when Customer ${c.number} is blocked with type ${c.blocked}`);
	}
	checkPostingDate(ctx, rec.postingDate);
	if (ctx.opts.requireExternalDocumentNumber && !rec.externalDocumentNumber) {
		throw fieldValidation(`External Document No. must have a value in Sales Header: Document Type=${k.documentType}, No.=${rec.number}. It cannot be zero or empty.`);
	}
	for (const l of real) {
		if (!parseDec(l.quantity) || parseDec(l.quantity).n === 0n) {
			throw fieldValidation(`Quantity must have a value in Sales Line: Document Type=${k.documentType}, Document No.=${rec.number}, Line No.=${l.sequence}. It cannot be zero or empty.`);
		}
		checkLineObjectAtPost(co, k, l);
	}
	checkDims(co, rec.dims);
	for (const l of real) checkDims(co, l.dims);
	const tot = computeDoc(co, k, rec);
	if (tot.total < 0) throw dialog(`The total amount for the ${k.postedNoun} must be 0 or greater.`);
	const appliesTo = credit && rec.appliesToInvoiceNumber ? openInvoiceOf(co, rec.appliesToInvoiceNumber, bill) : null;

	// ---- apply
	const postedNo = nextNo(co, k.postedSeries, (n) => numberTaken(co, k, n));
	const description = `${k.documentType} ${rec.number}`;
	const common = { postingDate: rec.postingDate, documentNumber: postedNo, documentType: k.documentType, description, sourceType: 'Customer', sourceNo: bill.number };
	/** @type {{accountNo: string, cents: number, dims?: any[], description?: string}[]} */
	const postings = [{ accountNo: co.postingGroups.customer.receivables, cents: sign * tot.total, dims: rec.dims }];
	for (const l of real) {
		const p = tot.lines[l.id];
		const acc = l.lineType === 'Account' ? co.t.accounts[l.accountId].number : co.postingGroups.genProd[co.t.items[l.itemId].generalProductPostingGroupCode || 'RETAIL'].sales;
		postings.push({ accountNo: acc, cents: -sign * p.net, dims: l.dims });
		if (p.tax) postings.push({ accountNo: co.postingGroups.salesTaxPayable, cents: -sign * p.tax, dims: rec.dims });
		if (l.lineType === 'Item') {
			const item = co.t.items[l.itemId];
			if (item.type === 'Inventory') {
				// an invoice ships from stock; a credit memo takes the goods back
				const cost = lineAmountCents(l.quantity, item.unitCost || '0');
				postings.push({ accountNo: co.postingGroups.genProd[item.generalProductPostingGroupCode || 'RETAIL'].cogs, cents: sign * cost, dims: l.dims });
				postings.push({ accountNo: co.postingGroups.inventory, cents: -sign * cost, dims: l.dims });
				item.inventory = credit ? decAdd(item.inventory || '0', l.quantity) : decSub(item.inventory || '0', l.quantity);
				ctx.touch(item);
				ctx.notify(co, 'items', item.id, 'updated');
			}
		}
	}
	postBuffer(ctx, co, postings, common);
	const cle = addPartyEntry(ctx, co, 'custLedgerEntries', {
		partyId: bill.id,
		postingDate: rec.postingDate,
		dueDate: rec.dueDate,
		documentType: k.documentType,
		documentNumber: postedNo,
		externalDocumentNumber: rec.externalDocumentNumber || '',
		description,
		amountCents: sign * tot.total,
		dims: rec.dims,
		yourReference: rec.customerPurchaseOrderReference || '',
		[credit ? 'creditMemoId' : 'invoiceId']: rec.id,
	});
	if (appliesTo) applyToInvoice(ctx, co, cle, appliesTo.id);
	markPosted(ctx, co, k, rec, lines, { tot, postedNo, ledgerEntryId: cle.id, partyNumber: cust.number, partyTable: 'customers', partyId: bill.id });
	if (credit) rec.status = cle.remainingCents === 0 ? 'Paid' : 'Open';
}

/**
 * The open posted invoice of `bill` with this number — what BC's posting finds for "Applies-to
 * Doc. No." (a FindFirst on open customer ledger entries, which fails with the filter text).
 * @param {any} co @param {string} number @param {any} bill
 */
function openInvoiceOf(co, number, bill) {
	const inv = postedInvoiceByNumber(co, number);
	const cle = inv ? co.t.custLedgerEntries[inv.ledgerEntryId] : null;
	if (!cle || cle.partyId !== bill.id || !cle.open) {
		throw new BcError(
			400,
			'Internal_DataNotFoundFilter',
			`There is no Cust. Ledger Entry within the filter.  Filters: Document No.: ${number}, Document Type: Invoice, Customer No.: ${bill.number}, Open: Yes`,
		);
	}
	return inv;
}

/**
 * Microsoft.NAV.post on a purchase invoice.
 * @param {any} ctx @param {any} co @param {any} def @param {any} rec
 */
function postPurchase(ctx, co, def, rec) {
	const k = PURCHASE;
	if (rec.posted || rec.status !== 'Draft') throw dialog('The action can be applied to a draft invoice only.');
	const lines = linesOf(co, k, rec.id);
	const real = lines.filter((l) => l.lineType !== 'Comment');
	if (!real.length) throw dialog('There is nothing to post.');
	const vend = co.t.vendors[rec.vendorId];
	if (!vend) throw dialog(`The vendor of ${k.docWord} ${rec.number} does not exist.`);
	const pay = co.t.vendors[rec.payToVendorId] || vend;
	for (const v of pay === vend ? [vend] : [vend, pay]) {
		if (v.blocked === 'All') throw dialog(`You cannot post this type of document when Vendor ${v.number} is blocked with type All`);
	}
	checkPostingDate(ctx, rec.postingDate);
	if (!rec.vendorInvoiceNumber) {
		throw fieldValidation(`Vendor Invoice No. must have a value in Purchase Header: Document Type=Invoice, No.=${rec.number}. It cannot be zero or empty.`);
	}
	const dup = all(co, 'vendLedgerEntries').find((e) => e.partyId === pay.id && e.documentType === 'Invoice' && String(e.externalDocumentNumber).toUpperCase() === String(rec.vendorInvoiceNumber).toUpperCase());
	if (dup) throw dialog(`Purchase Invoice ${rec.vendorInvoiceNumber} already exists for this vendor.`);
	for (const l of real) {
		if (!parseDec(l.quantity) || parseDec(l.quantity).n === 0n) {
			throw fieldValidation(`Quantity must have a value in Purchase Line: Document Type=Invoice, Document No.=${rec.number}, Line No.=${l.sequence}. It cannot be zero or empty.`);
		}
		checkLineObjectAtPost(co, k, l);
	}
	checkDims(co, rec.dims);
	for (const l of real) checkDims(co, l.dims);
	const tot = computeDoc(co, k, rec);
	if (tot.total < 0) throw dialog('The total amount for the invoice must be 0 or greater.');

	const postedNo = nextNo(co, k.postedSeries, (n) => numberTaken(co, k, n));
	const common = { postingDate: rec.postingDate, documentNumber: postedNo, documentType: 'Invoice', description: `Invoice ${rec.number}`, sourceType: 'Vendor', sourceNo: pay.number };
	/** @type {{accountNo: string, cents: number, dims?: any[]}[]} */
	const postings = [{ accountNo: co.postingGroups.vendor.payables, cents: -tot.total, dims: rec.dims }];
	for (const l of real) {
		const p = tot.lines[l.id];
		let acc;
		if (l.lineType === 'Account') acc = co.t.accounts[l.accountId].number;
		else {
			const item = co.t.items[l.itemId];
			if (item.type === 'Inventory') {
				acc = co.postingGroups.inventory;
				item.inventory = decAdd(item.inventory || '0', l.quantity);
				ctx.touch(item);
				ctx.notify(co, 'items', item.id, 'updated');
			} else acc = co.postingGroups.genProd[item.generalProductPostingGroupCode || 'RETAIL'].purchases;
		}
		postings.push({ accountNo: acc, cents: p.net + p.tax, dims: l.dims });
	}
	postBuffer(ctx, co, postings, common);
	const vle = addPartyEntry(ctx, co, 'vendLedgerEntries', {
		partyId: pay.id,
		postingDate: rec.postingDate,
		dueDate: rec.dueDate,
		documentType: 'Invoice',
		documentNumber: postedNo,
		externalDocumentNumber: rec.vendorInvoiceNumber,
		description: `Invoice ${rec.number}`,
		amountCents: -tot.total,
		dims: rec.dims,
		invoiceId: rec.id,
	});
	markPosted(ctx, co, k, rec, lines, { tot, postedNo, ledgerEntryId: vle.id, partyNumber: vend.number, partyTable: 'vendors', partyId: pay.id });
}

/**
 * The draft becomes the posted document under the same id: posted number, status, frozen totals
 * and read-only lines (shared by sales and purchase invoices).
 * @param {any} ctx @param {any} co @param {Kind} k @param {any} rec @param {any[]} lines
 * @param {{ tot: any, postedNo: string, ledgerEntryId: string, partyNumber: string, partyTable: string, partyId: string }} posting
 */
function markPosted(ctx, co, k, rec, lines, posting) {
	rec.frozen = posting.tot;
	rec.draftNumber = rec.number;
	rec.number = posting.postedNo;
	indexNumber(co, k, posting.postedNo, rec.id);
	rec.posted = true;
	rec.status = posting.tot.total === 0 ? 'Paid' : 'Open';
	rec.ledgerEntryId = posting.ledgerEntryId;
	rec.partyNumberAtPost = posting.partyNumber;
	for (const l of lines) {
		l.posted = true;
		ctx.touch(l);
	}
	ctx.touch(rec);
	ctx.notify(co, k.headerTable, rec.id, 'updated');
	ctx.notify(co, posting.partyTable, posting.partyId, 'updated');
}

/** @param {any} co @param {Kind} k @param {any} l */
function checkLineObjectAtPost(co, k, l) {
	if (l.lineType === 'Item') {
		const item = co.t.items[l.itemId];
		if (!item) throw dialog('Item does not exist.');
		if (item.blocked) throw fieldValidation(`Blocked must be equal to 'No'  in Item: No.=${item.number}. Current value is 'Yes'.`);
	} else if (l.lineType === 'Account') {
		const acc = co.t.accounts[l.accountId];
		if (!acc) throw dialog('Account does not exist.');
		checkDirectPostingAccount(acc, k.lineCaption);
	}
}

/** @param {string} a @param {string} b */
function decAdd(a, b) {
	const x = parseDec(a) || { n: 0n, s: 0 };
	const y = parseDec(b) || { n: 0n, s: 0 };
	const s = Math.max(x.s, y.s);
	return decToString({ n: x.n * 10n ** BigInt(s - x.s) + y.n * 10n ** BigInt(s - y.s), s });
}
/** @param {string} a @param {string} b */
function decSub(a, b) {
	return decAdd(a, b.startsWith('-') ? b.slice(1) : `-${b}`);
}

/* ------------------------------------------------------------------ definitions */

const salesInvoices = makeHeaderDef(SALES, salesHeaderFields);
const salesInvoiceLines = makeLineDef(SALES, lineFields('unitPrice', 'shipmentDate'));
const salesCreditMemos = makeHeaderDef(CREDIT_MEMO, creditMemoHeaderFields);
const salesCreditMemoLines = makeLineDef(CREDIT_MEMO, lineFields('unitPrice', 'shipmentDate'));
const purchaseInvoices = makeHeaderDef(PURCHASE, purchaseHeaderFields);
const purchaseInvoiceLines = makeLineDef(PURCHASE, lineFields('unitCost', 'expectedReceiptDate'));
salesInvoices.lineDef = salesInvoiceLines;
salesCreditMemos.lineDef = salesCreditMemoLines;
purchaseInvoices.lineDef = purchaseInvoiceLines;

module.exports = {
	salesInvoices,
	salesInvoiceLines,
	salesCreditMemos,
	salesCreditMemoLines,
	purchaseInvoices,
	purchaseInvoiceLines,
	computeDoc,
	SALES,
	CREDIT_MEMO,
	PURCHASE,
	resolveDimension,
	resolveDimensionValue,
};
