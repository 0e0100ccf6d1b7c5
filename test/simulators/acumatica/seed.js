'use strict';
/**
 * Deterministic seed: one company with two branches, a small chart of accounts (a sales-tax
 * liability account included), subaccounts for the ServiceTitan simulator's business units,
 * customers and vendors (named after the ServiceTitan simulator's vendors), cash accounts and
 * payment methods. Ids are GUIDs derived from the seed, so two runs with one seed are equal.
 */
const crypto = require('node:crypto');

/** ServiceTitan business unit (servicetitan/seed.js ids 31…) → subaccount and branch. 35+ are unmapped on purpose. */
const BUSINESS_UNIT_SUBACCOUNTS = Object.freeze({
	31: Object.freeze({ name: 'HVAC Service', subaccount: 'HVACSVC', branch: 'HEADOFFICE' }),
	32: Object.freeze({ name: 'HVAC Install', subaccount: 'HVACINS', branch: 'HEADOFFICE' }),
	33: Object.freeze({ name: 'Plumbing Service', subaccount: 'PLMBSVC', branch: 'HEADOFFICE' }),
	34: Object.freeze({ name: 'Electrical', subaccount: 'ELECSVC', branch: 'NORTH' }),
});

const ACCOUNTS = [
	['10100', 'Operating Checking', 'Asset', 'CASH', true],
	['10200', 'Undeposited Funds', 'Asset', 'CASH', true],
	['11000', 'Accounts Receivable', 'Asset', 'AR', false],
	['12100', 'Inventory', 'Asset', 'INVENTORY', false],
	['20000', 'Accounts Payable', 'Liability', 'AP', false],
	['22000', 'Sales Tax Payable', 'Liability', 'TAX', false],
	['40000', 'Service Income', 'Income', 'SALES', false],
	['40100', 'Install Income', 'Income', 'SALES', false],
	['40200', 'Material Sales', 'Income', 'SALES', false],
	['49000', 'Sales Discounts', 'Income', 'SALES', false],
	['50000', 'Cost of Goods Sold', 'Expense', 'COGS', false],
	['51000', 'Subcontractor Costs', 'Expense', 'COGS', false],
	['62000', 'Vehicle Expense', 'Expense', 'EXPENSE', false],
	['69000', 'Old Expense (inactive)', 'Expense', 'EXPENSE', false, false],
];

const CUSTOMERS = [
	['C000001', 'Jane Cooper', 'Active', 'jane.cooper@example.com'],
	['C000002', 'Riverside Property Management', 'Active', 'ap@riverside.example.com'],
	['C000003', 'Oakwood Elementary School', 'Active', 'facilities@oakwood.example.com'],
	['C000004', 'Marcus Lee', 'Active', 'marcus.lee@example.com'],
	['C000005', 'Harbor View Condominiums', 'Active', 'board@harborview.example.com'],
	['C000006', 'Closed Builders LLC', 'Inactive', 'office@closedbuilders.example.com'],
];

const VENDORS = [
	['V000001', 'Ferguson', 'Active'],
	['V000002', 'Johnstone Supply', 'Active'],
	['V000003', 'Graybar', 'Active'],
	['V000004', 'Winsupply', 'Active'],
	['V000005', 'Old Supplier Inc.', 'Inactive'],
];

/** @param {number|string} seed */
function createIdGenerator(seed) {
	let n = 0;
	return () => {
		const h = crypto.createHash('sha256').update(`acumatica-sim:${seed}:${n++}`).digest('hex');
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
	};
}

/**
 * @param {{ seed: number|string, now: string }} o `now`: the ISO time stamped on seeded records
 */
function buildState(o) {
	const newId = createIdGenerator(o.seed);
	const stamp = o.now;
	/** @param {Record<string, any>} f @param {Record<string, any>} [linked] */
	const rec = (f, linked = {}) => ({ id: newId(), f: { ...f, CreatedDateTime: stamp, LastModifiedDateTime: stamp }, linked, details: {}, note: '', custom: {}, x: {} });
	const contact = (/** @type {string} */ name, /** @type {string} */ email) => ({
		id: newId(),
		f: { DisplayName: name, CompanyName: name, Email: email },
		linked: { Address: { id: newId(), f: { AddressLine1: '1200 Industrial Blvd', City: 'Austin', State: 'TX', PostalCode: '78745', Country: 'US' }, linked: {} } },
	});
	const tables = {
		Account: ACCOUNTS.map(([cd, description, type, accountClass, cash, active], i) =>
			rec({ AccountCD: cd, AccountID: 1000 + i, Description: description, Type: type, AccountClass: accountClass, CashAccount: cash, Active: active !== false, CurrencyID: 'USD', PostOption: 'Summary' }),
		),
		Subaccount: [['000000', 'Default'], ...Object.values(BUSINESS_UNIT_SUBACCOUNTS).map((b) => [b.subaccount, b.name]), ['OLDSUB', 'Old subaccount (inactive)']].map(([cd, description], i) =>
			rec({ SubaccountCD: cd, SubaccountID: 500 + i, Description: description, Active: cd !== 'OLDSUB', Secured: false }),
		),
		Customer: CUSTOMERS.map(([id, name, status, email], i) =>
			rec({ CustomerID: id, CustomerName: name, CustomerClass: 'DEFAULT', Status: status, Terms: '30D', CurrencyID: 'USD', Email: email, BAccountID: 7000 + i, NoteID: newId() }, { MainContact: contact(name, email) }),
		),
		Vendor: VENDORS.map(([id, name, status]) =>
			rec({ VendorID: id, VendorName: name, LegalName: name, VendorClass: 'DEFAULT', Status: status, Terms: '30D', CurrencyID: 'USD', VendorIsLaborUnion: false, VendorIsTaxAgency: false }, { MainContact: contact(name, `ar@${name.toLowerCase().replace(/[^a-z]/g, '')}.example.com`) }),
		),
		Invoice: /** @type {any[]} */ ([]),
		Payment: /** @type {any[]} */ ([]),
		Bill: /** @type {any[]} */ ([]),
	};
	return {
		newId,
		tables,
		branches: [
			{ BranchID: 'HEADOFFICE', BranchName: 'Head Office', BranchStatus: true, BranchCountry: 'US', BaseCurrencyID: 'USD', CompanyID: 'MLCOMPANY', CompanyName: 'ML Field Services', CompanyStatus: true, CompanyType: 'With Branches Requiring Balancing' },
			{ BranchID: 'NORTH', BranchName: 'North Branch', BranchStatus: true, BranchCountry: 'US', BaseCurrencyID: 'USD', CompanyID: 'MLCOMPANY', CompanyName: 'ML Field Services', CompanyStatus: true, CompanyType: 'With Branches Requiring Balancing' },
		],
		/** cash account → its GL account */
		cashAccounts: { 10100: '10100', 10200: '10200' },
		paymentMethods: ['CHECK', 'CASH', 'CREDITCARD', 'ACH'],
		customerClasses: ['DEFAULT', 'COMMERCIAL', 'RESIDENTIAL'],
		vendorClasses: ['DEFAULT', 'SUBCONTR'],
		/** last auto-numbers per document series */
		numbers: { Invoice: 0, Payment: 0, Bill: 0 },
	};
}

module.exports = { buildState, createIdGenerator, BUSINESS_UNIT_SUBACCOUNTS };
