'use strict';
/**
 * Shared business helpers: number series, lookups, posting checks, G/L and sub-ledger entries,
 * dimensions. All functions take the simulator context `ctx` and a company `co` explicitly.
 */
const { BcError, dialog, fieldValidation } = require('./errors.js');
const { centsToNumber } = require('../shared/decimal.js');
const { EMPTY_GUID } = require('./store.js');

/**
 * @typedef {Object} Ctx
 * @property {any} state
 * @property {() => string} newId
 * @property {() => string} nowIso monotonic ISO timestamp
 * @property {() => string} workDate YYYY-MM-DD
 * @property {(rec: any) => void} touch bumps row version and lastModifiedDateTime
 * @property {any} opts normalized simulator options
 * @property {(co: any, entitySet: string, id: string, changeType: string) => void} notify
 */

/**
 * Next number from a series, skipping numbers already used by `taken`.
 * @param {any} co @param {string} key @param {(n: string) => boolean} [taken]
 */
function nextNo(co, key, taken) {
	const s = co.series[key];
	if (!s) throw new Error(`no number series ${key}`);
	for (;;) {
		const no = `${s.prefix}${String(s.next).padStart(s.width, '0')}`;
		s.next += s.step || 1;
		if (!taken || !taken(no)) return no;
	}
}

/** @param {any} co @param {string} table @returns {any[]} */
const all = (co, table) => Object.values(co.t[table]);

/** @param {any} co @param {string} table @param {string} number */
function byNumber(co, table, number) {
	const n = String(number).toUpperCase();
	return all(co, table).find((r) => String(r.number).toUpperCase() === n);
}

/** @param {any} co @param {string} table @param {string} code */
function byCode(co, table, code) {
	const c = String(code).toUpperCase();
	return all(co, table).find((r) => String(r.code).toUpperCase() === c);
}

/**
 * Posting date must be inside the allowed range (opts.allowedPostingDates) — BC's user setup /
 * G/L setup "Allow Posting From/To".
 * @param {Ctx} ctx @param {string} date
 */
function checkPostingDate(ctx, date) {
	const r = ctx.opts.allowedPostingDates;
	if (!date || date === '0001-01-01') {
		throw fieldValidation('Posting Date must have a value. It cannot be zero or empty.');
	}
	if (r && ((r.from && date < r.from) || (r.to && date > r.to))) {
		throw dialog('Posting Date is not within your range of allowed posting dates.');
	}
}

/**
 * A G/L account used directly on a document or journal line must be a non-blocked posting
 * account that allows direct posting (BC: CheckGLAcc + TestField("Direct Posting")).
 * @param {any} acc @param {string} where e.g. "Sales Line"
 */
function checkDirectPostingAccount(acc, where) {
	if (acc.blocked) throw fieldValidation(`Blocked must be equal to 'No'  in G/L Account: No.=${acc.number}. Current value is 'Yes'.`);
	if (acc.accountType !== 'Posting') {
		throw fieldValidation(`Account Type must be equal to 'Posting'  in G/L Account: No.=${acc.number}. Current value is '${acc.accountType}'.`);
	}
	if (!acc.directPosting) {
		throw fieldValidation(`Direct Posting must be equal to 'Yes'  in G/L Account: No.=${acc.number}. Current value is 'No'. (${where})`);
	}
}

/**
 * Blocked dimension values cannot be posted.
 * @param {any} co @param {{id: string, valueId: string}[]} dims
 */
function checkDims(co, dims) {
	for (const d of dims || []) {
		const dim = co.t.dimensions[d.id];
		const val = co.t.dimensionValues[d.valueId];
		if (dim && dim.blocked) throw dialog(`Dimension ${dim.code} is blocked.`);
		if (val && val.blocked) throw dialog(`Dimension Value ${dim ? dim.code : ''} - ${val.code} is blocked.`);
	}
}

/**
 * Merge header and line dimension sets (line wins per dimension).
 * @param {{id:string,valueId:string}[]} header @param {{id:string,valueId:string}[]} line
 */
function mergeDims(header, line) {
	/** @type {Map<string,string>} */
	const m = new Map();
	for (const d of header || []) m.set(d.id, d.valueId);
	for (const d of line || []) m.set(d.id, d.valueId);
	return [...m.entries()].map(([id, valueId]) => ({ id, valueId }));
}

/**
 * Copy a party's default dimensions (customer/vendor) as a new dimension set.
 * @param {Ctx} ctx @param {any} co @param {string} parentType @param {string} parentId @param {string} ownerId
 */
function defaultDimsFor(ctx, co, parentType, parentId, ownerId) {
	return all(co, 'defaultDimensions')
		.filter((d) => d.parentId === ownerId && d.valueId && d.valueId !== EMPTY_GUID)
		.map((d) => {
			const line = { id: d.dimensionId, valueId: d.valueId, parentId, parentType, _ts: 0, lastModifiedDateTime: '' };
			ctx.touch(line);
			return line;
		});
}

/**
 * Append one G/L entry.
 * @param {Ctx} ctx @param {any} co
 * @param {{ accountNo: string, postingDate: string, documentNumber: string, documentType: string, description: string, cents: number, dims?: {id:string,valueId:string}[], sourceType?: string, sourceNo?: string }} e
 *   cents > 0 = debit, < 0 = credit
 */
function addGl(ctx, co, e) {
	if (e.cents === 0) return null;
	const acc = byNumber(co, 'accounts', e.accountNo);
	if (!acc) throw new BcError(500, 'Internal_ServerError', `Simulator setup error: G/L account ${e.accountNo} is missing.`);
	const id = ctx.newId();
	const rec = {
		id,
		entryNumber: co.series.glEntry.next++,
		postingDate: e.postingDate,
		documentNumber: e.documentNumber,
		documentType: e.documentType || '',
		accountId: acc.id,
		accountNumber: acc.number,
		description: e.description || '',
		debitCents: e.cents > 0 ? e.cents : 0,
		creditCents: e.cents < 0 ? -e.cents : 0,
		sourceType: e.sourceType || '',
		sourceNo: e.sourceNo || '',
		dims: (e.dims || []).map((d) => ({ id: d.id, valueId: d.valueId, parentId: id, parentType: 'General Ledger Entry', _ts: 0, lastModifiedDateTime: '' })),
		_ts: 0,
		lastModifiedDateTime: '',
	};
	ctx.touch(rec);
	for (const d of rec.dims) ctx.touch(d);
	co.t.glEntries[id] = rec;
	ctx.notify(co, 'generalLedgerEntries', id, 'created');
	return rec;
}

/**
 * Group G/L postings per account + dimension set (like BC's posting buffer) and emit entries.
 * @param {Ctx} ctx @param {any} co
 * @param {{ accountNo: string, cents: number, dims?: {id:string,valueId:string}[], description?: string }[]} postings
 * @param {{ postingDate: string, documentNumber: string, documentType: string, description: string, sourceType?: string, sourceNo?: string }} common
 */
function postBuffer(ctx, co, postings, common) {
	/** @type {Map<string, {accountNo:string, cents:number, dims:any[], description?: string}>} */
	const buf = new Map();
	for (const p of postings) {
		const dimKey = (p.dims || [])
			.map((d) => `${d.id}=${d.valueId}`)
			.sort()
			.join(';');
		const key = `${p.accountNo}|${dimKey}|${Math.sign(p.cents)}`;
		const cur = buf.get(key);
		if (cur) cur.cents += p.cents;
		else buf.set(key, { accountNo: p.accountNo, cents: p.cents, dims: p.dims || [], description: p.description });
	}
	const total = [...buf.values()].reduce((s, p) => s + p.cents, 0);
	if (total !== 0) throw new BcError(500, 'Internal_ServerError', `Simulator posting error: transaction out of balance by ${centsToNumber(total)}.`);
	for (const p of buf.values()) addGl(ctx, co, { ...common, description: p.description || common.description, accountNo: p.accountNo, cents: p.cents, dims: p.dims });
}

/**
 * BC's "Dimension Set ID" of a set of dimension values: 0 for the empty set, otherwise the same
 * number for the same combination (numbered per company in order of first use).
 * @param {any} co @param {{id: string, valueId: string}[] | undefined} dims
 */
function dimensionSetId(co, dims) {
	const key = (dims || [])
		.map((d) => `${d.id}=${d.valueId}`)
		.sort()
		.join(';');
	if (!key) return 0;
	if (!co.dimensionSets) co.dimensionSets = { next: 1, ids: {} };
	if (!co.dimensionSets.ids[key]) co.dimensionSets.ids[key] = co.dimensionSets.next++;
	return co.dimensionSets.ids[key];
}

/**
 * Customer/vendor ledger entry. amountCents: + = the party owes (customer invoice), − = payment/credit.
 * The balancing account is the posting line's ("G/L Account" and no number for documents).
 * @param {Ctx} ctx @param {any} co @param {'custLedgerEntries'|'vendLedgerEntries'} table
 * @param {{ partyId: string, postingDate: string, dueDate?: string, documentType: string, documentNumber: string, externalDocumentNumber?: string, description?: string, amountCents: number, invoiceId?: string, dims?: {id: string, valueId: string}[], balAccountType?: string, balAccountNumber?: string, yourReference?: string }} e
 */
function addPartyEntry(ctx, co, table, e) {
	const id = ctx.newId();
	const { dims, ...fields } = e;
	const rec = {
		id,
		entryNumber: co.series.ledgerEntry.next++,
		balAccountType: 'G/L Account',
		balAccountNumber: '',
		yourReference: '',
		...fields,
		dimensionSetId: dimensionSetId(co, dims),
		remainingCents: e.amountCents,
		open: e.amountCents !== 0,
		applications: [],
		_ts: 0,
		lastModifiedDateTime: '',
	};
	ctx.touch(rec);
	co.t[table][id] = rec;
	return rec;
}

/**
 * Apply a credit ledger entry (payment or credit memo, negative remaining) to a posted invoice:
 * reduce the invoice's remaining amount by what the credit can cover (never below zero) and close
 * it (status Paid) at zero; whatever is left stays open on the credit entry.
 * @param {Ctx} ctx @param {any} co @param {any} credit @param {string} invoiceId
 */
function applyToInvoice(ctx, co, credit, invoiceId) {
	const inv = co.t.salesInvoices[invoiceId];
	const cle = co.t.custLedgerEntries[inv.ledgerEntryId];
	const applied = Math.min(-credit.remainingCents, cle.remainingCents);
	if (applied <= 0) return;
	cle.remainingCents -= applied;
	credit.remainingCents += applied;
	cle.open = cle.remainingCents !== 0;
	credit.open = credit.remainingCents !== 0;
	cle.applications.push({ entryId: credit.id, cents: applied });
	credit.applications.push({ entryId: cle.id, cents: applied });
	ctx.touch(cle);
	ctx.touch(credit);
	if (cle.remainingCents === 0) inv.status = 'Paid';
	ctx.touch(inv);
	ctx.notify(co, 'salesInvoices', inv.id, 'updated');
}

/** @param {string} date @param {string} formula like "30D", "1M", "0D", "CM" */
function addDateFormula(date, formula) {
	const d = new Date(`${date}T00:00:00Z`);
	const m = /^(\d+)([DWMY])$/i.exec(formula || '');
	if (!m) return date;
	const n = parseInt(m[1], 10);
	switch (m[2].toUpperCase()) {
		case 'D':
			d.setUTCDate(d.getUTCDate() + n);
			break;
		case 'W':
			d.setUTCDate(d.getUTCDate() + 7 * n);
			break;
		case 'M':
			d.setUTCMonth(d.getUTCMonth() + n);
			break;
		case 'Y':
			d.setUTCFullYear(d.getUTCFullYear() + n);
			break;
	}
	return d.toISOString().slice(0, 10);
}

module.exports = {
	nextNo,
	all,
	byNumber,
	byCode,
	checkPostingDate,
	checkDirectPostingAccount,
	checkDims,
	mergeDims,
	defaultDimsFor,
	addGl,
	postBuffer,
	addPartyEntry,
	dimensionSetId,
	applyToInvoice,
	addDateFormula,
};
