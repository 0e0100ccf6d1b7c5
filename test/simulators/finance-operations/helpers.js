'use strict';
/**
 * What tests do "as F&O would" and how they read what was written: post a free text invoice (it
 * turns posted and raises the open customer transaction), post a customer payment journal (its
 * marked invoices are settled), and list records or transactions without going through HTTP.
 */
const { DEFS, find, same } = require('./entities.js');
const { render } = require('./query.js');
const { parseDec, toCents, decToString } = require('../shared/decimal.js');

/** @param {unknown} v */
const cents = (v) => toCents(/** @type {any} */ (parseDec(v)) || { n: 0n, s: 0 });
/** @param {number} c */
const dec = (c) => decToString({ n: BigInt(c), s: 2 });

/** @param {any} ctx */
function createTestHelpers(ctx) {
	/** @param {string} [company] */
	const co = (company) => String(company || ctx.state.defaultCompany).toLowerCase();
	const rows = (/** @type {string} */ set) => [...ctx.state.tables[set].values()];

	return {
		/**
		 * Records of an entity set as the API renders them (no paging); company entity sets default to the default company.
		 * @param {string} set @param {{ company?: string, allCompanies?: boolean }} [o]
		 */
		list(set, o = {}) {
			const def = DEFS[set];
			if (!def) throw new Error(`unknown entity set ${set}`);
			return rows(set)
				.filter((r) => !def.company || o.allCompanies || same(r.dataAreaId, co(o.company)))
				.map((r) => render(r, def));
		},
		/** Free text invoice lines of one header. @param {number} invoiceIdentifier @param {{ company?: string }} [o] */
		freeTextInvoiceLines(invoiceIdentifier, o = {}) {
			return rows('FreeTextInvoiceLines')
				.filter((l) => same(l.dataAreaId, co(o.company)) && l.ParentRecId === invoiceIdentifier)
				.map((l) => render(l, DEFS.FreeTextInvoiceLines));
		},
		/**
		 * Post a free text invoice as F&O would: IsPosted = Yes, an invoice number (FreeTextNumber) and an
		 * open customer transaction for the total of its lines.
		 * @param {number} invoiceIdentifier @param {{ company?: string }} [o]
		 */
		postFreeTextInvoice(invoiceIdentifier, o = {}) {
			const header = find(ctx.state, 'FreeTextInvoiceHeaders', { dataAreaId: co(o.company), InvoiceIdentifier: invoiceIdentifier });
			if (!header) throw new Error(`no free text invoice ${invoiceIdentifier} in ${co(o.company)}`);
			if (header.IsPosted === 'Yes') throw new Error(`free text invoice ${invoiceIdentifier} is already posted`);
			const lines = rows('FreeTextInvoiceLines').filter((l) => same(l.dataAreaId, header.dataAreaId) && l.ParentRecId === invoiceIdentifier);
			if (!lines.length) throw new Error(`free text invoice ${invoiceIdentifier} has no lines`);
			const total = lines.reduce((s, l) => s + cents(l.TransactionCurrencyAmount), 0);
			header.FreeTextNumber = ctx.nextNumber(header.dataAreaId, 'freeText', (/** @type {number} */ n) => `FTI-${String(n).padStart(6, '0')}`);
			header.IsPosted = 'Yes';
			header._v = ctx.touch();
			const trans = {
				dataAreaId: header.dataAreaId,
				AccountNum: header.InvoiceAccount,
				Invoice: header.FreeTextNumber,
				Voucher: ctx.nextNumber(header.dataAreaId, 'invoiceVoucher', (/** @type {number} */ n) => `ARINV${String(n).padStart(6, '0')}`),
				TransDate: header.InvoiceDate,
				DueDate: header.DueDate,
				CurrencyCode: header.CurrencyCode,
				AmountCur: dec(total),
				RemainingAmountCur: dec(total),
				CustomerReference: header.CustomerReference,
				DefaultDimensionDisplayValue: header.DefaultDimensionDisplayValue,
				InvoiceIdentifier: invoiceIdentifier,
				open: total !== 0,
			};
			ctx.state.customerTransactions.push(trans);
			return { FreeTextNumber: header.FreeTextNumber, totalAmount: trans.AmountCur, transaction: { ...trans } };
		},
		/**
		 * Post a customer payment journal: IsPosted = Yes, a payment transaction per customer line, and the
		 * line's CreditAmount settled against its MarkedInvoice.
		 * @param {string} journalBatchNumber @param {{ company?: string }} [o]
		 */
		postPaymentJournal(journalBatchNumber, o = {}) {
			const header = find(ctx.state, 'CustomerPaymentJournalHeaders', { dataAreaId: co(o.company), JournalBatchNumber: journalBatchNumber });
			if (!header) throw new Error(`no payment journal ${journalBatchNumber} in ${co(o.company)}`);
			if (header.IsPosted === 'Yes') throw new Error(`payment journal ${journalBatchNumber} is already posted`);
			const lines = rows('CustomerPaymentJournalLines').filter((l) => same(l.dataAreaId, header.dataAreaId) && same(l.JournalBatchNumber, header.JournalBatchNumber));
			for (const l of lines.filter((x) => x.AccountType === 'Cust')) {
				const amount = cents(l.DebitAmount) - cents(l.CreditAmount);
				ctx.state.customerTransactions.push({ dataAreaId: l.dataAreaId, AccountNum: l.AccountDisplayValue, Invoice: '', Voucher: l.Voucher, TransDate: l.TransactionDate, CurrencyCode: l.CurrencyCode, AmountCur: dec(amount), RemainingAmountCur: '0.00', PaymentReference: l.PaymentReference, open: false });
				const inv = l.MarkedInvoice && ctx.state.customerTransactions.find((t) => t.open && same(t.Invoice, l.MarkedInvoice) && same(t.AccountNum, l.AccountDisplayValue));
				if (inv) {
					const remaining = cents(inv.RemainingAmountCur) + amount;
					inv.RemainingAmountCur = dec(remaining);
					inv.open = remaining !== 0;
				}
			}
			header.IsPosted = 'Yes';
			header._v = ctx.touch();
			return { lines: lines.length };
		},
		/** Customer transactions (copies). @param {{ company?: string }} [o] */
		customerTransactions(o = {}) {
			return ctx.state.customerTransactions.filter((/** @type {any} */ t) => same(t.dataAreaId, co(o.company))).map((/** @type {any} */ t) => ({ ...t }));
		},
	};
}

module.exports = { createTestHelpers };
