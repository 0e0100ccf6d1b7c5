'use strict';
/**
 * The entity sets of the F&O simulator (fact sheet A7): field types, labels, which fields the
 * server fills, and the business rules a write must pass. Types: 's' string, 'd' Edm.Decimal
 * (stored as a canonical decimal string), 'i' Edm.Int64, 'dt' Edm.DateTimeOffset, 'e:<Enum>'.
 */
const { KEYS, EMPTY_DATE } = require('./seed.js');
const { writeFailed, notInRelated, mustBeFilled } = require('./errors.js');
const { normalizeDisplayValue } = require('./dimensions.js');
const { lineAmountCents, decToString, parseDec } = require('../shared/decimal.js');

const ENUMS = /** @type {Record<string, string[]>} */ ({
	NoYes: ['No', 'Yes'],
	LedgerJournalACType: ['Ledger', 'Cust', 'Vend', 'Project', 'FixedAssets', 'Bank', 'RCash', 'RDeferrals', 'Employee_RU'],
	SettlementType: ['None', 'SelectedTransact', 'OpenTransact'],
	DimensionHierarchyType: ['DataEntityDefaultDimensionFormat', 'DataEntityLedgerDimensionFormat', 'DataEntityBudgetRegisterDimensionFormat', 'DataEntityBudgetPlanningDimensionFormat'],
	DimensionSegmentDelimiter: ['Hyphen', 'Period', 'Underscore', 'Bar', 'DoubleHyphen', 'Tilde', 'DoubleTilde'],
});

/** @param {number} cents */
const centsToDec = (cents) => decToString({ n: BigInt(cents), s: 2 });

/**
 * @typedef {Object} Ctx
 * @property {any} state
 * @property {any} opts
 * @property {() => string} today ISO date-time at 12:00 UTC of the work date
 * @property {(company: string, name: string, format: (n: number) => string) => string} nextNumber
 */

/** @param {any} state @param {string} set @param {any} rec */
const find = (state, set, rec) => state.tables[set].get(KEYS[set].map((k) => String(rec[k]).toLowerCase()).join('\u0001'));
/** @param {any} state @param {string} set @param {(r: any) => boolean} pred */
const filterSet = (state, set, pred) => [...state.tables[set].values()].filter(pred);
const same = (/** @type {string} */ a, /** @type {string} */ b) => String(a).toLowerCase() === String(b).toLowerCase();

/**
 * A display-value field: normalize it in place or collect the problems.
 * @param {Ctx} ctx @param {any} rec @param {string} field @param {'default'|'ledger'} kind @param {string[]} problems
 */
function checkDimension(ctx, rec, field, kind, problems) {
	const r = normalizeDisplayValue(ctx.state, rec[field], { kind, company: rec.dataAreaId, field });
	if (r.ok) rec[field] = r.value;
	else problems.push(...r.problems);
}

/**
 * Foreign keys against a seed list: the first miss fails the write.
 * @param {string} aot @param {any} rec @param {Array<[string, string, string[], string]>} checks field, label, allowed, related table
 */
function checkLists(aot, rec, checks) {
	for (const [field, label, allowed, related] of checks) {
		const v = rec[field];
		if (v && !allowed.some((a) => same(a, v))) throw notInRelated(aot, field, v, label, related);
	}
}

/** @param {string} aot @param {any} rec @param {Record<string,string>} labels field → label of the required fields */
function checkRequired(aot, rec, labels) {
	const missing = Object.entries(labels).filter(([f]) => rec[f] === undefined || rec[f] === null || rec[f] === '').map(([, l]) => l);
	if (missing.length) throw mustBeFilled(aot, missing);
}

/** Next line number under a parent when the client sends none. @param {any} state @param {string} set @param {(r: any) => boolean} siblings @param {string} field */
function nextLineNumber(state, set, siblings, field) {
	const max = filterSet(state, set, siblings).reduce((m, r) => Math.max(m, Number(r[field])), 0);
	return String(Math.floor(max) + 1);
}

/** @param {string} aot @param {string} what */
const postedError = (aot, what) => writeFailed(aot, [`Error: ${what} is posted and cannot be changed.`]);

const CUSTOMER = {
	type: 'CustomerV3',
	aot: 'CustCustomerV3Entity',
	table: 'Customers (CustTable)',
	keyLabel: (/** @type {any} */ r) => `Customer account: ${r.CustomerAccount}`,
	company: true,
	fields: {
		dataAreaId: 's', CustomerAccount: 's', PartyType: 's', OrganizationName: 's', PersonFirstName: 's', PersonMiddleName: 's', PersonLastName: 's',
		CustomerGroupId: 's', SalesCurrencyCode: 's', InvoiceAccount: 's', PaymentTerms: 's', PaymentMethod: 's', SalesTaxGroup: 's',
		DefaultDimensionDisplayValue: 's', CreditLimit: 'd', PrimaryContactEmail: 's', PrimaryContactPhone: 's', AddressStreet: 's',
		AddressCity: 's', AddressState: 's', AddressZipCode: 's', AddressCountryRegionId: 's',
	},
	readOnly: [],
	defaults: { PartyType: 'Organization', CreditLimit: '0' },
	/** @param {Ctx} ctx @param {any} rec */
	validate(ctx, rec) {
		const aot = CUSTOMER.aot;
		checkRequired(aot, rec, { CustomerAccount: 'Customer account', CustomerGroupId: 'Customer group', SalesCurrencyCode: 'Currency' });
		if (!['Organization', 'Person'].includes(rec.PartyType)) throw writeFailed(aot, [`Error: Party type '${rec.PartyType}' is not valid; use Organization or Person.`]);
		if (rec.PartyType === 'Organization' && !rec.OrganizationName) throw mustBeFilled(aot, ['Name']);
		if (rec.PartyType === 'Person' && !rec.PersonFirstName && !rec.PersonMiddleName && !rec.PersonLastName) throw mustBeFilled(aot, ['First name']);
		if (String(rec.CustomerAccount).length > 20) throw writeFailed(aot, [`Error: The value '${rec.CustomerAccount}' is too long for field 'Customer account' (at most 20 characters).`]);
		const s = ctx.state;
		checkLists(aot, rec, [
			['CustomerGroupId', 'Customer group', s.customerGroups, 'Customer groups'],
			['SalesCurrencyCode', 'Currency', s.currencies, 'Currency'],
			['PaymentTerms', 'Terms of payment', s.paymentTerms, 'Terms of payment'],
			['PaymentMethod', 'Method of payment', s.paymentMethods, 'Methods of payment - customers'],
			['SalesTaxGroup', 'Sales tax group', s.salesTaxGroups, 'Sales tax groups'],
		]);
		if ((rec.AddressCity || rec.AddressStreet || rec.AddressZipCode || rec.AddressState) && !rec.AddressCountryRegionId) throw mustBeFilled(aot, ['Country/region']);
		if (rec.InvoiceAccount && !same(rec.InvoiceAccount, rec.CustomerAccount) && !find(s, 'CustomersV3', { dataAreaId: rec.dataAreaId, CustomerAccount: rec.InvoiceAccount })) {
			throw notInRelated(aot, 'InvoiceAccount', rec.InvoiceAccount, 'Invoice account', 'Customers');
		}
		const problems = [];
		checkDimension(ctx, rec, 'DefaultDimensionDisplayValue', 'default', problems);
		if (problems.length) throw writeFailed(aot, problems);
	},
};

const VENDOR = {
	type: 'VendorV2',
	aot: 'VendVendorV2Entity',
	table: 'Vendors (VendTable)',
	keyLabel: (/** @type {any} */ r) => `Vendor account: ${r.VendorAccountNumber}`,
	company: true,
	fields: { dataAreaId: 's', VendorAccountNumber: 's', VendorOrganizationName: 's', VendorGroupId: 's', CurrencyCode: 's', DefaultDimensionDisplayValue: 's' },
	readOnly: [],
	defaults: { CurrencyCode: 'USD' },
	/** @param {Ctx} ctx @param {any} rec */
	validate(ctx, rec) {
		const aot = VENDOR.aot;
		checkRequired(aot, rec, { VendorAccountNumber: 'Vendor account', VendorGroupId: 'Group', VendorOrganizationName: 'Name' });
		checkLists(aot, rec, [
			['VendorGroupId', 'Group', ctx.state.vendorGroups, 'Vendor groups'],
			['CurrencyCode', 'Currency', ctx.state.currencies, 'Currency'],
		]);
		const problems = [];
		checkDimension(ctx, rec, 'DefaultDimensionDisplayValue', 'default', problems);
		if (problems.length) throw writeFailed(aot, problems);
	},
};

const FTI_HEADER = {
	type: 'FreeTextInvoiceHeader',
	aot: 'CustFreeTextInvoiceHeaderEntity',
	table: 'Customer invoice table (CustInvoiceTable)',
	keyLabel: (/** @type {any} */ r) => `Invoice identifier: ${r.InvoiceIdentifier}`,
	company: true,
	fields: {
		dataAreaId: 's', InvoiceIdentifier: 'i', CustomerAccount: 's', InvoiceAccount: 's', InvoiceDate: 'dt', DocumentDate: 'dt', DueDate: 'dt',
		CurrencyCode: 's', TermsOfPayment: 's', MethodOfPayment: 's', CustomerReference: 's', DefaultDimensionDisplayValue: 's', PostingProfile: 's',
		SalesTaxGroupId: 's', SalesTaxItemGroupId: 's', InclTax: 'e:NoYes', OverrideSalesTax: 'e:NoYes', LanguageId: 's', InvoiceName: 's',
		CustomerRequisition: 's', BillingClassification: 's', IsPosted: 'e:NoYes', FreeTextNumber: 's', ExternalInvoiceId: 's',
	},
	readOnly: ['InvoiceIdentifier', 'IsPosted', 'FreeTextNumber', 'ExternalInvoiceId'],
	defaults: { InclTax: 'No', OverrideSalesTax: 'No', IsPosted: 'No', FreeTextNumber: '', ExternalInvoiceId: '', DocumentDate: EMPTY_DATE, DueDate: EMPTY_DATE },
	/** @param {Ctx} ctx @param {any} rec */
	prepare(ctx, rec) {
		rec.InvoiceIdentifier = ctx.state.nextRecId++;
		const cust = find(ctx.state, 'CustomersV3', rec);
		if (!cust) return;
		rec.InvoiceAccount = rec.InvoiceAccount || cust.InvoiceAccount || cust.CustomerAccount;
		rec.CurrencyCode = rec.CurrencyCode || cust.SalesCurrencyCode;
		rec.TermsOfPayment = rec.TermsOfPayment || cust.PaymentTerms;
		rec.InvoiceDate = rec.InvoiceDate || ctx.today();
		if (rec.DefaultDimensionDisplayValue === undefined) rec.DefaultDimensionDisplayValue = cust.DefaultDimensionDisplayValue;
	},
	/** @param {Ctx} ctx @param {any} rec @param {any} [old] */
	validate(ctx, rec, old) {
		const aot = FTI_HEADER.aot;
		if (old && old.IsPosted === 'Yes') throw postedError(aot, `Free text invoice ${old.FreeTextNumber}`);
		checkRequired(aot, rec, { CustomerAccount: 'Customer account' });
		if (!find(ctx.state, 'CustomersV3', rec)) throw notInRelated(aot, 'CustomerAccount', rec.CustomerAccount, 'Customer account', 'Customers');
		if (!find(ctx.state, 'CustomersV3', { dataAreaId: rec.dataAreaId, CustomerAccount: rec.InvoiceAccount })) throw notInRelated(aot, 'InvoiceAccount', rec.InvoiceAccount, 'Invoice account', 'Customers');
		const s = ctx.state;
		checkLists(aot, rec, [
			['CurrencyCode', 'Currency', s.currencies, 'Currency'],
			['TermsOfPayment', 'Terms of payment', s.paymentTerms, 'Terms of payment'],
			['MethodOfPayment', 'Method of payment', s.paymentMethods, 'Methods of payment - customers'],
			['SalesTaxGroupId', 'Sales tax group', s.salesTaxGroups, 'Sales tax groups'],
			['SalesTaxItemGroupId', 'Item sales tax group', s.salesTaxItemGroups, 'Item sales tax groups'],
		]);
		const problems = [];
		checkDimension(ctx, rec, 'DefaultDimensionDisplayValue', 'default', problems);
		if (problems.length) throw writeFailed(aot, problems);
	},
	/** Deleting the header deletes its lines (a posted invoice cannot be deleted). @param {Ctx} ctx @param {any} rec */
	beforeDelete(ctx, rec) {
		if (rec.IsPosted === 'Yes') throw postedError(FTI_HEADER.aot, `Free text invoice ${rec.FreeTextNumber}`);
		for (const [k, l] of ctx.state.tables.FreeTextInvoiceLines) if (same(l.dataAreaId, rec.dataAreaId) && l.ParentRecId === rec.InvoiceIdentifier) ctx.state.tables.FreeTextInvoiceLines.delete(k);
	},
};

/** @param {Ctx} ctx @param {any} line */
const ftiHeaderOf = (ctx, line) => find(ctx.state, 'FreeTextInvoiceHeaders', { dataAreaId: line.dataAreaId, InvoiceIdentifier: line.ParentRecId });

const FTI_LINE = {
	type: 'FreeTextInvoiceLine',
	aot: 'CustFreeTextInvoiceLineEntity',
	table: 'Customer invoice lines (CustInvoiceLine)',
	keyLabel: (/** @type {any} */ r) => `Line number: ${r.LineNumber}, Parent RecId: ${r.ParentRecId}`,
	company: true,
	fields: {
		dataAreaId: 's', ParentRecId: 'i', LineNumber: 'd', Description: 's', MainAccountDisplayValue: 's', DefaultDimensionDisplayValue: 's', Quantity: 'd',
		UnitPrice: 'd', TransactionCurrencyAmount: 'd', SalesTaxGroupId: 's', SalesTaxItemGroupId: 's', SalesTaxAmount: 'd', BillingCode: 's',
		CurrencyCode: 's', InvoiceText: 's',
	},
	readOnly: ['TransactionCurrencyAmount', 'SalesTaxAmount'],
	defaults: { Quantity: '1', UnitPrice: '0', SalesTaxAmount: '0' },
	/** @param {Ctx} ctx @param {any} rec */
	prepare(ctx, rec) {
		const header = ftiHeaderOf(ctx, rec);
		if (rec.LineNumber === undefined) rec.LineNumber = nextLineNumber(ctx.state, 'FreeTextInvoiceLines', (l) => same(l.dataAreaId, rec.dataAreaId) && l.ParentRecId === rec.ParentRecId, 'LineNumber');
		if (!header) return;
		rec.CurrencyCode = rec.CurrencyCode || header.CurrencyCode;
		if (rec.DefaultDimensionDisplayValue === undefined) rec.DefaultDimensionDisplayValue = header.DefaultDimensionDisplayValue;
	},
	/** @param {Ctx} ctx @param {any} rec */
	validate(ctx, rec) {
		const aot = FTI_LINE.aot;
		checkRequired(aot, rec, { ParentRecId: 'Invoice identifier (ParentRecId)', MainAccountDisplayValue: 'Main account' });
		const header = ftiHeaderOf(ctx, rec);
		if (!header) throw notInRelated(aot, 'ParentRecId', rec.ParentRecId, 'Invoice identifier (ParentRecId)', 'Free text invoice header (CustInvoiceTable)');
		if (header.IsPosted === 'Yes') throw postedError(aot, `Free text invoice ${header.FreeTextNumber}`);
		if (!ctx.state.tables.MainAccounts.get(`shared\u0001${String(rec.MainAccountDisplayValue).toLowerCase()}`)) {
			throw notInRelated(aot, 'MainAccountDisplayValue', rec.MainAccountDisplayValue, 'Main account', 'Main accounts');
		}
		checkLists(aot, rec, [
			['SalesTaxGroupId', 'Sales tax group', ctx.state.salesTaxGroups, 'Sales tax groups'],
			['SalesTaxItemGroupId', 'Item sales tax group', ctx.state.salesTaxItemGroups, 'Item sales tax groups'],
		]);
		const problems = [];
		checkDimension(ctx, rec, 'DefaultDimensionDisplayValue', 'default', problems);
		if (problems.length) throw writeFailed(aot, problems);
		rec.TransactionCurrencyAmount = centsToDec(lineAmountCents(rec.Quantity, rec.UnitPrice));
	},
	/** @param {Ctx} ctx @param {any} rec */
	beforeDelete(ctx, rec) {
		const header = ftiHeaderOf(ctx, rec);
		if (header && header.IsPosted === 'Yes') throw postedError(FTI_LINE.aot, `Free text invoice ${header.FreeTextNumber}`);
	},
};

/** @param {Ctx} ctx @param {any} line */
const journalOf = (ctx, line) => find(ctx.state, 'CustomerPaymentJournalHeaders', line);

const PAY_HEADER = {
	type: 'CustomerPaymentJournalHeader',
	aot: 'CustomerPaymentJournalHeaderEntity',
	table: 'Ledger journal table (LedgerJournalTable)',
	keyLabel: (/** @type {any} */ r) => `Journal batch number: ${r.JournalBatchNumber}`,
	company: true,
	fields: { dataAreaId: 's', JournalBatchNumber: 's', JournalName: 's', Description: 's', IsPosted: 'e:NoYes', OverrideSalesTax: 'e:NoYes' },
	readOnly: ['JournalBatchNumber', 'IsPosted'],
	defaults: { IsPosted: 'No', OverrideSalesTax: 'No', Description: '' },
	/** @param {Ctx} ctx @param {any} rec */
	prepare(ctx, rec) {
		rec.JournalBatchNumber = ctx.nextNumber(rec.dataAreaId, 'journal', (n) => String(630 + n).padStart(5, '0'));
	},
	/** @param {Ctx} ctx @param {any} rec @param {any} [old] */
	validate(ctx, rec, old) {
		const aot = PAY_HEADER.aot;
		if (old && old.IsPosted === 'Yes') throw postedError(aot, `Journal ${old.JournalBatchNumber}`);
		checkRequired(aot, rec, { JournalName: 'Name' });
		const jn = Object.entries(ctx.state.journalNames).find(([n]) => same(n, rec.JournalName));
		if (!jn) throw notInRelated(aot, 'JournalName', rec.JournalName, 'Name', 'Journal names');
		if (/** @type {any} */ (jn[1]).type !== 'CustPayment') throw writeFailed(aot, [`Error: Journal name '${rec.JournalName}' is not a customer payment journal (its type is ${/** @type {any} */ (jn[1]).type}).`]);
	},
	/** @param {Ctx} ctx @param {any} rec */
	beforeDelete(ctx, rec) {
		if (rec.IsPosted === 'Yes') throw postedError(PAY_HEADER.aot, `Journal ${rec.JournalBatchNumber}`);
		if (filterSet(ctx.state, 'CustomerPaymentJournalLines', (l) => same(l.dataAreaId, rec.dataAreaId) && same(l.JournalBatchNumber, rec.JournalBatchNumber)).length) {
			throw writeFailed(PAY_HEADER.aot, ['Error: Ledger journal table cannot be deleted while dependent Journal lines exist.']);
		}
	},
};

const PAY_LINE = {
	type: 'CustomerPaymentJournalLine',
	aot: 'CustomerPaymentJournalLineEntity',
	table: 'Journal lines (LedgerJournalTrans)',
	keyLabel: (/** @type {any} */ r) => `Journal batch number: ${r.JournalBatchNumber}, Line number: ${r.LineNumber}`,
	company: true,
	fields: {
		dataAreaId: 's', JournalBatchNumber: 's', LineNumber: 'd', AccountType: 'e:LedgerJournalACType', AccountDisplayValue: 's',
		DefaultDimensionsForAccountDisplayValue: 's', OffsetAccountType: 'e:LedgerJournalACType', OffsetAccountDisplayValue: 's',
		DefaultDimensionsForOffsetAccountDisplayValue: 's', OffsetCompany: 's', Company: 's', CreditAmount: 'd', DebitAmount: 'd', CurrencyCode: 's',
		TransactionDate: 'dt', TransactionText: 's', PaymentMethodName: 's', PaymentReference: 's', MarkedInvoice: 's', MarkedInvoiceCompany: 's',
		SettleVoucher: 'e:SettlementType', Voucher: 's', ExchangeRate: 'd', IsPrepayment: 'e:NoYes', PostingProfile: 's', PaymentId: 's', PaymentNotes: 's',
	},
	readOnly: ['Voucher'],
	defaults: { AccountType: 'Cust', CreditAmount: '0', DebitAmount: '0', ExchangeRate: '100', IsPrepayment: 'No', SettleVoucher: 'None', MarkedInvoice: '', PaymentReference: '' },
	/** @param {Ctx} ctx @param {any} rec */
	prepare(ctx, rec) {
		if (rec.LineNumber === undefined) rec.LineNumber = nextLineNumber(ctx.state, 'CustomerPaymentJournalLines', (l) => same(l.dataAreaId, rec.dataAreaId) && same(l.JournalBatchNumber, rec.JournalBatchNumber), 'LineNumber');
		const header = journalOf(ctx, rec);
		const jn = header && Object.entries(ctx.state.journalNames).find(([n]) => same(n, header.JournalName));
		const name = jn ? /** @type {any} */ (jn[1]) : {};
		rec.OffsetAccountType = rec.OffsetAccountType || name.offsetAccountType || 'Ledger';
		rec.OffsetAccountDisplayValue = rec.OffsetAccountDisplayValue || name.offsetAccount || '';
		rec.CurrencyCode = rec.CurrencyCode || 'USD';
		rec.TransactionDate = rec.TransactionDate || ctx.today();
		rec.Company = rec.Company || rec.dataAreaId;
		rec.OffsetCompany = rec.OffsetCompany || rec.dataAreaId;
		rec.Voucher = rec.Voucher || ctx.nextNumber(rec.dataAreaId, 'voucher', (n) => `APAY${String(n).padStart(6, '0')}`);
	},
	/** @param {Ctx} ctx @param {any} rec */
	validate(ctx, rec) {
		const aot = PAY_LINE.aot;
		checkRequired(aot, rec, { JournalBatchNumber: 'Journal batch number', AccountDisplayValue: 'Account' });
		const header = journalOf(ctx, rec);
		if (!header) throw notInRelated(aot, 'JournalBatchNumber', rec.JournalBatchNumber, 'Journal batch number', 'Ledger journal table');
		if (header.IsPosted === 'Yes') throw postedError(aot, `Journal ${header.JournalBatchNumber}`);
		const credit = parseDec(rec.CreditAmount);
		const debit = parseDec(rec.DebitAmount);
		if (credit && debit && credit.n !== 0n && debit.n !== 0n) throw writeFailed(aot, ['Error: A journal line cannot have both a debit and a credit amount.']);
		if ((credit && credit.n < 0n) || (debit && debit.n < 0n)) throw writeFailed(aot, ['Error: Debit and credit amounts cannot be negative.']);
		const problems = [];
		checkAccount(ctx, rec, 'AccountType', 'AccountDisplayValue', problems);
		if (rec.OffsetAccountDisplayValue) checkAccount(ctx, rec, 'OffsetAccountType', 'OffsetAccountDisplayValue', problems);
		checkDimension(ctx, rec, 'DefaultDimensionsForAccountDisplayValue', 'default', problems);
		checkDimension(ctx, rec, 'DefaultDimensionsForOffsetAccountDisplayValue', 'default', problems);
		if (problems.length) throw writeFailed(aot, problems);
		checkLists(aot, rec, [
			['CurrencyCode', 'Currency', ctx.state.currencies, 'Currency'],
			['PaymentMethodName', 'Method of payment', ctx.state.paymentMethods, 'Methods of payment - customers'],
		]);
		if (rec.MarkedInvoice) {
			const open = ctx.state.customerTransactions.find(
				(t) => same(t.dataAreaId, rec.MarkedInvoiceCompany || rec.dataAreaId) && same(t.Invoice, rec.MarkedInvoice) && same(t.AccountNum, rec.AccountDisplayValue) && t.open,
			);
			if (!open) throw writeFailed(aot, [`Error: Invoice ${rec.MarkedInvoice} is not an open transaction of customer ${rec.AccountDisplayValue}; it cannot be marked for settlement.`]);
		}
	},
	/** @param {Ctx} ctx @param {any} rec */
	beforeDelete(ctx, rec) {
		const header = journalOf(ctx, rec);
		if (header && header.IsPosted === 'Yes') throw postedError(PAY_LINE.aot, `Journal ${header.JournalBatchNumber}`);
	},
};

/**
 * Account of a journal line by its type: a customer, a vendor, a bank account or a ledger display value.
 * @param {Ctx} ctx @param {any} rec @param {string} typeField @param {string} valueField @param {string[]} problems
 */
function checkAccount(ctx, rec, typeField, valueField, problems) {
	const v = rec[valueField];
	const company = rec.dataAreaId;
	switch (rec[typeField]) {
		case 'Cust':
			if (!find(ctx.state, 'CustomersV3', { dataAreaId: company, CustomerAccount: v })) problems.push(`Warning: The value '${v}' in field '${valueField}' is not found in the related table 'Customers'.`);
			return;
		case 'Vend':
			if (!find(ctx.state, 'VendorsV2', { dataAreaId: company, VendorAccountNumber: v })) problems.push(`Warning: The value '${v}' in field '${valueField}' is not found in the related table 'Vendors'.`);
			return;
		case 'Bank':
			if (!ctx.state.bankAccounts.some((/** @type {string} */ b) => same(b, v))) problems.push(`Warning: The value '${v}' in field '${valueField}' is not found in the related table 'Bank accounts'.`);
			return;
		case 'Ledger':
			checkDimension(ctx, rec, valueField, 'ledger', problems);
			return;
		default:
			problems.push(`Error: Account type '${rec[typeField]}' is not supported by this simulator.`);
	}
}

/** @param {Ctx} ctx @param {any} line */
const vendorHeaderOf = (ctx, line) => find(ctx.state, 'VendorInvoiceHeaders', line);

const VI_HEADER = {
	type: 'VendorInvoiceHeader',
	aot: 'VendorInvoiceHeaderEntity',
	table: 'Pending vendor invoices (VendInvoiceInfoTable)',
	keyLabel: (/** @type {any} */ r) => `Header reference: ${r.HeaderReference}`,
	company: true,
	fields: {
		dataAreaId: 's', HeaderReference: 's', InvoiceNumber: 's', VendorAccount: 's', InvoiceAccount: 's', InvoiceDate: 'dt', Date: 'dt', DueDate: 'dt',
		Currency: 's', DimensionDisplayValue: 's', SalesTaxGroup: 's', ImportedAmount: 'd', ImportedSalesTax: 'd', DocumentNumber: 's',
		InvoiceDescription: 's', PurchaseOrderNumber: 's', TermsOfPayment: 's', MethodOfPayment: 's', PostingProfile: 's', IsOnHold: 'e:NoYes',
		IsApproved: 'e:NoYes', HeaderOnlyImport: 'e:NoYes',
	},
	readOnly: [],
	defaults: { InvoiceDate: EMPTY_DATE, DueDate: EMPTY_DATE, ImportedAmount: '0', ImportedSalesTax: '0', IsOnHold: 'No', IsApproved: 'No', HeaderOnlyImport: 'No' },
	/** @param {Ctx} ctx @param {any} rec */
	prepare(ctx, rec) {
		const v = find(ctx.state, 'VendorsV2', { dataAreaId: rec.dataAreaId, VendorAccountNumber: rec.VendorAccount });
		if (!v) return;
		rec.InvoiceAccount = rec.InvoiceAccount || v.VendorAccountNumber;
		rec.Currency = rec.Currency || v.CurrencyCode;
		rec.Date = rec.Date || ctx.today();
	},
	/** @param {Ctx} ctx @param {any} rec @param {any} [old] */
	validate(ctx, rec, old) {
		const aot = VI_HEADER.aot;
		if (old && old._posted) throw postedError(aot, `Vendor invoice ${old.InvoiceNumber}`);
		checkRequired(aot, rec, { HeaderReference: 'Header reference', InvoiceNumber: 'Invoice', VendorAccount: 'Invoice account' });
		if (!find(ctx.state, 'VendorsV2', { dataAreaId: rec.dataAreaId, VendorAccountNumber: rec.VendorAccount })) throw notInRelated(aot, 'VendorAccount', rec.VendorAccount, 'Vendor account', 'Vendors');
		if (!find(ctx.state, 'VendorsV2', { dataAreaId: rec.dataAreaId, VendorAccountNumber: rec.InvoiceAccount })) throw notInRelated(aot, 'InvoiceAccount', rec.InvoiceAccount, 'Invoice account', 'Vendors');
		checkLists(aot, rec, [
			['Currency', 'Currency', ctx.state.currencies, 'Currency'],
			['SalesTaxGroup', 'Sales tax group', ctx.state.salesTaxGroups, 'Sales tax groups'],
			['TermsOfPayment', 'Terms of payment', ctx.state.paymentTerms, 'Terms of payment'],
		]);
		if (!ctx.opts.allowDuplicateVendorInvoiceNumbers) {
			const dup = filterSet(ctx.state, 'VendorInvoiceHeaders', (h) => same(h.dataAreaId, rec.dataAreaId) && same(h.InvoiceAccount, rec.InvoiceAccount) && same(h.InvoiceNumber, rec.InvoiceNumber) && !same(h.HeaderReference, rec.HeaderReference));
			if (dup.length) throw writeFailed(aot, [`Error: Invoice number ${rec.InvoiceNumber} is already used for vendor account ${rec.InvoiceAccount} (header reference ${dup[0].HeaderReference}).`]);
		}
		const problems = [];
		checkDimension(ctx, rec, 'DimensionDisplayValue', 'default', problems);
		if (problems.length) throw writeFailed(aot, problems);
	},
	/** @param {Ctx} ctx @param {any} rec */
	beforeDelete(ctx, rec) {
		if (rec._posted) throw postedError(VI_HEADER.aot, `Vendor invoice ${rec.InvoiceNumber}`);
		for (const [k, l] of ctx.state.tables.VendorInvoiceLines) if (same(l.dataAreaId, rec.dataAreaId) && same(l.HeaderReference, rec.HeaderReference)) ctx.state.tables.VendorInvoiceLines.delete(k);
	},
};

const VI_LINE = {
	type: 'VendorInvoiceLine',
	aot: 'VendorInvoiceLineEntity',
	table: 'Pending vendor invoice lines (VendInvoiceInfoLine)',
	keyLabel: (/** @type {any} */ r) => `Header reference: ${r.HeaderReference}, Line number: ${r.InvoiceLineNumber}`,
	company: true,
	fields: {
		dataAreaId: 's', HeaderReference: 's', InvoiceLineNumber: 'd', Currency: 's', DimensionDisplayValue: 's', InvoiceAccount: 's', VendorAccount: 's',
		ItemNumber: 's', ProcurementCategoryName: 's', MainAccountDisplayValue: 's', LineDescription: 's', ReceiveNow: 'd', UnitPrice: 'd',
		NetAmount: 'd', Amount: 'd', Unit: 's', SalesTaxGroup: 's', ItemSalesTax: 's', PurchaseOrder: 's', PurchLineNumber: 'd', LineType: 's',
	},
	readOnly: ['Amount'],
	defaults: { ReceiveNow: '1', UnitPrice: '0' },
	/** @param {Ctx} ctx @param {any} rec */
	prepare(ctx, rec) {
		if (rec.InvoiceLineNumber === undefined) rec.InvoiceLineNumber = nextLineNumber(ctx.state, 'VendorInvoiceLines', (l) => same(l.dataAreaId, rec.dataAreaId) && same(l.HeaderReference, rec.HeaderReference), 'InvoiceLineNumber');
		const header = vendorHeaderOf(ctx, rec);
		if (!header) return;
		rec.VendorAccount = rec.VendorAccount || header.VendorAccount;
		rec.InvoiceAccount = rec.InvoiceAccount || header.InvoiceAccount;
		if (rec.DimensionDisplayValue === undefined) rec.DimensionDisplayValue = header.DimensionDisplayValue;
	},
	/** @param {Ctx} ctx @param {any} rec */
	validate(ctx, rec) {
		const aot = VI_LINE.aot;
		checkRequired(aot, rec, { HeaderReference: 'Header reference', Currency: 'Currency' });
		const header = vendorHeaderOf(ctx, rec);
		if (!header) throw writeFailed(aot, [`Error: The vendor invoice header with header reference '${rec.HeaderReference}' does not exist. Create the header before its lines.`]);
		if (header._posted) throw postedError(aot, `Vendor invoice ${header.InvoiceNumber}`);
		if (!rec.ItemNumber && !rec.ProcurementCategoryName && !rec.MainAccountDisplayValue) throw mustBeFilled(aot, ['Procurement category']);
		checkLists(aot, rec, [
			['Currency', 'Currency', ctx.state.currencies, 'Currency'],
			['ProcurementCategoryName', 'Procurement category', ctx.state.procurementCategories, 'Procurement categories'],
		]);
		if (rec.MainAccountDisplayValue && !ctx.state.tables.MainAccounts.get(`shared\u0001${String(rec.MainAccountDisplayValue).toLowerCase()}`)) {
			throw notInRelated(aot, 'MainAccountDisplayValue', rec.MainAccountDisplayValue, 'Main account', 'Main accounts');
		}
		const problems = [];
		checkDimension(ctx, rec, 'DimensionDisplayValue', 'default', problems);
		if (problems.length) throw writeFailed(aot, problems);
		rec.Amount = rec.NetAmount !== undefined && rec.NetAmount !== null ? rec.NetAmount : centsToDec(lineAmountCents(rec.ReceiveNow, rec.UnitPrice));
		if (rec.NetAmount === undefined || rec.NetAmount === null) rec.NetAmount = rec.Amount;
	},
	/** @param {Ctx} ctx @param {any} rec */
	beforeDelete(ctx, rec) {
		const header = vendorHeaderOf(ctx, rec);
		if (header && header._posted) throw postedError(VI_LINE.aot, `Vendor invoice ${header.InvoiceNumber}`);
	},
};

/** @param {string} type @param {Record<string,string>} fields @param {boolean} company */
const readOnlySet = (type, fields, company) => ({ type, aot: `${type}Entity`, table: type, keyLabel: () => '', company, fields, readOnly: Object.keys(fields), defaults: {}, readOnlySet: true });

/** @type {Record<string, any>} */
const DEFS = {
	CustomersV3: CUSTOMER,
	VendorsV2: VENDOR,
	FreeTextInvoiceHeaders: FTI_HEADER,
	FreeTextInvoiceLines: FTI_LINE,
	CustomerPaymentJournalHeaders: PAY_HEADER,
	CustomerPaymentJournalLines: PAY_LINE,
	VendorInvoiceHeaders: VI_HEADER,
	VendorInvoiceLines: VI_LINE,
	MainAccounts: readOnlySet('MainAccount', { ChartOfAccounts: 's', MainAccountId: 's', Name: 's', MainAccountType: 's', IsSuspended: 'e:NoYes' }, false),
	LegalEntities: readOnlySet('LegalEntity', { LegalEntityId: 's', Name: 's' }, false),
	DimensionAttributes: readOnlySet('DimensionAttribute', { DimensionName: 's', ReportColumnName: 's', UseValuesFrom: 's' }, false),
	FinancialDimensionValues: readOnlySet(
		'FinancialDimensionValue',
		{ FinancialDimension: 's', LegalEntityId: 's', DimensionValue: 's', Description: 's', IsSuspended: 'e:NoYes', IsBlockedForManualEntry: 'e:NoYes', GroupDimension: 's' },
		false,
	),
	DimensionIntegrationFormats: readOnlySet(
		'DimensionIntegrationFormat',
		{ DimensionFormatName: 's', DimensionFormatType: 'e:DimensionHierarchyType', FinancialDimensionFormat: 's', IsActive: 'e:NoYes' },
		false,
	),
	DimensionParameters: readOnlySet('DimensionParameter', { Key: 'int', DimensionSegmentDelimiter: 'e:DimensionSegmentDelimiter' }, false),
};
for (const [set, def] of Object.entries(DEFS)) def.keys = KEYS[set];

module.exports = { DEFS, ENUMS, find, same };
