'use strict';
/**
 * Business rules per entity: defaults, validation (field errors for the 422), computed fields
 * (totals, status) and release. AR invoice AR301000, AR payment AR302000, AP bill AP301000
 * (fact sheet §3, §3.8, §5.4); customers, vendors, accounts and subaccounts.
 */
const { cents, centsStr, productCents, subCent } = require('./money.js');
const { failure } = require('./errors.js');

/** @param {any} ctx @param {string} entity @param {string} keyField @param {any} value */
const findCD = (ctx, entity, keyField, value) => {
	const v = String(value ?? '').trim().toLowerCase();
	return ctx.state.tables[entity].find((/** @type {any} */ r) => String(r.f[keyField]).toLowerCase() === v) || null;
};

/** @typedef {(path: Array<string|number>, message: string) => void} Err */

/**
 * A reference to master data: empty / not found / inactive → a field error.
 * @param {Err} err @param {Array<string|number>} path @param {string} label @param {any} value @param {any} found @param {boolean} [active]
 */
function checkRef(err, path, label, value, found, active = true) {
	if (value == null || value === '') err(path, `'${label}' cannot be empty.`);
	else if (!found) err(path, `${label} '${value}' cannot be found in the system.`);
	else if (!active) err(path, `${label} '${value}' is inactive.`);
}

/** @param {string} value @param {string[]} allowed @param {string} label @param {Err} err @param {Array<string|number>} path */
const checkList = (value, allowed, label, err, path) => {
	if (value != null && !allowed.includes(value)) err(path, `'${value}' is not a valid value for ${label}. Valid values: ${allowed.join(', ')}.`);
};

/**
 * Nothing of a released document may change but its note; lines cannot be added or deleted, except
 * new applications on a released (Open) payment.
 * @param {string|null} addable detail that takes new lines after release
 */
const guardReleased = (addable) => (/** @type {any} */ existing, /** @type {any} */ parsed, /** @type {Err} */ err) => {
	if (!existing.x.released) return;
	const msg = 'The document is released; this field cannot be changed.';
	for (const [k, v] of Object.entries(parsed.f)) if (String(existing.f[k] ?? '') !== String(v ?? '') && k !== 'Hold') err([k], msg);
	for (const [name, lines] of Object.entries(/** @type {Record<string, any[]>} */ (parsed.details))) {
		lines.forEach((p, i) => {
			if (name === addable && !p.id) return;
			if (!p.id || p.delete) err([name, i, 'id'], 'Lines of a released document cannot be added or deleted.');
			else {
				const line = (existing.details[name] || []).find((/** @type {any} */ l) => l.id === p.id);
				for (const [k, v] of Object.entries(p.f)) if (line && String(line.f[k] ?? '') !== String(v ?? '')) err([name, i, k], msg);
			}
		});
	}
};

/**
 * Header defaults of a new document; the date defaults to the request's business date (`PX-CbApiBusinessDate`) or the work date.
 * @param {any} ctx @param {any} rec @param {string} type @param {string} dateField @param {string|null} businessDate
 */
function documentDefaults(ctx, rec, type, dateField, businessDate) {
	if (rec.f.Type == null) rec.f.Type = type;
	if (rec.f[dateField] == null) rec.f[dateField] = businessDate || `${ctx.workDate()}T00:00:00+00:00`;
	if (rec.f.Hold == null) rec.f.Hold = ctx.opts.holdDocumentsOnEntry;
	if (rec.f.PostPeriod == null) {
		const d = String(rec.f[dateField]);
		rec.f.PostPeriod = `${d.slice(5, 7)}${d.slice(0, 4)}`;
	}
}

/** @param {any} ctx @param {string} entity @param {string} prefix */
function nextNumber(ctx, entity, prefix) {
	ctx.state.numbers[entity] += 1;
	return `${prefix}${String(ctx.state.numbers[entity]).padStart(6, '0')}`;
}

/** GL coding of a line: account, subaccount, branch exist and are active. @param {any} ctx @param {any} line @param {Err} err @param {Array<string|number>} at */
function checkCoding(ctx, line, err, at) {
	const acct = findCD(ctx, 'Account', 'AccountCD', line.f.Account);
	checkRef(err, [...at, 'Account'], 'Account', line.f.Account, acct, !acct || acct.f.Active);
	const sub = findCD(ctx, 'Subaccount', 'SubaccountCD', line.f.Subaccount);
	checkRef(err, [...at, 'Subaccount'], 'Subaccount', line.f.Subaccount, sub, !sub || sub.f.Active);
	const branch = ctx.state.branches.find((/** @type {any} */ b) => b.BranchID.toLowerCase() === String(line.f.Branch ?? '').toLowerCase());
	checkRef(err, [...at, 'Branch'], 'Branch', line.f.Branch, branch);
}

/** Status from Hold and release (§3.8). @param {any} rec @param {number} balanceCents */
function documentStatus(rec, balanceCents) {
	if (rec.x.released) return balanceCents === 0 ? 'Closed' : 'Open';
	return rec.f.Hold ? 'On Hold' : 'Balanced';
}

/** Where a line's error goes: its index in the body, or the header when the line was not sent. @param {string} name @param {any} line */
const lineAt = (name, line) => (line.bi === undefined ? [] : [name, line.bi]);

// ---------------------------------------------------------------- AR invoice / AP bill
/** @param {{ type: string, types: string[], partyEntity: string, partyField: string, partyKey: string, partyLabel: string, amountField: string, priceField: string, defaultAccount: string, prefix: string, entity: string, branchField: string }} c */
function ledgerDocument(c) {
	return {
		keyDefault: { Type: c.type },
		guardReleased: guardReleased(null),
		/** @param {any} ctx @param {any} rec */
		number: (ctx, rec) => nextNumber(ctx, c.entity, c.prefix),
		/** @param {any} ctx @param {any} rec @param {any} parsed @param {Err} err @param {{ isNew: boolean, branch: string, businessDate: string|null }} o */
		validate(ctx, rec, parsed, err, o) {
			documentDefaults(ctx, rec, c.type, 'Date', o.businessDate);
			if (parsed.sent.has('Amount')) rec.x.controlSent = true;
			if (o.isNew) rec.f.ReferenceNbr = '<NEW>';
			checkList(rec.f.Type, c.types, 'Type', err, ['Type']);
			const party = findCD(ctx, c.partyEntity, c.partyKey, rec.f[c.partyField]);
			checkRef(err, [c.partyField], c.partyLabel, rec.f[c.partyField], party);
			if (party && party.f.Status !== 'Active') err([c.partyField], `The ${c.partyLabel.toLowerCase()} status is '${party.f.Status}'.`);
			if (c.entity === 'Bill') validateVendorRef(ctx, rec, err);
			const headerBranch = rec.f[c.branchField] || o.branch;
			if (rec.f[c.branchField] && !ctx.state.branches.some((/** @type {any} */ b) => b.BranchID.toLowerCase() === String(rec.f[c.branchField]).toLowerCase())) {
				err([c.branchField], `Branch '${rec.f[c.branchField]}' cannot be found in the system.`);
			}
			if (rec.f.Amount != null && subCent(rec.f.Amount)) err(['Amount'], 'The amount has more decimals than the currency allows (2).');
			(rec.details.Details || []).forEach((/** @type {any} */ line) => {
				const at = lineAt('Details', line);
				if (line.f.LineNbr == null) line.f.LineNbr = Math.max(0, ...(rec.details.Details || []).map((/** @type {any} */ l) => l.f.LineNbr || 0)) + 1;
				if (line.f.Account == null) line.f.Account = c.defaultAccount;
				if (line.f.Subaccount == null) line.f.Subaccount = '000000';
				if (line.f.Branch == null) line.f.Branch = headerBranch;
				if (line.f.Qty == null) line.f.Qty = '1';
				checkCoding(ctx, line, err, at);
				const ext = c.amountField;
				const sent = line.sent || new Set();
				const product = () => (line.f[c.priceField] != null ? centsStr(productCents(line.f.Qty, line.f[c.priceField])) : '0');
				if (sent.has(ext)) {
					/* the extended amount as sent */
				} else if (sent.has(c.priceField) || sent.has('Qty')) line.f[ext] = product();
				else if (sent.has('Amount') && c.entity === 'Invoice') line.f[ext] = line.f.Amount;
				else if (line.f[ext] == null) line.f[ext] = product();
				if (subCent(line.f[ext])) err([...at, !sent.has(ext) && sent.has('Amount') ? 'Amount' : ext], 'The amount has more decimals than the currency allows (2).');
				if (line.f[c.priceField] == null) line.f[c.priceField] = line.f[ext];
				line.f.Amount = line.f[ext];
			});
		},
		/** @param {any} ctx @param {any} rec */
		compute(ctx, rec) {
			const total = (rec.details.Details || []).reduce((/** @type {number} */ s, /** @type {any} */ l) => s + cents(l.f.Amount), 0);
			rec.x.lineTotal = total;
			if (rec.f.Amount == null || !rec.x.controlSent) rec.f.Amount = centsStr(total);
			rec.f.TaxTotal = '0';
			if (!rec.x.released) rec.f.Balance = rec.f.Amount;
			rec.f.Status = documentStatus(rec, cents(rec.f.Balance));
		},
		/** @param {any} ctx @param {any} rec */
		release(ctx, rec) {
			if (rec.x.released) throw failure('The document has already been released.');
			if (rec.f.Hold) throw failure('The document is on hold and cannot be released. Clear the Hold check box first.');
			if (cents(rec.f.Amount) !== rec.x.lineTotal) throw failure(`Document is out of balance. The document total (${rec.f.Amount}) does not match the sum of the lines (${centsStr(rec.x.lineTotal)}).`);
			rec.x.released = true;
			rec.f.Balance = rec.f.Amount;
			rec.f.Status = documentStatus(rec, cents(rec.f.Balance));
		},
	};
}

/** AP Preferences: "Require Vendor Reference" and "Raise an Error On Duplicate Vendor Reference Number" (§5.4). @param {any} ctx @param {any} rec @param {Err} err */
function validateVendorRef(ctx, rec, err) {
	const ref = rec.f.VendorRef;
	if (ref == null || ref === '') {
		if (ctx.opts.requireVendorRef) err(['VendorRef'], "'Vendor Ref.' cannot be empty.");
		return;
	}
	if (!ctx.opts.raiseErrorOnDuplicateVendorRef) return;
	const dup = ctx.state.tables.Bill.find(
		(/** @type {any} */ b) => b.id !== rec.id && String(b.f.Vendor).toLowerCase() === String(rec.f.Vendor).toLowerCase() && String(b.f.VendorRef).toLowerCase() === String(ref).toLowerCase(),
	);
	if (dup) err(['VendorRef'], `Document with this Vendor Ref. already exists for this Vendor - see document with reference number '${dup.f.ReferenceNbr}' dated '${String(dup.f.Date).slice(0, 10)}'.`);
}

// ---------------------------------------------------------------- AR payment
const DOC_TYPES = /** @type {Record<string, string>} */ ({ Invoice: 'Invoice', INV: 'Invoice', 'Debit Memo': 'Debit Memo', DRM: 'Debit Memo' });

/** Open (released, unpaid) invoices a payment line may apply to. @param {any} ctx @param {string} customer @param {any} line */
function openInvoice(ctx, customer, line) {
	const type = DOC_TYPES[line.f.DocType];
	return ctx.state.tables.Invoice.find(
		(/** @type {any} */ i) =>
			i.x.released && i.f.Type === type && String(i.f.ReferenceNbr).toLowerCase() === String(line.f.ReferenceNbr ?? '').toLowerCase() && String(i.f.Customer).toLowerCase() === String(customer).toLowerCase() && cents(i.f.Balance) > 0,
	);
}

const PAYMENT = {
	keyDefault: { Type: 'Payment' },
	guardReleased: guardReleased('DocumentsToApply'),
	/** @param {any} ctx */
	number: (ctx) => nextNumber(ctx, 'Payment', ''),
	/** @param {any} ctx @param {any} rec @param {any} parsed @param {Err} err @param {{ isNew: boolean, businessDate: string|null }} o */
	validate(ctx, rec, parsed, err, o) {
		documentDefaults(ctx, rec, 'Payment', 'ApplicationDate', o.businessDate);
		if (o.isNew) rec.f.ReferenceNbr = '<NEW>';
		checkList(rec.f.Type, ['Payment', 'Prepayment'], 'Type', err, ['Type']);
		const customer = findCD(ctx, 'Customer', 'CustomerID', rec.f.CustomerID);
		checkRef(err, ['CustomerID'], 'Customer', rec.f.CustomerID, customer);
		if (customer && customer.f.Status !== 'Active') err(['CustomerID'], `The customer status is '${customer.f.Status}'.`);
		if (rec.f.PaymentMethod == null) err(['PaymentMethod'], "'Payment Method' cannot be empty.");
		else checkList(rec.f.PaymentMethod, ctx.state.paymentMethods, 'Payment Method', err, ['PaymentMethod']);
		checkRef(err, ['CashAccount'], 'Cash Account', rec.f.CashAccount, rec.f.CashAccount != null && ctx.state.cashAccounts[rec.f.CashAccount]);
		if (rec.f.PaymentAmount == null) rec.f.PaymentAmount = '0';
		if (subCent(rec.f.PaymentAmount) || cents(rec.f.PaymentAmount) < 0) err(['PaymentAmount'], 'The payment amount must be a non-negative amount with at most 2 decimals.');
		const seen = new Set();
		for (const line of rec.details.DocumentsToApply || []) {
			if (line.x.released) continue;
			const at = lineAt('DocumentsToApply', line);
			if (line.f.DocType == null) line.f.DocType = 'Invoice';
			if (!DOC_TYPES[line.f.DocType]) {
				err([...at, 'DocType'], `'${line.f.DocType}' is not a valid value for Doc. Type.`);
				continue;
			}
			line.f.DocType = DOC_TYPES[line.f.DocType];
			const inv = customer && openInvoice(ctx, rec.f.CustomerID, line);
			if (!inv) {
				err([...at, 'ReferenceNbr'], `Reference Nbr. '${line.f.ReferenceNbr ?? ''}' cannot be found in the system.`);
				continue;
			}
			const key = `${line.f.DocType}|${inv.f.ReferenceNbr}`;
			if (seen.has(key)) err([...at, 'ReferenceNbr'], `The document ${inv.f.ReferenceNbr} is already applied in this payment.`);
			seen.add(key);
			if (line.f.AmountPaid == null) line.f.AmountPaid = inv.f.Balance;
			const paid = cents(line.f.AmountPaid);
			if (subCent(line.f.AmountPaid) || paid <= 0) err([...at, 'AmountPaid'], 'The amount paid must be a positive amount with at most 2 decimals.');
			else if (paid > cents(inv.f.Balance)) err([...at, 'AmountPaid'], `The amount paid (${centsStr(paid)}) exceeds the balance of the document ${inv.f.ReferenceNbr} (${inv.f.Balance}).`);
			line.f.Balance = inv.f.Balance;
			line.f.CustomerOrder = inv.f.CustomerOrder ?? null;
			line.f.Description = inv.f.Description ?? null;
		}
	},
	/** @param {any} ctx @param {any} rec */
	compute(ctx, rec) {
		const applied = (rec.details.DocumentsToApply || []).reduce((/** @type {number} */ s, /** @type {any} */ l) => s + cents(l.f.AmountPaid), 0);
		rec.f.AppliedToDocuments = centsStr(applied);
		rec.f.AvailableBalance = centsStr(cents(rec.f.PaymentAmount) - applied);
		rec.f.Status = documentStatus(rec, cents(rec.f.AvailableBalance));
	},
	/** @param {any} ctx @param {any} rec */
	release(ctx, rec) {
		const pending = (rec.details.DocumentsToApply || []).filter((/** @type {any} */ l) => !l.x.released);
		if (rec.x.released && !pending.length) throw failure('The document has already been released.');
		if (rec.f.Hold) throw failure('The document is on hold and cannot be released. Clear the Hold check box first.');
		if (cents(rec.f.AvailableBalance) < 0) throw failure(`Document is out of balance. The applications (${rec.f.AppliedToDocuments}) exceed the payment amount (${rec.f.PaymentAmount}).`);
		const targets = pending.map((/** @type {any} */ l) => {
			const inv = openInvoice(ctx, rec.f.CustomerID, l);
			if (!inv || cents(l.f.AmountPaid) > cents(inv.f.Balance)) throw failure(`The document ${l.f.DocType} ${l.f.ReferenceNbr} has a balance lower than the amount paid (${l.f.AmountPaid}); it may have been paid by another payment.`);
			return inv;
		});
		pending.forEach((/** @type {any} */ l, /** @type {number} */ i) => {
			const inv = targets[i];
			inv.f.Balance = centsStr(cents(inv.f.Balance) - cents(l.f.AmountPaid));
			inv.f.Status = documentStatus(inv, cents(inv.f.Balance));
			inv.f.LastModifiedDateTime = ctx.nowIso();
			(inv.details.ApplicationsDefault = inv.details.ApplicationsDefault || []).push({
				id: ctx.state.newId(),
				f: { DocType: rec.f.Type, ReferenceNbr: rec.f.ReferenceNbr, AmountPaid: l.f.AmountPaid, Balance: inv.f.Balance, PaymentDate: rec.f.ApplicationDate, Status: 'Released' },
				linked: {},
				x: {},
			});
			l.x.released = true;
			l.f.Balance = inv.f.Balance;
		});
		rec.x.released = true;
		PAYMENT.compute(ctx, rec);
	},
};

// ---------------------------------------------------------------- master data
/** @param {{ key: string, keyLabel: string, name?: string, nameLabel?: string, classField?: string, classes?: string, statuses?: string[], entity: string }} c */
function masterData(c) {
	return {
		/** @param {any} ctx @param {any} rec @param {any} parsed @param {Err} err */
		validate(ctx, rec, parsed, err) {
			if (rec.f[c.key] == null || rec.f[c.key] === '') err([c.key], `'${c.keyLabel}' cannot be empty.`);
			if (c.name && (rec.f[c.name] == null || rec.f[c.name] === '')) err([c.name], `'${c.nameLabel}' cannot be empty.`);
			if (c.classField) {
				if (rec.f[c.classField] == null) rec.f[c.classField] = 'DEFAULT';
				const classes = ctx.state[/** @type {string} */ (c.classes)];
				if (!classes.includes(rec.f[c.classField])) err([c.classField], `${c.keyLabel.replace(' ID', '')} Class '${rec.f[c.classField]}' cannot be found in the system.`);
			}
			if (c.statuses) {
				if (rec.f.Status == null) rec.f.Status = 'Active';
				checkList(rec.f.Status, c.statuses, 'Status', err, ['Status']);
			}
			if (c.entity === 'Account') {
				if (rec.f.Active == null) rec.f.Active = true;
				if (rec.f.AccountID == null) rec.f.AccountID = 1000 + ctx.state.tables.Account.length;
				checkList(rec.f.Type, ['Asset', 'Liability', 'Income', 'Expense'], 'Type', err, ['Type']);
				if (rec.f.Type == null) err(['Type'], "'Type' cannot be empty.");
			}
			if (c.entity === 'Subaccount') {
				if (rec.f.Active == null) rec.f.Active = true;
				if (rec.f.SubaccountID == null) rec.f.SubaccountID = 500 + ctx.state.tables.Subaccount.length;
				rec.f.Secured = false;
			}
			if (c.entity === 'Customer' && rec.f.CurrencyID == null) rec.f.CurrencyID = 'USD';
		},
	};
}

const STATUSES = ['Active', 'On Hold', 'Credit Hold', 'Inactive', 'One-Time'];

/** @type {Record<string, any>} */
const RULES = {
	invoice: ledgerDocument({ type: 'Invoice', types: ['Invoice', 'Debit Memo', 'Credit Memo'], partyEntity: 'Customer', partyField: 'Customer', partyKey: 'CustomerID', partyLabel: 'Customer', amountField: 'ExtendedPrice', priceField: 'UnitPrice', defaultAccount: '40000', prefix: 'AR', entity: 'Invoice', branchField: 'LinkBranch' }),
	bill: ledgerDocument({ type: 'Bill', types: ['Bill', 'Debit Adj.', 'Credit Adj.'], partyEntity: 'Vendor', partyField: 'Vendor', partyKey: 'VendorID', partyLabel: 'Vendor', amountField: 'ExtendedCost', priceField: 'UnitCost', defaultAccount: '50000', prefix: 'AP', entity: 'Bill', branchField: 'BranchID' }),
	payment: PAYMENT,
	customer: masterData({ entity: 'Customer', key: 'CustomerID', keyLabel: 'Customer ID', name: 'CustomerName', nameLabel: 'Customer Name', classField: 'CustomerClass', classes: 'customerClasses', statuses: STATUSES }),
	vendor: masterData({ entity: 'Vendor', key: 'VendorID', keyLabel: 'Vendor ID', name: 'VendorName', nameLabel: 'Vendor Name', classField: 'VendorClass', classes: 'vendorClasses', statuses: STATUSES }),
	account: masterData({ entity: 'Account', key: 'AccountCD', keyLabel: 'Account' }),
	subaccount: masterData({ entity: 'Subaccount', key: 'SubaccountCD', keyLabel: 'Subaccount' }),
};

module.exports = { RULES, findCD };
