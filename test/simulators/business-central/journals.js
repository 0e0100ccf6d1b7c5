'use strict';
/**
 * Journal batches and lines: customerPaymentJournals (Cash Receipts template CASHRCPT),
 * customerPayments (payment lines), journals (General template GENERAL, or any batch by id) and
 * journalLines, plus journals({id})/Microsoft.NAV.post which posts every line of a batch.
 */
const { BcError, dialog, fieldValidation, notFound } = require('./errors.js');
const { render, parseBody, EMPTY_GUID, EMPTY_DATE } = require('./store.js');
const { S, C, G, D, I, M, E, RO, ID, LMDT } = require('./fields.js');
const { nextNo, all, byNumber, byCode, checkPostingDate, checkDirectPostingAccount, checkDims, defaultDimsFor, postBuffer, addPartyEntry, applyToInvoice } = require('./ledger.js');
const { mentions } = require('./odata.js');
const { centsToNumber } = require('../shared/decimal.js');

const ACCOUNT_TYPES = ['G/L Account', 'Customer', 'Vendor', 'Bank Account', 'Fixed Asset', 'IC Partner', 'Employee'];
const SUPPORTED_ACCOUNT_TYPES = ['G/L Account', 'Customer', 'Vendor', 'Bank Account'];
const TEMPLATE_TABLE = { GENERAL: 'General Journal', CASHRCPT: 'Cash Receipt Journal' };

/* ------------------------------------------------------------------ batches */

/**
 * @param {'GENERAL'|'CASHRCPT'} template
 * @param {string} name @param {string} type
 */
function makeBatchDef(template, name, type) {
	/** @type {Record<string, any>} */
	const fields = {
		id: ID,
		code: C(10),
		displayName: S(100),
		...(name === 'journals' ? { templateDisplayName: RO(C(10)) } : {}),
		lastModifiedDateTime: LMDT,
		balancingAccountId: G,
		balancingAccountNumber: RO(C(20)),
	};
	/** @type {any} */
	const def = {
		name,
		type,
		caption: 'Gen. Journal Batch',
		template,
		fields,
		nav: name === 'journals' ? { journalLines: { many: true, def: 'journalLines' } } : { customerPayments: { many: true, def: 'customerPayments' } },
		list(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ _p, /** @type {any} */ q) {
			// journals lists the General template unless the filter names templateDisplayName.
			if (name === 'journals' && q && mentions(q.filter, 'templateDisplayName')) return all(co, 'journalBatches');
			return all(co, 'journalBatches').filter((b) => b.template === template);
		},
		get(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ _p, /** @type {string} */ key) {
			const b = co.t.journalBatches[key];
			// journals({id}) finds any batch by SystemId (BC's OnFindRecord); customerPaymentJournals only cash receipts.
			if (!b || (name !== 'journals' && b.template !== template)) {
				if (name === 'journals') throw new BcError(404, 'BadRequest_NotFound', `The General Journal Batch with ID ${key} cannot be found.`);
				throw notFound('Gen. Journal Batch', key);
			}
			return b;
		},
		view(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) {
			const bal = balAccount(co, r.balAccountType, r.balAccountId);
			return render(def, r, { templateDisplayName: r.template, balancingAccountId: bal ? bal.id : EMPTY_GUID, balancingAccountNumber: bal ? bal.number : '' });
		},
		create(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ _p, /** @type {any} */ body) {
			const { values } = parseBody(def, body, { create: true });
			if (!values.code) throw fieldValidation('Name must have a value in Gen. Journal Batch. It cannot be zero or empty.');
			if (all(co, 'journalBatches').some((b) => b.template === template && b.code === values.code)) {
				throw new BcError(
					400,
					'Internal_EntityWithSameKeyExists',
					`The record in table Gen. Journal Batch already exists. Identification fields and values: Journal Template Name='${template}',Name='${values.code}'`,
				);
			}
			const rec = { id: values.id || ctx.newId(), template, code: values.code, displayName: values.displayName || '', balAccountType: '', balAccountId: EMPTY_GUID, _ts: 0, lastModifiedDateTime: '' };
			if ('balancingAccountId' in values) setBatchBalancing(co, rec, values.balancingAccountId);
			ctx.touch(rec);
			co.t.journalBatches[rec.id] = rec;
			ctx.notify(co, name, rec.id, 'created');
			return rec;
		},
		update(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ _p, /** @type {any} */ rec, /** @type {any} */ body, /** @type {any} */ current) {
			const { values } = parseBody(def, body, { create: false, current });
			if ('code' in values && values.code !== rec.code) {
				if (!values.code) throw fieldValidation('Name must have a value in Gen. Journal Batch. It cannot be zero or empty.');
				if (all(co, 'journalBatches').some((b) => b.template === rec.template && b.code === values.code)) {
					throw new BcError(400, 'Internal_EntityWithSameKeyExists', `The record in table Gen. Journal Batch already exists. Identification fields and values: Journal Template Name='${rec.template}',Name='${values.code}'`);
				}
				rec.code = values.code;
			}
			if ('displayName' in values) rec.displayName = values.displayName;
			if ('balancingAccountId' in values) setBatchBalancing(co, rec, values.balancingAccountId);
			ctx.touch(rec);
			ctx.notify(co, name, rec.id, 'updated');
			return rec;
		},
		remove(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ _p, /** @type {any} */ rec) {
			for (const l of all(co, 'journalLines')) if (l.journalId === rec.id) delete co.t.journalLines[l.id];
			delete co.t.journalBatches[rec.id];
			ctx.notify(co, name, rec.id, 'deleted');
		},
		actions:
			name === 'journals'
				? { post: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ rec) => postBatch(ctx, co, rec) }
				: {},
	};
	return def;
}

/** @param {any} co @param {string} type @param {string} id */
function balAccount(co, type, id) {
	if (!id || id === EMPTY_GUID) return null;
	if (type === 'G/L Account') return co.t.accounts[id] || null;
	if (type === 'Bank Account') return co.t.bankAccounts[id] || null;
	if (type === 'Customer') return co.t.customers[id] || null;
	if (type === 'Vendor') return co.t.vendors[id] || null;
	return null;
}

/** @param {any} co @param {any} rec @param {string} id */
function setBatchBalancing(co, rec, id) {
	if (!id || id === EMPTY_GUID) {
		rec.balAccountType = '';
		rec.balAccountId = EMPTY_GUID;
		return;
	}
	if (co.t.accounts[id]) {
		checkDirectPostingAccount(co.t.accounts[id], 'Gen. Journal Batch');
		rec.balAccountType = 'G/L Account';
	} else if (co.t.bankAccounts[id]) rec.balAccountType = 'Bank Account';
	else throw new BcError(400, 'Internal_RecordNotFound', `The "balancingAccountId" '${id}' does not refer to a G/L account or a bank account.`);
	rec.balAccountId = id;
}

/* ------------------------------------------------------------------ lines */

/** @param {any} co @param {any} l */
function lineView(co, l) {
	const batch = co.t.journalBatches[l.journalId] || {};
	const acc = balAccount(co, l.accountType, l.accountId);
	const bal = balAccount(co, l.balAccountType, l.balAccountId);
	const inv = l.appliesToInvoiceId ? co.t.salesInvoices[l.appliesToInvoiceId] : null;
	return {
		journalDisplayName: batch.code || '',
		accountNumber: acc ? acc.number : l.accountNumber || '',
		customerId: l.accountType === 'Customer' ? l.accountId : EMPTY_GUID,
		customerNumber: l.accountType === 'Customer' && acc ? acc.number : '',
		amount: l.amountCents,
		balanceAccountType: l.balAccountType || 'G/L Account',
		balancingAccountId: l.balAccountId || EMPTY_GUID,
		balancingAccountNumber: bal ? bal.number : '',
		appliesToInvoiceId: inv ? inv.id : EMPTY_GUID,
		appliesToInvoiceNumber: inv ? inv.number : '',
	};
}

/** @param {any} co @param {string} journalId @param {string} docKind */
function linesOfBatch(co, journalId, docKind) {
	return all(co, 'journalLines')
		.filter((l) => l.journalId === journalId && (docKind === '*' || l.docType === docKind))
		.sort((a, b) => a.lineNumber - b.lineNumber);
}

/** @param {any} co @param {string} journalId */
function nextLineNo(co, journalId) {
	const ls = linesOfBatch(co, journalId, '*');
	return (ls.length ? ls[ls.length - 1].lineNumber : 0) + 10000;
}

/** @param {any} co @param {any} batch */
function nextDocNo(co, batch) {
	const key = batch.template === 'CASHRCPT' ? 'cashReceiptDoc' : 'generalJournalDoc';
	return nextNo(co, key);
}

/**
 * Resolve the posted invoice a payment applies to.
 * @param {any} co @param {Record<string, any>} values
 */
function resolveAppliesTo(co, values) {
	const hasId = values.appliesToInvoiceId && values.appliesToInvoiceId !== EMPTY_GUID;
	const hasNo = !!values.appliesToInvoiceNumber;
	if (!hasId && !hasNo) return null;
	let inv = null;
	if (hasId) {
		inv = co.t.salesInvoices[values.appliesToInvoiceId];
		if (!inv || !inv.posted) throw dialog('The "appliesToInvoiceId" should be the ID of an Open, Paid, Corrective, or Canceled Invoice.');
	}
	if (hasNo) {
		const byNo = all(co, 'salesInvoices').find((i) => i.posted && i.number === String(values.appliesToInvoiceNumber).toUpperCase());
		if (!byNo) throw dialog('The "appliesToInvoiceNumber" should be the number of an Open, Paid, Corrective, or Canceled Invoice.');
		if (inv && inv.id !== byNo.id) throw dialog('The Applies To Invoice values do not match to the same Invoice.');
		inv = byNo;
	}
	return inv;
}

/**
 * get/create/update/remove shared by the two journal-line entity sets (customer payments and
 * general journal lines): they differ in document type, batch lookup, defaults and validation.
 * @param {{ def: () => any, docType: string, batchOf: (co: any, journalId: string) => any, defaults: (batch: any) => object, apply: Function }} o
 */
function lineHandlers(o) {
	return {
		get(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {string} */ key) {
			const l = co.t.journalLines[key];
			if (!l || l.docType !== o.docType || (parent && l.journalId !== parent.rec.id)) throw notFound('Gen. Journal Line', key);
			return l;
		},
		create(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {any} */ body) {
			const { values } = parseBody(o.def(), body, { create: true });
			let batch;
			if (parent) {
				batch = parent.rec;
				if ('journalId' in values && values.journalId !== batch.id) throw dialog('The "journalId" does not match the parent journal.');
			} else {
				if (!values.journalId || values.journalId === EMPTY_GUID) throw dialog('You must specify a journal batch ID or a journal ID to create a journal line.');
				batch = o.batchOf(co, values.journalId);
			}
			const rec = {
				id: values.id || ctx.newId(),
				journalId: batch.id,
				lineNumber: 0,
				docType: o.docType,
				accountId: EMPTY_GUID,
				postingDate: ctx.workDate(),
				documentNumber: '',
				externalDocumentNumber: '',
				amountCents: 0,
				description: '',
				comment: '',
				...o.defaults(batch),
				dims: /** @type {any[]} */ ([]),
				_ts: 0,
				lastModifiedDateTime: '',
			};
			assignLineNumber(co, rec, values);
			o.apply(ctx, co, rec, values, true);
			if (!rec.documentNumber) rec.documentNumber = nextDocNo(co, batch);
			ctx.touch(rec);
			co.t.journalLines[rec.id] = rec;
			return rec;
		},
		update(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {any} */ rec, /** @type {any} */ body, /** @type {any} */ current) {
			const { values } = parseBody(o.def(), body, { create: false, current });
			if ('journalId' in values && values.journalId !== rec.journalId) throw dialog('The "journalId" and "journalDisplayName" fields cannot be modified.');
			if ('lineNumber' in values && values.lineNumber !== rec.lineNumber) throw dialog('The "lineNumber" cannot be changed.');
			o.apply(ctx, co, rec, values, false);
			ctx.touch(rec);
			return rec;
		},
		remove(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {any} */ rec) {
			delete co.t.journalLines[rec.id];
		},
	};
}

const customerPaymentFields = {
	id: ID,
	journalId: G,
	journalDisplayName: RO(C(10)),
	lineNumber: I,
	customerId: G,
	customerNumber: C(20),
	postingDate: D,
	documentNumber: C(20),
	externalDocumentNumber: S(35),
	amount: M,
	appliesToInvoiceId: G,
	appliesToInvoiceNumber: C(20),
	description: S(100),
	comment: S(250),
	lastModifiedDateTime: LMDT,
};

const customerPayments = {
	name: 'customerPayments',
	type: 'customerPayment',
	caption: 'Gen. Journal Line',
	fields: customerPaymentFields,
	dimsParentType: 'Journal Line',
	nav: {
		dimensionSetLines: { many: true, def: 'dimensionSetLines' },
		customer: { one: true, def: 'customers', fetch: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => co.t.customers[r.accountId] || null },
		customerPaymentJournal: { one: true, def: 'customerPaymentJournals', fetch: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => co.t.journalBatches[r.journalId] || null },
	},
	list(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {any} */ q, /** @type {any} */ pins) {
		if (parent) return linesOfBatch(co, parent.rec.id, 'Payment');
		if (!pins('journalId').length && !pins('id').length) throw dialog('You must specify a journal batch ID or a journal ID to get a journal line.');
		return all(co, 'journalLines')
			.filter((l) => l.docType === 'Payment' && (co.t.journalBatches[l.journalId] || {}).template === 'CASHRCPT')
			.sort((a, b) => a.lineNumber - b.lineNumber);
	},
	view(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) {
		return render(customerPayments, r, lineView(co, r));
	},
	...lineHandlers({
		def: () => customerPayments,
		docType: 'Payment',
		batchOf(/** @type {any} */ co, /** @type {string} */ journalId) {
			const batch = co.t.journalBatches[journalId];
			if (!batch || batch.template !== 'CASHRCPT') throw notFound('Gen. Journal Batch', journalId);
			return batch;
		},
		defaults: (/** @type {any} */ batch) => ({ accountType: 'Customer', balAccountType: batch.balAccountType, balAccountId: batch.balAccountId, appliesToInvoiceId: '' }),
		apply: applyPayment,
	}),
};

/** @param {any} co @param {any} rec @param {Record<string, any>} values */
function assignLineNumber(co, rec, values) {
	if ('lineNumber' in values && values.lineNumber) {
		if (linesOfBatch(co, rec.journalId, '*').some((l) => l.lineNumber === values.lineNumber)) {
			const b = co.t.journalBatches[rec.journalId];
			throw new BcError(
				400,
				'Internal_EntityWithSameKeyExists',
				`The record in table Gen. Journal Line already exists. Identification fields and values: Journal Template Name='${b.template}',Journal Batch Name='${b.code}',Line No.='${values.lineNumber}'`,
			);
		}
		rec.lineNumber = values.lineNumber;
	} else rec.lineNumber = nextLineNo(co, rec.journalId);
}

/**
 * @param {any} ctx @param {any} co @param {any} rec @param {Record<string, any>} values @param {boolean} isCreate
 */
function applyPayment(ctx, co, rec, values, isCreate) {
	let cust = null;
	const hasCustId = values.customerId && values.customerId !== EMPTY_GUID;
	if (hasCustId || values.customerNumber) {
		cust = hasCustId ? co.t.customers[values.customerId] : byNumber(co, 'customers', values.customerNumber);
		if (!cust) throw dialog(hasCustId ? 'The "customerId" does not match to a Customer.' : 'The "customerNumber" provided does not match to a Customer.');
		if (hasCustId && values.customerNumber && values.customerNumber !== cust.number) throw dialog('The customer values do not match to a specific Customer.');
	}
	let inv = undefined;
	if ('appliesToInvoiceId' in values || 'appliesToInvoiceNumber' in values) {
		inv = resolveAppliesTo(co, values);
		if (inv) {
			const invCust = co.t.customers[inv.billToCustomerId] || co.t.customers[inv.customerId];
			if (!cust && !(rec.accountId && rec.accountId !== EMPTY_GUID)) cust = invCust;
			const target = cust || co.t.customers[rec.accountId];
			if (target && invCust && target.id !== invCust.id) {
				throw dialog(`The invoice ${inv.number} belongs to customer ${invCust.number}, not to customer ${target.number}.`);
			}
		}
	}
	if (cust && cust.id !== rec.accountId) {
		rec.accountId = cust.id;
		if (!('description' in values)) rec.description = cust.displayName;
		rec.dims = defaultDimsFor(ctx, co, 'Journal Line', rec.id, cust.id);
	}
	if (inv !== undefined) rec.appliesToInvoiceId = inv ? inv.id : '';
	for (const f of ['postingDate', 'documentNumber', 'externalDocumentNumber', 'description', 'comment']) if (f in values) rec[f] = values[f];
	if ('amount' in values) rec.amountCents = values.amount; // stored exactly as sent: no sign flip
	if (isCreate && (!rec.postingDate || rec.postingDate === EMPTY_DATE)) rec.postingDate = ctx.workDate();
}

const journalLineFields = {
	id: ID,
	journalId: G,
	journalDisplayName: RO(C(10)),
	lineNumber: I,
	accountType: E(...ACCOUNT_TYPES),
	accountId: G,
	accountNumber: C(20),
	postingDate: D,
	documentNumber: C(20),
	externalDocumentNumber: S(35),
	amount: M,
	description: S(100),
	comment: S(250),
	taxCode: C(20),
	balanceAccountType: E(...ACCOUNT_TYPES),
	balancingAccountId: G,
	balancingAccountNumber: C(20),
	lastModifiedDateTime: LMDT,
};

const journalLines = {
	name: 'journalLines',
	type: 'journalLine',
	caption: 'Gen. Journal Line',
	fields: journalLineFields,
	dimsParentType: 'Journal Line',
	nav: {
		dimensionSetLines: { many: true, def: 'dimensionSetLines' },
		account: {
			one: true,
			def: 'accounts',
			fetch: (/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) => (r.accountType === 'G/L Account' ? co.t.accounts[r.accountId] || null : null),
		},
	},
	list(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ parent, /** @type {any} */ q, /** @type {any} */ pins) {
		if (parent) return linesOfBatch(co, parent.rec.id, '');
		if (!pins('journalId').length && !pins('id').length) throw dialog('You must specify a journal batch ID or a journal ID to get a journal line.');
		return all(co, 'journalLines')
			.filter((l) => l.docType === '')
			.sort((a, b) => a.lineNumber - b.lineNumber);
	},
	view(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) {
		return render(journalLines, r, lineView(co, r));
	},
	...lineHandlers({
		def: () => journalLines,
		docType: '',
		batchOf(/** @type {any} */ co, /** @type {string} */ journalId) {
			const batch = co.t.journalBatches[journalId];
			if (!batch) throw new BcError(404, 'BadRequest_NotFound', `The General Journal Batch with ID ${journalId} cannot be found.`);
			return batch;
		},
		defaults: (/** @type {any} */ batch) => ({ accountType: 'G/L Account', taxCode: '', balAccountType: batch.balAccountType || '', balAccountId: batch.balAccountId || EMPTY_GUID }),
		apply: applyJournalLine,
	}),
};

/**
 * Find an account of a journal account type by id or number.
 * @param {any} co @param {string} type @param {string|undefined} id @param {string|undefined} number @param {string} field
 */
function resolveJournalAccount(co, type, id, number, field) {
	if (!SUPPORTED_ACCOUNT_TYPES.includes(type)) throw dialog(`The ${field} type '${type}' is not supported. Use G/L Account, Customer, Vendor or Bank Account.`);
	const table = { 'G/L Account': 'accounts', Customer: 'customers', Vendor: 'vendors', 'Bank Account': 'bankAccounts' }[type];
	const hasId = id && id !== EMPTY_GUID;
	if (!hasId && !number) return null;
	const acc = hasId ? co.t[/** @type {string} */ (table)][/** @type {string} */ (id)] : byNumber(co, /** @type {string} */ (table), /** @type {string} */ (number));
	if (!acc) throw dialog(type === 'G/L Account' ? 'Account does not exist.' : `The ${type} ${hasId ? id : number} does not exist.`);
	if (hasId && number && String(number).toUpperCase() !== acc.number) throw dialog(`The "${field}Id" and "${field}Number" do not refer to the same ${type}.`);
	if (type === 'G/L Account') checkDirectPostingAccount(acc, 'Gen. Journal Line');
	return acc;
}

/**
 * @param {any} ctx @param {any} co @param {any} rec @param {Record<string, any>} values @param {boolean} isCreate
 */
function applyJournalLine(ctx, co, rec, values, isCreate) {
	if ('accountType' in values || 'accountId' in values || 'accountNumber' in values) {
		const type = values.accountType || rec.accountType;
		const acc = resolveJournalAccount(co, type, values.accountId, values.accountNumber, 'account');
		const changed = type !== rec.accountType || (acc ? acc.id : EMPTY_GUID) !== rec.accountId;
		rec.accountType = type;
		rec.accountId = acc ? acc.id : EMPTY_GUID;
		if (acc && changed) {
			if (!('description' in values) && !rec.description) rec.description = acc.displayName;
			if (type === 'Customer' || type === 'Vendor') rec.dims = defaultDimsFor(ctx, co, 'Journal Line', rec.id, acc.id);
		}
	}
	if ('balanceAccountType' in values || 'balancingAccountId' in values || 'balancingAccountNumber' in values) {
		let type = values.balanceAccountType;
		const id = values.balancingAccountId;
		if (!type) {
			if (id && id !== EMPTY_GUID) {
				type = co.t.accounts[id] ? 'G/L Account' : co.t.bankAccounts[id] ? 'Bank Account' : co.t.customers[id] ? 'Customer' : co.t.vendors[id] ? 'Vendor' : 'G/L Account';
			} else type = rec.balAccountType || 'G/L Account';
		}
		const bal = resolveJournalAccount(co, type, id, values.balancingAccountNumber, 'balancingAccount');
		rec.balAccountType = type;
		rec.balAccountId = bal ? bal.id : EMPTY_GUID;
	}
	for (const f of ['postingDate', 'documentNumber', 'externalDocumentNumber', 'description', 'comment', 'taxCode']) if (f in values) rec[f] = values[f];
	if ('amount' in values) rec.amountCents = values.amount;
	if (isCreate && (!rec.postingDate || rec.postingDate === EMPTY_DATE)) rec.postingDate = ctx.workDate();
}

/* ------------------------------------------------------------------ posting */

/**
 * journals({id})/Microsoft.NAV.post — "Gen. Jnl.-Post" on every line of the batch (any template).
 * All lines are checked before anything is written; the batch is emptied afterwards.
 * @param {any} ctx @param {any} co @param {any} batch
 */
function postBatch(ctx, co, batch) {
	const lines = linesOfBatch(co, batch.id, '*');
	if (!lines.length) throw dialog('There is nothing to post.');
	const where = (/** @type {any} */ l) => `Gen. Journal Line Journal Template Name='${batch.template}',Journal Batch Name='${batch.code}',Line No.='${l.lineNumber}'`;
	/** @type {Map<string, number>} remaining cents per customer ledger entry during this posting */
	const remaining = new Map();
	/** @type {Map<string, number>} */
	const unbalanced = new Map();
	const toPost = [];
	for (const l of lines) {
		if (l.amountCents === 0 && l.docType !== 'Payment') continue; // empty lines are skipped
		checkPostingDate(ctx, l.postingDate);
		if (!l.documentNumber) throw fieldValidation(`Document No. must have a value in ${where(l)}. It cannot be zero or empty.`);
		const acc = balAccount(co, l.accountType, l.accountId);
		if (!acc) throw fieldValidation(`Account No. must have a value in ${where(l)}. It cannot be zero or empty.`);
		checkAccountAtPost(acc, l.accountType, l.docType);
		const bal = balAccount(co, l.balAccountType, l.balAccountId);
		if (bal) checkAccountAtPost(bal, l.balAccountType, l.docType);
		checkDims(co, l.dims);
		if (l.docType === 'Payment') {
			if (!(l.amountCents < 0)) throw fieldValidation(`Amount must be negative in ${where(l)}.`);
			if (l.appliesToInvoiceId) {
				const inv = co.t.salesInvoices[l.appliesToInvoiceId];
				if (!inv || !inv.posted) throw dialog(`The invoice that line ${l.lineNumber} applies to does not exist.`);
				const cle = co.t.custLedgerEntries[inv.ledgerEntryId];
				if (!cle || cle.partyId !== l.accountId) throw dialog(`The invoice ${inv.number} does not belong to the customer on line ${l.lineNumber}.`);
				const rem = remaining.has(cle.id) ? /** @type {number} */ (remaining.get(cle.id)) : cle.remainingCents;
				if (rem <= 0) throw dialog(`Cannot apply line ${l.lineNumber} to invoice ${inv.number}: the invoice is already fully paid (closed).`);
				remaining.set(cle.id, Math.max(0, rem + l.amountCents));
			}
		}
		if (!bal) {
			const key = `${l.documentNumber}|${l.postingDate}`;
			unbalanced.set(key, (unbalanced.get(key) || 0) + l.amountCents);
		}
		toPost.push(l);
	}
	for (const [key, sum] of unbalanced) {
		if (sum !== 0) {
			const [doc, date] = key.split('|');
			throw dialog(`Document No. ${doc} is out of balance by ${centsToNumber(sum)} on ${date}. Please check that the Posting Date and Document No. are correct for each line, or add a balancing account.`);
		}
	}
	if (!toPost.length) throw dialog('There is nothing to post.');

	// ---- apply: group per document + date so unbalanced lines post as one transaction
	/** @type {Map<string, any[]>} */
	const groups = new Map();
	for (const l of toPost) {
		const key = `${l.documentNumber}|${l.postingDate}`;
		if (!groups.has(key)) groups.set(key, []);
		/** @type {any[]} */ (groups.get(key)).push(l);
	}
	for (const group of groups.values()) {
		/** @type {any[]} */
		const postings = [];
		for (const l of group) {
			const docType = l.docType === 'Payment' ? 'Payment' : '';
			const acc = balAccount(co, l.accountType, l.accountId);
			const bal = balAccount(co, l.balAccountType, l.balAccountId);
			const balSide = { type: bal ? l.balAccountType : 'G/L Account', number: bal ? bal.number : '' };
			postings.push(...sidePostings(ctx, co, l, l.accountType, l.accountId, l.amountCents, docType, balSide));
			if (bal) postings.push(...sidePostings(ctx, co, l, l.balAccountType, l.balAccountId, -l.amountCents, docType, { type: l.accountType, number: acc.number }));
		}
		const first = group[0];
		postBuffer(ctx, co, postings, {
			postingDate: first.postingDate,
			documentNumber: first.documentNumber,
			documentType: first.docType === 'Payment' ? 'Payment' : '',
			description: first.description,
		});
	}
	for (const l of lines) delete co.t.journalLines[l.id];
}

/** @param {any} acc @param {string} type @param {string} docType */
function checkAccountAtPost(acc, type, docType) {
	if (type === 'G/L Account') checkDirectPostingAccount(acc, 'Gen. Journal Line');
	if (type === 'Customer' && (acc.blocked === 'All' || (acc.blocked === 'Invoice' && docType !== 'Payment' && docType !== ''))) {
		throw dialog(`You cannot post this type of document when Customer ${acc.number} is blocked with type ${acc.blocked}`);
	}
	if (type === 'Vendor' && (acc.blocked === 'All' || (acc.blocked === 'Payment' && docType === 'Payment'))) {
		throw dialog(`You cannot post this type of document when Vendor ${acc.number} is blocked with type ${acc.blocked}`);
	}
}

/**
 * G/L postings (and sub-ledger entries) for one side of a journal line; `counter` is the other side
 * (the balancing account of a customer/vendor ledger entry).
 * @param {any} ctx @param {any} co @param {any} l @param {string} type @param {string} id @param {number} cents @param {string} docType
 * @param {{ type: string, number: string }} counter
 */
function sidePostings(ctx, co, l, type, id, cents, docType, counter) {
	const dims = l.dims || [];
	if (type === 'G/L Account') return [{ accountNo: co.t.accounts[id].number, cents, dims, description: l.description }];
	if (type === 'Bank Account') return [{ accountNo: co.t.bankAccounts[id].glAccountNumber, cents, dims, description: l.description }];
	if (type === 'Customer') {
		const entry = addPartyEntry(ctx, co, 'custLedgerEntries', {
			partyId: id,
			postingDate: l.postingDate,
			documentType: docType,
			documentNumber: l.documentNumber,
			externalDocumentNumber: l.externalDocumentNumber,
			description: l.description,
			amountCents: cents,
			dims,
			balAccountType: counter.type,
			balAccountNumber: counter.number,
		});
		if (l.appliesToInvoiceId && cents < 0) applyToInvoice(ctx, co, entry, l.appliesToInvoiceId);
		ctx.notify(co, 'customers', id, 'updated');
		return [{ accountNo: co.postingGroups.customer.receivables, cents, dims, description: l.description }];
	}
	if (type === 'Vendor') {
		addPartyEntry(ctx, co, 'vendLedgerEntries', {
			partyId: id,
			postingDate: l.postingDate,
			documentType: docType,
			documentNumber: l.documentNumber,
			externalDocumentNumber: l.externalDocumentNumber,
			description: l.description,
			amountCents: cents,
			dims,
			balAccountType: counter.type,
			balAccountNumber: counter.number,
		});
		ctx.notify(co, 'vendors', id, 'updated');
		return [{ accountNo: co.postingGroups.vendor.payables, cents, dims, description: l.description }];
	}
	throw dialog(`Account type ${type} cannot be posted by the simulator.`);
}

const customerPaymentJournals = makeBatchDef('CASHRCPT', 'customerPaymentJournals', 'customerPaymentJournal');
const journals = makeBatchDef('GENERAL', 'journals', 'journal');

module.exports = { customerPaymentJournals, customerPayments, journals, journalLines, TEMPLATE_TABLE, byCode };
