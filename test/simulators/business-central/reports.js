'use strict';
/**
 * BC's finance reports API (`/api/microsoft/reportsFinance/beta`): read-only API queries over the
 * posted ledgers. Only `customerLedgerEntries` is modelled, with the columns of Microsoft's query
 * 30302 "API Fin - Cust Ledg Entry", served from the simulator's customer ledger.
 */
const { BcError } = require('./errors.js');
const { render } = require('./store.js');
const { S, C, D, B, I, M, E, LMDT } = require('./fields.js');

const DOCUMENT_TYPES = ['', 'Payment', 'Invoice', 'Credit Memo', 'Finance Charge Memo', 'Reminder', 'Refund'];
const ACCOUNT_TYPES = ['G/L Account', 'Customer', 'Vendor', 'Bank Account', 'Fixed Asset', 'IC Partner', 'Employee'];

/** Columns in the query's order; an API query has no `id` and no key. */
const customerLedgerEntryFields = {
	entryNumber: I,
	documentType: E(...DOCUMENT_TYPES),
	description: S(100),
	postingDate: D,
	documentNumber: C(20),
	externalDocumentNumber: S(35),
	balancingAccountNumber: C(20),
	balancingAccountType: E(...ACCOUNT_TYPES),
	customerNumber: C(20),
	open: B,
	amount: M,
	debitAmount: M,
	creditAmount: M,
	amountLocalCurrency: M,
	dimensionSetID: I,
	debitAmountLocalCurrency: M,
	creditAmountLocalCurrency: M,
	currencyCode: C(10),
	yourReference: S(35),
	lastModifiedDateTime: LMDT,
};

const customerLedgerEntries = {
	name: 'customerLedgerEntries',
	type: 'customerLedgerEntry',
	caption: 'Cust. Ledger Entry',
	fields: customerLedgerEntryFields,
	readOnly: true,
	// stored under the same names, so long `or` lists on them narrow before rendering
	storedFilterFields: ['documentNumber', 'externalDocumentNumber'],
	list(/** @type {any} */ ctx, /** @type {any} */ co) {
		return Object.values(co.t.custLedgerEntries);
	},
	get(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ _p, /** @type {string} */ key) {
		throw new BcError(
			400,
			'BadRequest_InvalidRequestUrl',
			`The request URI is not valid. 'customerLedgerEntries' is an API query and its entries have no key ('${key}'); filter the collection instead, e.g. $filter=entryNumber eq 5.`,
		);
	},
	view(/** @type {any} */ ctx, /** @type {any} */ co, /** @type {any} */ r) {
		const customer = co.t.customers[r.partyId];
		// Amount, Debit Amount and Credit Amount are the entry's original amount (applications do not change them)
		const debit = r.amountCents > 0 ? r.amountCents : 0;
		const credit = r.amountCents < 0 ? -r.amountCents : 0;
		const out = render(customerLedgerEntries, r, {
			customerNumber: customer ? customer.number : '',
			balancingAccountType: r.balAccountType || 'G/L Account',
			balancingAccountNumber: r.balAccountNumber || '',
			amount: r.amountCents,
			debitAmount: debit,
			creditAmount: credit,
			amountLocalCurrency: r.amountCents,
			debitAmountLocalCurrency: debit,
			creditAmountLocalCurrency: credit,
			dimensionSetID: r.dimensionSetId || 0,
			currencyCode: '',
		});
		delete out['@odata.etag'];
		return out;
	},
};

/** Entity sets of the finance reports API. */
const REPORT_DEFS = Object.freeze({ customerLedgerEntries });

module.exports = { REPORT_DEFS };
