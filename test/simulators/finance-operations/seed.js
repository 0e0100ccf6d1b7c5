'use strict';
/**
 * Deterministic seed of the F&O simulator: two legal entities (usmf, the default company, and
 * usrt), customers, vendors, the shared chart of accounts (a sales-tax account included),
 * financial dimensions BusinessUnit and Department with their values, the active integration
 * formats (BusinessUnit-Department; MainAccount-BusinessUnit-Department) and delimiter '-'.
 */

const EMPTY_DATE = '1900-01-01T12:00:00Z';

const MAIN_ACCOUNTS = [
	['110110', 'Bank - Operating account', 'BalanceSheet'],
	['130100', 'Accounts receivable - Domestic', 'BalanceSheet'],
	['200100', 'Accounts payable - Domestic', 'Liability'],
	['222200', 'Sales tax payable', 'Liability'],
	['401100', 'Sales - Services', 'Revenue'],
	['401200', 'Sales - Materials', 'Revenue'],
	['401300', 'Sales - Equipment', 'Revenue'],
	['600100', 'Subcontracted labor', 'Expense'],
	['605140', 'Materials and supplies', 'Expense'],
];

const DIMENSION_VALUES = {
	BusinessUnit: [
		['001', 'HVAC'],
		['002', 'Plumbing'],
		['003', 'Electrical'],
	],
	Department: [
		['022', 'Service'],
		['023', 'Install'],
		['024', 'Maintenance'],
		['099', 'Closed department', 'suspended'],
	],
	CostCenter: [
		['007', 'Field operations'],
		['008', 'Back office'],
	],
};

/** @param {number} n */
const pad = (n, w) => String(n).padStart(w, '0');

/**
 * @param {{ extraCustomers?: number, defaultCompany: string }} o
 */
function buildState(o) {
	/** @type {Record<string, Map<string, any>>} */
	const tables = Object.fromEntries(Object.keys(KEYS).map((set) => [set, new Map()]));
	let rowVersion = 0;
	const put = (set, rec) => tables[set].set(keyString(set, rec), { ...rec, _v: ++rowVersion });
	const company = (id, name) => ({ dataAreaId: id, name, currency: 'USD' });
	const customer = (dataAreaId, CustomerAccount, OrganizationName, CustomerGroupId, extra = {}) => ({
		dataAreaId,
		CustomerAccount,
		PartyType: 'Organization',
		OrganizationName,
		PersonFirstName: '',
		PersonMiddleName: '',
		PersonLastName: '',
		CustomerGroupId,
		SalesCurrencyCode: 'USD',
		InvoiceAccount: '',
		PaymentTerms: 'Net30',
		PaymentMethod: '',
		SalesTaxGroup: '',
		DefaultDimensionDisplayValue: '',
		CreditLimit: '0',
		PrimaryContactEmail: '',
		PrimaryContactPhone: '',
		AddressStreet: '',
		AddressCity: '',
		AddressState: '',
		AddressZipCode: '',
		AddressCountryRegionId: '',
		...extra,
	});
	for (const c of [
		customer('usmf', 'US-001', 'Forest Wholesales', '10', { AddressCity: 'Seattle', AddressState: 'WA', AddressCountryRegionId: 'USA', DefaultDimensionDisplayValue: '001-022' }),
		customer('usmf', 'US-002', 'Contoso Retail San Diego', '30', { AddressCity: 'San Diego', AddressState: 'CA', AddressCountryRegionId: 'USA' }),
		customer('usmf', 'US-003', 'Contoso Retail Los Angeles', '30', { PaymentTerms: 'Net10' }),
		customer('usmf', 'US-004', 'Cave Wholesales', '10'),
		customer('usmf', 'US-005', 'Oakwood Elementary School', '20', { DefaultDimensionDisplayValue: '002-024' }),
		customer('usrt', 'US-001', 'Contoso Retail Seattle', '30'),
		customer('usrt', 'US-006', 'Northwind Traders', '10'),
	])
		put('CustomersV3', c);
	for (let i = 1; i <= (o.extraCustomers || 0); i++) put('CustomersV3', customer('usmf', `SIM-${pad(i, 5)}`, `Simulated customer ${pad(i, 5)}`, '30'));

	const vendor = (dataAreaId, VendorAccountNumber, VendorOrganizationName, VendorGroupId) => ({
		dataAreaId,
		VendorAccountNumber,
		VendorOrganizationName,
		VendorGroupId,
		CurrencyCode: 'USD',
		DefaultDimensionDisplayValue: '',
	});
	for (const v of [
		vendor('usmf', 'US-101', 'Fabrikam Electronics', '10'),
		vendor('usmf', 'US-104', 'Fabrikam Supplier', '30'),
		vendor('usmf', 'V-0091', 'Ace Sub Plumbing', 'SUB'),
		vendor('usrt', 'US-101', 'Fabrikam Retail Supply', '10'),
	])
		put('VendorsV2', v);

	for (const [LegalEntityId, Name] of [['usmf', 'Contoso Entertainment System USA'], ['usrt', 'Contoso Retail USA']]) put('LegalEntities', { LegalEntityId, Name });
	for (const [MainAccountId, Name, MainAccountType] of MAIN_ACCOUNTS) put('MainAccounts', { ChartOfAccounts: 'Shared', MainAccountId, Name, MainAccountType, IsSuspended: 'No' });
	for (const [DimensionName, ReportColumnName] of [
		['BusinessUnit', 'BusinessUnit'],
		['Department', 'Department'],
		['CostCenter', 'CostCenter'],
	])
		put('DimensionAttributes', { DimensionName, ReportColumnName, UseValuesFrom: 'Custom list' });
	for (const [dim, values] of Object.entries(DIMENSION_VALUES)) {
		for (const [DimensionValue, Description, flag] of values) {
			put('FinancialDimensionValues', { FinancialDimension: dim, LegalEntityId: '', DimensionValue, Description, IsSuspended: flag === 'suspended' ? 'Yes' : 'No', IsBlockedForManualEntry: 'No', GroupDimension: '' });
		}
	}
	put('DimensionIntegrationFormats', { DimensionFormatName: 'Default dimension format', DimensionFormatType: 'DataEntityDefaultDimensionFormat', FinancialDimensionFormat: 'BusinessUnit-Department', IsActive: 'Yes' });
	put('DimensionIntegrationFormats', { DimensionFormatName: 'Ledger dimension format', DimensionFormatType: 'DataEntityLedgerDimensionFormat', FinancialDimensionFormat: 'MainAccount-BusinessUnit-Department', IsActive: 'Yes' });
	put('DimensionIntegrationFormats', { DimensionFormatName: 'Old default format', DimensionFormatType: 'DataEntityDefaultDimensionFormat', FinancialDimensionFormat: 'Department-BusinessUnit-CostCenter', IsActive: 'No' });
	put('DimensionParameters', { Key: 0, DimensionSegmentDelimiter: 'Hyphen' });

	return {
		tables,
		defaultCompany: o.defaultCompany,
		companies: { usmf: company('usmf', 'Contoso Entertainment System USA'), usrt: company('usrt', 'Contoso Retail USA') },
		customerGroups: ['10', '20', '30', '80'],
		vendorGroups: ['10', '30', 'SUB'],
		currencies: ['USD', 'CAD', 'EUR'],
		paymentTerms: ['Net10', 'Net30', 'COD'],
		paymentMethods: ['CHECK', 'ELECTRONIC', 'CREDITCARD'],
		salesTaxGroups: ['CA', 'WA', 'EXEMPT'],
		salesTaxItemGroups: ['ALL', 'SERVICE'],
		bankAccounts: ['USMF OPER', 'USMF PAYROLL'],
		procurementCategories: ['Subcontract', 'Materials', 'Office supplies'],
		journalNames: { CustPay: { type: 'CustPayment', offsetAccountType: 'Bank', offsetAccount: 'USMF OPER' }, GenJrn: { type: 'Daily' } },
		/** next RecId (Int64 keys such as InvoiceIdentifier) */
		nextRecId: 5637144576,
		/** number sequences per company */
		sequences: /** @type {Record<string, Record<string, number>>} */ ({}),
		/** open and settled customer transactions, written by postFreeTextInvoice */
		customerTransactions: /** @type {any[]} */ ([]),
		rowVersion,
	};
}

/** The key fields of each entity set, in URL order (fact sheet A7). @type {Record<string, string[]>} */
const KEYS = {
	CustomersV3: ['dataAreaId', 'CustomerAccount'],
	VendorsV2: ['dataAreaId', 'VendorAccountNumber'],
	FreeTextInvoiceHeaders: ['dataAreaId', 'InvoiceIdentifier'],
	FreeTextInvoiceLines: ['dataAreaId', 'LineNumber', 'ParentRecId'],
	CustomerPaymentJournalHeaders: ['dataAreaId', 'JournalBatchNumber'],
	CustomerPaymentJournalLines: ['dataAreaId', 'JournalBatchNumber', 'LineNumber'],
	VendorInvoiceHeaders: ['dataAreaId', 'HeaderReference'],
	VendorInvoiceLines: ['dataAreaId', 'HeaderReference', 'InvoiceLineNumber'],
	MainAccounts: ['ChartOfAccounts', 'MainAccountId'],
	LegalEntities: ['LegalEntityId'],
	DimensionAttributes: ['DimensionName'],
	FinancialDimensionValues: ['FinancialDimension', 'LegalEntityId', 'DimensionValue'],
	DimensionIntegrationFormats: ['DimensionFormatName', 'DimensionFormatType'],
	DimensionParameters: ['Key'],
};

/** Case-insensitive key string (F&O's SQL collation). @param {string} set @param {any} rec */
function keyString(set, rec) {
	return KEYS[set].map((k) => String(rec[k]).toLowerCase()).join('\u0001');
}

module.exports = { buildState, keyString, KEYS, EMPTY_DATE, MAIN_ACCOUNTS };
