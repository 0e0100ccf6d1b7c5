'use strict';
/**
 * Master data and reference entity sets: companies, customers, vendors, items, payment terms,
 * tax areas, units of measure, dimensions, dimension values, default dimensions, G/L accounts,
 * bank accounts, G/L entries, and the dimensionSetLines sub-resource.
 */
const { BcError, dialog, notFound } = require('./errors.js');
const { render, parseBody, EMPTY_GUID } = require('./store.js');
const { S, C, G, D, DT, B, I, DEC, M, E, RO, ID, LMDT } = require('./fields.js');
const { nextNo, all, byNumber, byCode } = require('./ledger.js');

/** @param {string} caption @param {string} number */
const sameKey = (caption, number) =>
	new BcError(400, 'Internal_EntityWithSameKeyExists', `The record in table ${caption} already exists. Identification fields and values: No.='${number}'`);

/**
 * Standard getter for records stored in co.t[table].
 * @param {string} table @param {string} caption
 */
const getFrom = (table, caption) => (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {string} */ key) => {
	const r = co.t[table][key];
	if (!r) throw notFound(caption, key);
	return r;
};

/** @param {string} table */
const listFrom = (table) => (/** @type {any} */ ctx, /** @type {any} */ co) => all(co, table);

/** A reference GUID must point to an existing record of `table` (or be empty). */
function checkRef(/** @type {any} */ co, /** @type {string} */ table, /** @type {string} */ id, /** @type {string} */ field) {
	if (!id || id === EMPTY_GUID) return;
	if (!co.t[table][id]) throw new BcError(400, 'Internal_RecordNotFound', `The "${field}" value '${id}' does not refer to an existing record.`);
}

/**
 * Sum of remaining amounts per party, memoized until the next write.
 * @param {any} ctx @param {any} co @param {'custLedgerEntries'|'vendLedgerEntries'} table
 * @returns {Map<string, number>}
 */
function partyBalances(ctx, co, table) {
	return ctx.memo(`${table}:${co.meta.id}`, () => {
		const m = new Map();
		for (const e of all(co, table)) m.set(e.partyId, (m.get(e.partyId) || 0) + e.remainingCents);
		return m;
	});
}

/* ------------------------------------------------------------------ companies */

const companies = {
	name: 'companies',
	type: 'company',
	caption: 'Company',
	readOnly: true,
	fields: {
		id: ID,
		systemVersion: RO(S()),
		timestamp: RO(I),
		name: RO(S(30)),
		displayName: RO(S(250)),
		businessProfileId: RO(S(250)),
		systemCreatedAt: RO(DT),
		systemCreatedBy: RO(G),
		systemModifiedAt: RO(DT),
		systemModifiedBy: RO(G),
	},
	/** @param {any} ctx */
	list: (ctx) => ctx.state.companyOrder.map((/** @type {string} */ id) => ctx.state.companies[id].meta),
	/** @param {any} ctx @param {any} _co @param {any} _p @param {string} key */
	get: (ctx, _co, _p, key) => {
		const c = ctx.state.companies[key];
		if (!c) throw new BcError(404, 'Internal_CompanyNotFound', `The Company does not exist. Identification fields and values: Id='${key}'`);
		return c.meta;
	},
	/** @param {any} ctx @param {any} co @param {any} rec */
	view: (ctx, co, rec) => render(companies, rec),
};

/* ------------------------------------------------------------------ customers */

/**
 * create/update shared by customers and vendors (both are parties with a number series).
 * @param {{ def: () => any, table: string, caption: string, series: string, blank: object }} o
 */
function partyWrites(o) {
	return {
		/** @param {any} ctx @param {any} co @param {any} _p @param {any} body */
		create(ctx, co, _p, body) {
			const { values } = parseBody(o.def(), body, { create: true });
			const rec = { id: values.id || ctx.newId(), number: '', displayName: '', ...o.blank, blocked: '', taxLiable: false, _ts: 0, lastModifiedDateTime: '' };
			if (co.t[o.table][rec.id]) throw sameKey(o.caption, rec.id);
			applyParty(co, o.table, o.caption, rec, values);
			if (!rec.number) rec.number = nextNo(co, o.series, (/** @type {string} */ n) => !!byNumber(co, o.table, n));
			ctx.touch(rec);
			co.t[o.table][rec.id] = rec;
			ctx.notify(co, o.table, rec.id, 'created');
			return rec;
		},
		/** @param {any} ctx @param {any} co @param {any} _p @param {any} rec @param {any} body @param {any} current */
		update(ctx, co, _p, rec, body, current) {
			const { values } = parseBody(o.def(), body, { create: false, current });
			applyParty(co, o.table, o.caption, rec, values);
			ctx.touch(rec);
			ctx.notify(co, o.table, rec.id, 'updated');
			return rec;
		},
	};
}

const customers = {
	name: 'customers',
	storedFilterFields: ['number', 'displayName'],
	type: 'customer',
	caption: 'Customer',
	fields: {
		id: ID,
		number: C(20),
		displayName: S(100),
		type: E('Company', 'Person'),
		addressLine1: S(100),
		addressLine2: S(50),
		city: S(30),
		state: S(30),
		country: C(10),
		postalCode: C(20),
		phoneNumber: S(30),
		email: S(80),
		website: S(80),
		salespersonCode: C(20),
		balanceDue: RO(M),
		creditLimit: M,
		taxLiable: B,
		taxAreaId: G,
		taxAreaDisplayName: RO(S(100)),
		taxRegistrationNumber: S(20),
		currencyId: G,
		currencyCode: C(10),
		paymentTermsId: G,
		shipmentMethodId: G,
		paymentMethodId: G,
		blocked: E('', 'Ship', 'Invoice', 'All'),
		lastModifiedDateTime: LMDT,
	},
	nav: {
		defaultDimensions: { many: true, def: 'defaultDimensions' },
		paymentTerm: { one: true, def: 'paymentTerms', fetch: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => co.t.paymentTerms[r.paymentTermsId] || null },
	},
	dimsOwnerType: 'Customer',
	list: listFrom('customers'),
	get: getFrom('customers', 'Customer'),
	/** @param {any} ctx @param {any} co @param {any} r */
	view(ctx, co, r) {
		const balance = partyBalances(ctx, co, 'custLedgerEntries').get(r.id) || 0;
		const ta = co.t.taxAreas[r.taxAreaId];
		return render(customers, r, { balanceDue: balance, taxAreaDisplayName: ta ? ta.displayName : '' });
	},
	...partyWrites({
		def: () => customers,
		table: 'customers',
		caption: 'Customer',
		series: 'customer',
		blank: { type: 'Company', creditLimit: 0 },
	}),
	/** @param {any} ctx @param {any} co @param {any} _p @param {any} rec */
	remove(ctx, co, _p, rec) {
		if (all(co, 'custLedgerEntries').some((e) => e.partyId === rec.id && e.open)) {
			throw dialog(`You cannot delete Customer ${rec.number} because there is at least one outstanding Sales Invoice for this customer.`);
		}
		if (all(co, 'salesInvoices').some((i) => i.customerId === rec.id && !i.posted)) {
			throw dialog(`You cannot delete Customer ${rec.number} because there is at least one outstanding Sales Invoice for this customer.`);
		}
		delete co.t.customers[rec.id];
		for (const d of all(co, 'defaultDimensions')) if (d.parentId === rec.id) delete co.t.defaultDimensions[d.id];
		ctx.notify(co, 'customers', rec.id, 'deleted');
	},
};

/**
 * Shared field application for customers and vendors.
 * @param {any} co @param {string} table @param {string} caption @param {any} rec @param {Record<string,any>} values
 */
function applyParty(co, table, caption, rec, values) {
	if ('number' in values) {
		if (!values.number) throw new BcError(400, 'Application_FieldValidationException', 'No. must have a value. It cannot be zero or empty.');
		const other = byNumber(co, table, values.number);
		if (other && other.id !== rec.id) throw sameKey(caption, values.number);
	}
	if ('taxAreaId' in values) checkRef(co, 'taxAreas', values.taxAreaId, 'taxAreaId');
	if ('paymentTermsId' in values) checkRef(co, 'paymentTerms', values.paymentTermsId, 'paymentTermsId');
	Object.assign(rec, values);
}

/* ------------------------------------------------------------------ vendors */

const vendors = {
	name: 'vendors',
	storedFilterFields: ['number', 'displayName'],
	type: 'vendor',
	caption: 'Vendor',
	fields: {
		id: ID,
		number: C(20),
		displayName: S(100),
		addressLine1: S(100),
		addressLine2: S(50),
		city: S(30),
		state: S(30),
		country: C(10),
		postalCode: C(20),
		phoneNumber: S(30),
		email: S(80),
		website: S(80),
		taxRegistrationNumber: S(20),
		currencyId: G,
		currencyCode: C(10),
		irs1099Code: C(10),
		paymentTermsId: G,
		paymentMethodId: G,
		taxLiable: B,
		blocked: E('', 'Payment', 'All'),
		balance: RO(M),
		lastModifiedDateTime: LMDT,
	},
	nav: {
		defaultDimensions: { many: true, def: 'defaultDimensions' },
		paymentTerm: { one: true, def: 'paymentTerms', fetch: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => co.t.paymentTerms[r.paymentTermsId] || null },
	},
	dimsOwnerType: 'Vendor',
	list: listFrom('vendors'),
	get: getFrom('vendors', 'Vendor'),
	/** @param {any} ctx @param {any} co @param {any} r */
	view(ctx, co, r) {
		// Balance (LCY) is positive when we owe the vendor; vendor ledger amounts are negative for invoices.
		const bal = -(partyBalances(ctx, co, 'vendLedgerEntries').get(r.id) || 0);
		return render(vendors, r, { balance: bal });
	},
	...partyWrites({
		def: () => vendors,
		table: 'vendors',
		caption: 'Vendor',
		series: 'vendor',
		blank: {},
	}),
	/** @param {any} ctx @param {any} co @param {any} _p @param {any} rec */
	remove(ctx, co, _p, rec) {
		if (all(co, 'vendLedgerEntries').some((e) => e.partyId === rec.id && e.open) || all(co, 'purchaseInvoices').some((i) => i.vendorId === rec.id && !i.posted)) {
			throw dialog(`You cannot delete Vendor ${rec.number} because there is at least one outstanding Purchase Invoice for this vendor.`);
		}
		delete co.t.vendors[rec.id];
		ctx.notify(co, 'vendors', rec.id, 'deleted');
	},
};

/* ------------------------------------------------------------------ items */

const items = {
	name: 'items',
	storedFilterFields: ['number', 'displayName'],
	type: 'item',
	caption: 'Item',
	fields: {
		id: ID,
		number: C(20),
		displayName: S(100),
		displayName2: S(50),
		type: E('Inventory', 'Service', 'Non-Inventory'),
		itemCategoryId: G,
		itemCategoryCode: C(20),
		blocked: B,
		gtin: C(14),
		inventory: RO(DEC()),
		unitPrice: DEC(),
		priceIncludesTax: B,
		unitCost: DEC(),
		taxGroupId: G,
		taxGroupCode: C(20),
		baseUnitOfMeasureId: G,
		baseUnitOfMeasureCode: C(10),
		generalProductPostingGroupId: G,
		generalProductPostingGroupCode: C(20),
		inventoryPostingGroupId: G,
		inventoryPostingGroupCode: C(20),
		lastModifiedDateTime: LMDT,
	},
	nav: {
		unitOfMeasure: { one: true, def: 'unitsOfMeasure', fetch: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => co.t.unitsOfMeasure[r.baseUnitOfMeasureId] || null },
	},
	list: listFrom('items'),
	get: getFrom('items', 'Item'),
	/** @param {any} ctx @param {any} co @param {any} r */
	view(ctx, co, r) {
		return render(items, r, { inventory: r.type === 'Inventory' ? r.inventory || '0' : '0' });
	},
	/** @param {any} ctx @param {any} co @param {any} _p @param {any} body */
	create(ctx, co, _p, body) {
		const { values } = parseBody(items, body, { create: true });
		const rec = {
			id: values.id || ctx.newId(),
			number: '',
			displayName: '',
			type: 'Inventory',
			blocked: false,
			unitPrice: '0',
			unitCost: '0',
			inventory: '0',
			taxGroupCode: '',
			generalProductPostingGroupCode: '',
			inventoryPostingGroupCode: '',
			_ts: 0,
			lastModifiedDateTime: '',
		};
		if (co.t.items[rec.id]) throw sameKey('Item', rec.id);
		applyItem(co, rec, values);
		if (!rec.generalProductPostingGroupCode) rec.generalProductPostingGroupCode = rec.type === 'Service' ? 'SERVICES' : 'RETAIL';
		if (!rec.inventoryPostingGroupCode && rec.type === 'Inventory') rec.inventoryPostingGroupCode = 'RESALE';
		if (!rec.baseUnitOfMeasureCode) applyItem(co, rec, { baseUnitOfMeasureCode: rec.type === 'Service' ? 'HOUR' : 'PCS' });
		if (!rec.number) rec.number = nextNo(co, 'item', (n) => !!byNumber(co, 'items', n));
		ctx.touch(rec);
		co.t.items[rec.id] = rec;
		ctx.notify(co, 'items', rec.id, 'created');
		return rec;
	},
	/** @param {any} ctx @param {any} co @param {any} _p @param {any} rec @param {any} body @param {any} current */
	update(ctx, co, _p, rec, body, current) {
		const { values } = parseBody(items, body, { create: false, current });
		applyItem(co, rec, values);
		ctx.touch(rec);
		ctx.notify(co, 'items', rec.id, 'updated');
		return rec;
	},
	/** @param {any} ctx @param {any} co @param {any} _p @param {any} rec */
	remove(ctx, co, _p, rec) {
		const used = ['salesInvoiceLines', 'purchaseInvoiceLines'].some((t) => all(co, t).some((l) => l.itemId === rec.id));
		if (used) throw dialog(`You cannot delete Item ${rec.number} because there is at least one document line that includes this item.`);
		delete co.t.items[rec.id];
		ctx.notify(co, 'items', rec.id, 'deleted');
	},
};

/** @param {any} co @param {any} rec @param {Record<string, any>} values */
function applyItem(co, rec, values) {
	if ('number' in values) {
		if (!values.number) throw new BcError(400, 'Application_FieldValidationException', 'No. must have a value. It cannot be zero or empty.');
		const other = byNumber(co, 'items', values.number);
		if (other && other.id !== rec.id) throw sameKey('Item', values.number);
	}
	if ('baseUnitOfMeasureId' in values && values.baseUnitOfMeasureId !== EMPTY_GUID) {
		const u = co.t.unitsOfMeasure[values.baseUnitOfMeasureId];
		if (!u) throw new BcError(400, 'Internal_RecordNotFound', `The Unit of Measure does not exist. Identification fields and values: Id='${values.baseUnitOfMeasureId}'`);
		values.baseUnitOfMeasureCode = u.code;
	} else if ('baseUnitOfMeasureCode' in values && values.baseUnitOfMeasureCode) {
		const u = byCode(co, 'unitsOfMeasure', values.baseUnitOfMeasureCode);
		if (!u) throw new BcError(400, 'Internal_RecordNotFound', `The Unit of Measure does not exist. Identification fields and values: Code='${values.baseUnitOfMeasureCode}'`);
		values.baseUnitOfMeasureId = u.id;
	}
	if ('generalProductPostingGroupCode' in values && values.generalProductPostingGroupCode && !co.postingGroups.genProd[values.generalProductPostingGroupCode]) {
		throw new BcError(
			400,
			'Internal_InvalidTableRelation',
			`The field Gen. Prod. Posting Group of table Item contains a value (${values.generalProductPostingGroupCode}) that cannot be found in the related table (Gen. Product Posting Group).`,
		);
	}
	Object.assign(rec, values);
}

/* ------------------------------------------------------------------ small read-only sets */

/**
 * @param {string} name @param {string} type @param {string} caption @param {string} table @param {Record<string, any>} fields
 */
function readOnlySet(name, type, caption, table, fields) {
	/** @type {any} */
	const def = {
		name,
		type,
		caption,
		readOnly: true,
		fields,
		list: listFrom(table),
		get: getFrom(table, caption),
		view: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => render(def, r),
	};
	return def;
}

const paymentTerms = readOnlySet('paymentTerms', 'paymentTerm', 'Payment Terms', 'paymentTerms', {
	id: ID,
	code: RO(C(10)),
	displayName: RO(S(100)),
	dueDateCalculation: RO(S(32)),
	discountDateCalculation: RO(S(32)),
	discountPercent: RO(DEC()),
	calculateDiscountOnCreditMemos: RO(B),
	lastModifiedDateTime: LMDT,
});

const taxAreas = readOnlySet('taxAreas', 'taxArea', 'Tax Area', 'taxAreas', {
	id: ID,
	code: RO(C(20)),
	displayName: RO(S(100)),
	taxType: RO(E('Sales Tax', 'VAT')),
	lastModifiedDateTime: LMDT,
});

const unitsOfMeasure = readOnlySet('unitsOfMeasure', 'unitOfMeasure', 'Unit of Measure', 'unitsOfMeasure', {
	id: ID,
	code: RO(C(10)),
	displayName: RO(S(50)),
	internationalStandardCode: RO(C(10)),
	symbol: RO(S(10)),
	lastModifiedDateTime: LMDT,
});

const bankAccounts = readOnlySet('bankAccounts', 'bankAccount', 'Bank Account', 'bankAccounts', {
	id: ID,
	number: RO(C(20)),
	displayName: RO(S(100)),
	lastModifiedDateTime: LMDT,
});

const dimensions = readOnlySet('dimensions', 'dimension', 'Dimension', 'dimensions', {
	id: ID,
	code: RO(C(20)),
	displayName: RO(S(30)),
	consolidationCode: RO(C(20)),
	lastModifiedDateTime: LMDT,
});
dimensions.nav = { dimensionValues: { many: true, def: 'dimensionValues' } };

const dimensionValues = readOnlySet('dimensionValues', 'dimensionValue', 'Dimension Value', 'dimensionValues', {
	id: ID,
	code: RO(C(20)),
	dimensionId: RO(G),
	displayName: RO(S(50)),
	consolidationCode: RO(C(20)),
	lastModifiedDateTime: LMDT,
});
dimensionValues.list = (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent) =>
	all(co, 'dimensionValues').filter((v) => !parent || v.dimensionId === parent.rec.id);

const accounts = readOnlySet('accounts', 'account', 'G/L Account', 'accounts', {
	id: ID,
	number: RO(C(20)),
	displayName: RO(S(100)),
	category: RO(E('', 'Assets', 'Liabilities', 'Equity', 'Income', 'Cost of Goods Sold', 'Expense')),
	subCategory: RO(S(80)),
	blocked: RO(B),
	accountType: RO(E('Posting', 'Heading', 'Total', 'Begin-Total', 'End-Total')),
	directPosting: RO(B),
	netChange: RO(M),
	consolidationTranslationMethod: RO(E('Average Rate (Manual)', 'Closing Rate', 'Historical Rate', 'Composite Rate', 'Equity Rate')),
	consolidationDebitAccount: RO(S(20)),
	consolidationCreditAccount: RO(S(20)),
	excludeFromConsolidation: RO(B),
	lastModifiedDateTime: LMDT,
});
accounts.view = (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => {
	/** @type {Map<string, number>} account number → net change (debit − credit) in cents */
	const byNo = ctx.memo(`netChange:${co.meta.id}`, () => {
		const m = new Map();
		for (const e of all(co, 'glEntries')) m.set(e.accountNumber, (m.get(e.accountNumber) || 0) + e.debitCents - e.creditCents);
		return m;
	});
	let net = 0;
	if (r.accountType === 'Posting') net = byNo.get(r.number) || 0;
	else if (r.totaling) {
		const [from, to] = r.totaling.split('..');
		for (const [no, v] of byNo) if (no >= from && no <= to) net += v;
	}
	return render(accounts, r, { netChange: net });
};

const generalLedgerEntries = readOnlySet('generalLedgerEntries', 'generalLedgerEntry', 'G/L Entry', 'glEntries', {
	id: ID,
	entryNumber: RO(I),
	postingDate: RO(D),
	documentNumber: RO(C(20)),
	documentType: RO(E('', 'Payment', 'Invoice', 'Credit Memo', 'Finance Charge Memo', 'Reminder', 'Refund')),
	accountId: RO(G),
	accountNumber: RO(C(20)),
	description: RO(S(100)),
	debitAmount: RO(M),
	creditAmount: RO(M),
	additionalCurrencyDebitAmount: RO(M),
	additionalCurrencyCreditAmount: RO(M),
	lastModifiedDateTime: LMDT,
});
generalLedgerEntries.view = (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) =>
	render(generalLedgerEntries, r, { debitAmount: r.debitCents, creditAmount: r.creditCents, additionalCurrencyDebitAmount: 0, additionalCurrencyCreditAmount: 0 });
generalLedgerEntries.nav = {
	dimensionSetLines: { many: true, def: 'dimensionSetLines' },
	account: { one: true, def: 'accounts', fetch: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => co.t.accounts[r.accountId] || null },
};
generalLedgerEntries.dimsParentType = 'General Ledger Entry';
generalLedgerEntries.dimsReadOnly = () => true;

/* ------------------------------------------------------------------ defaultDimensions (read-only) */

const defaultDimensions = {
	name: 'defaultDimensions',
	type: 'defaultDimension',
	caption: 'Default Dimension',
	readOnly: true,
	fields: {
		id: ID,
		parentType: RO(E(' ', 'Customer', 'Item', 'Vendor', 'Employee')),
		parentId: RO(G),
		dimensionId: RO(G),
		dimensionCode: RO(C(20)),
		dimensionValueId: RO(G),
		dimensionValueCode: RO(C(20)),
		postingValidation: RO(E(' ', 'Code Mandatory', 'Same Code', 'No Code')),
		lastModifiedDateTime: LMDT,
	},
	/** @param {any} ctx @param {any} co @param {any} parent */
	list(ctx, co, parent) {
		if (!parent) throw dialog('You must get to the parent first to get to the default dimensions.');
		return all(co, 'defaultDimensions').filter((d) => d.parentId === parent.rec.id);
	},
	/** @param {any} ctx @param {any} co @param {any} parent @param {string} key */
	get(ctx, co, parent, key) {
		const r = co.t.defaultDimensions[key];
		if (!r || (parent && r.parentId !== parent.rec.id)) throw notFound('Default Dimension', key);
		return r;
	},
	/** @param {any} ctx @param {any} co @param {any} r */
	view(ctx, co, r) {
		const dim = co.t.dimensions[r.dimensionId] || {};
		const val = co.t.dimensionValues[r.valueId] || {};
		return render(defaultDimensions, r, {
			dimensionCode: dim.code || '',
			dimensionValueId: r.valueId,
			dimensionValueCode: val.code || '',
			postingValidation: r.postingValidation || ' ',
		});
	},
};

/* ------------------------------------------------------------------ dimensionSetLines */

const PARENT_TYPES = [
	' ',
	'Journal Line',
	'Sales Order',
	'Sales Order Line',
	'Sales Quote',
	'Sales Quote Line',
	'Sales Credit Memo',
	'Sales Credit Memo Line',
	'Sales Invoice',
	'Sales Invoice Line',
	'Purchase Order',
	'Purchase Order Line',
	'Purchase Invoice',
	'Purchase Invoice Line',
	'General Ledger Entry',
	'Time Registration Entry',
];

const dimensionSetLines = {
	name: 'dimensionSetLines',
	type: 'dimensionSetLine',
	caption: 'Dimension Set Line',
	fields: {
		id: G,
		code: C(20),
		consolidationCode: RO(C(20)),
		parentId: RO(G),
		parentType: RO(E(...PARENT_TYPES)),
		displayName: RO(S(30)),
		valueId: G,
		valueCode: C(20),
		valueConsolidationCode: RO(C(20)),
		valueDisplayName: RO(S(50)),
	},
	/** @param {any} parent */
	requireParent(parent) {
		if (!parent || !parent.def.dimsParentType) throw dialog('You must get to the parent first to get to the dimension set lines.');
	},
	/** @param {any} ctx @param {any} co @param {any} parent */
	list(ctx, co, parent) {
		dimensionSetLines.requireParent(parent);
		return parent.rec.dims || [];
	},
	/** @param {any} ctx @param {any} co @param {any} parent @param {string} key */
	get(ctx, co, parent, key) {
		dimensionSetLines.requireParent(parent);
		const l = (parent.rec.dims || []).find((/** @type {any} */ d) => d.id === key);
		if (!l) throw notFound('Dimension Set Entry', key);
		return l;
	},
	/** @param {any} ctx @param {any} co @param {any} r */
	view(ctx, co, r) {
		const dim = co.t.dimensions[r.id] || {};
		const val = co.t.dimensionValues[r.valueId] || {};
		return render(dimensionSetLines, r, {
			code: dim.code || '',
			consolidationCode: dim.consolidationCode || '',
			displayName: dim.displayName || '',
			valueCode: val.code || '',
			valueConsolidationCode: val.consolidationCode || '',
			valueDisplayName: val.displayName || '',
		});
	},
	/** @param {any} ctx @param {any} co @param {any} parent @param {any} body */
	create(ctx, co, parent, body) {
		if (!parent || !parent.def.dimsParentType) throw dialog('You must get to the parent first to create a dimension set line.');
		checkDimsWritable(parent);
		const { values } = parseBody(dimensionSetLines, body, { create: true });
		const dim = resolveDimension(co, values);
		const val = resolveDimensionValue(co, dim, values);
		if ((parent.rec.dims || []).some((/** @type {any} */ d) => d.id === dim.id)) {
			throw dialog('The dimension set line already exists. Check existing dimension set lines and the default dimension set lines on the parent.');
		}
		const line = { id: dim.id, valueId: val.id, parentId: parent.rec.id, parentType: parent.def.dimsParentType, _ts: 0, lastModifiedDateTime: '' };
		ctx.touch(line);
		parent.rec.dims = parent.rec.dims || [];
		parent.rec.dims.push(line);
		afterDimChange(ctx, co, parent, dim.id, null, val.id);
		return line;
	},
	/** @param {any} ctx @param {any} co @param {any} parent @param {any} rec @param {any} body @param {any} current */
	update(ctx, co, parent, rec, body, current) {
		checkDimsWritable(parent);
		const { values } = parseBody(dimensionSetLines, body, { create: false, current });
		if (('id' in values && values.id !== rec.id) || ('code' in values && values.code !== current.code)) {
			throw dialog('The "id" and "code" fields cannot be modified.');
		}
		const dim = co.t.dimensions[rec.id];
		if (!('valueId' in values) && !('valueCode' in values)) return rec;
		const val = resolveDimensionValue(co, dim, values);
		const old = rec.valueId;
		rec.valueId = val.id;
		ctx.touch(rec);
		afterDimChange(ctx, co, parent, dim.id, old, val.id);
		return rec;
	},
	/** @param {any} ctx @param {any} co @param {any} parent @param {any} rec */
	remove(ctx, co, parent, rec) {
		checkDimsWritable(parent);
		parent.rec.dims = parent.rec.dims.filter((/** @type {any} */ d) => d.id !== rec.id);
		afterDimChange(ctx, co, parent, rec.id, rec.valueId, null);
	},
};

/** @param {any} parent */
function checkDimsWritable(parent) {
	if (parent.def.dimsReadOnly && parent.def.dimsReadOnly(parent.rec)) {
		throw dialog(`Parent with ID ${parent.rec.id} does not exist or dimension set lines are read only for parent type ${parent.def.dimsParentType}.`);
	}
}

/**
 * Parent bookkeeping after a dimension change: touch it, and let document headers push the change
 * down to their lines (BC updates line dimensions from the header without asking via the API).
 * @param {any} ctx @param {any} co @param {any} parent @param {string} dimId @param {string|null} oldVal @param {string|null} newVal
 */
function afterDimChange(ctx, co, parent, dimId, oldVal, newVal) {
	if (parent.def.onDimChange) parent.def.onDimChange(ctx, co, parent.rec, dimId, oldVal, newVal);
	ctx.touch(parent.rec);
	if (parent.def.notifyAs) ctx.notify(co, parent.def.notifyAs, parent.rec.id, 'updated');
}

/**
 * The dimension a dimension set line names by id and/or code (texts of BC's APIV2 page 30022).
 * @param {any} co @param {Record<string, any>} values
 */
function resolveDimension(co, values) {
	const hasId = values.id && values.id !== EMPTY_GUID;
	if (!hasId && !values.code) throw dialog('The "id" or "code" field must be filled in.');
	const dim = hasId ? co.t.dimensions[values.id] : byCode(co, 'dimensions', values.code);
	if (!dim) throw dialog(hasId ? 'The "id" does not match to a Dimension.' : 'The "code" does not match to a Dimension.');
	if (hasId && values.code && values.code !== dim.code) throw dialog('The dimension field values do not match to a specific Dimension.');
	return dim;
}

/** @param {any} co @param {any} dim @param {Record<string, any>} values */
function resolveDimensionValue(co, dim, values) {
	const hasId = values.valueId && values.valueId !== EMPTY_GUID;
	if (!hasId && !values.valueCode) throw dialog('The "valueId" or "valueCode" field must be filled in.');
	const val = hasId
		? co.t.dimensionValues[values.valueId]
		: all(co, 'dimensionValues').find((v) => v.dimensionId === dim.id && v.code === String(values.valueCode).toUpperCase());
	if (!val || val.dimensionId !== dim.id) throw dialog(hasId ? 'The "valueId" does not match to a Dimension Value.' : 'The "valueCode" does not match to a Dimension Value.');
	if (hasId && values.valueCode && values.valueCode !== val.code) {
		throw dialog('The values of the "dimensionCode" field and the "dimensionId" field do not refer to the same Dimension Value.');
	}
	return val;
}

module.exports = {
	companies,
	customers,
	vendors,
	items,
	paymentTerms,
	taxAreas,
	unitsOfMeasure,
	bankAccounts,
	dimensions,
	dimensionValues,
	defaultDimensions,
	accounts,
	generalLedgerEntries,
	dimensionSetLines,
	resolveDimension,
	resolveDimensionValue,
	sameKey,
	checkRef,
};
