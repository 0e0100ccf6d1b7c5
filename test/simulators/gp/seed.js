'use strict';
/**
 * The GP simulator's deterministic seed: one company (its SQL database name), customers, vendors,
 * GL accounts with account-department segments, the 2026 fiscal year with one period closed, the
 * GP users mapped to Windows accounts and the security tasks each one holds.
 */

/** Security tasks (Security Task Setup) that guard each service object. */
const TASKS = Object.freeze({
	customers: 'Sales: Customer Maintenance',
	vendors: 'Purchasing: Vendor Maintenance',
	receivables: 'Sales: Receivables Transaction Entry',
	payables: 'Purchasing: Payables Transaction Entry',
	accounts: 'Financial: Account Maintenance',
	fiscalPeriods: 'Company: Fiscal Periods Setup',
});

const SERIES = Object.freeze(['Financial', 'Sales', 'Purchasing']);

const PASSWORD = 'Gp-Integration-2026!';

/**
 * Windows accounts and the GP users they map to (User Setup > Windows Account). `gpUser: null` is
 * a domain account that is not a GP user; `tasks` are the security tasks the GP user holds.
 */
function seedUsers() {
	return [
		{ domain: 'CONTOSO', username: 'gp-integration', password: PASSWORD, gpUser: 'INTEGRATION', companies: ['TWO'], tasks: Object.values(TASKS) },
		{ domain: 'CONTOSO', username: 'gp-clerk', password: PASSWORD, gpUser: 'CLERK', companies: ['TWO'], tasks: Object.values(TASKS).filter((task) => task !== TASKS.receivables) },
		{ domain: 'CONTOSO', username: 'jdoe', password: PASSWORD, gpUser: null, companies: [], tasks: [] },
	];
}

const ACCOUNTS = [
	['1100-00', 'Cash - Operating', 'Asset'],
	['1200-00', 'Accounts Receivable', 'Asset'],
	['2100-00', 'Accounts Payable', 'Liability'],
	['4100-10', 'Service Revenue - HVAC', 'Revenue'],
	['4100-20', 'Service Revenue - Plumbing', 'Revenue'],
	['4100-30', 'Service Revenue - Electrical', 'Revenue'],
	['5100-10', 'Materials - HVAC', 'Expense'],
	['5100-20', 'Materials - Plumbing', 'Expense'],
	['5100-30', 'Materials - Electrical', 'Expense'],
	['6900-00', 'Old Suspense (inactive)', 'Expense', false],
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** @param {number} n */
const pad = (n) => String(n).padStart(2, '0');

/** @param {number} year @param {number[]} closedPeriods */
function fiscalYear(year, closedPeriods) {
	return MONTHS.map((name, index) => {
		const period = index + 1;
		const last = new Date(Date.UTC(year, period, 0)).getUTCDate();
		const closed = closedPeriods.includes(period);
		return {
			Year: year,
			PeriodId: period,
			Name: `${name} ${year}`,
			StartDate: `${year}-${pad(period)}-01`,
			EndDate: `${year}-${pad(period)}-${pad(last)}`,
			Closed: Object.fromEntries(SERIES.map((series) => [series, closed])),
		};
	});
}

/**
 * @param {{ year?: number, closedPeriods?: number[], company?: string, companyName?: string }} [o]
 */
function buildSeed(o = {}) {
	const year = o.year ?? 2026;
	const modified = `${year}-01-05T09:00:00Z`;
	const customers = [
		['C-10001', 'Oakwood Elementary School', 'COMMERCIAL'],
		['C-10002', 'Harbor View Apartments', 'COMMERCIAL'],
		['C-10003', 'Maria Alvarez', 'RESIDENTIAL'],
		['C-10004', 'Greenfield Dental Clinic', 'COMMERCIAL'],
		['C-10005', 'Thomas Becker', 'RESIDENTIAL'],
	].map(([Id, Name, ClassId]) => ({ Id, Name, ClassId, CurrencyId: 'Z-US$', Inactive: false, ModifiedDate: modified }));
	const vendors = [
		['V-0091', 'Ace Sub Plumbing', 'USA-ILMO-T1'],
		['V-0092', 'Ferguson Supply', 'USA-ILMO-T1'],
		['V-0093', 'Johnstone HVAC Parts', 'USA-ILMO-T1'],
	].map(([Id, Name, ClassId]) => ({ Id, Name, ClassId, CurrencyId: 'Z-US$', Inactive: false, ModifiedDate: modified }));
	const accounts = ACCOUNTS.map(([Id, Description, Category, active]) => ({
		Id,
		Segments: String(Id).split('-'),
		Description,
		Category,
		Active: active !== false,
	}));
	const posted = {
		DocumentType: 'Invoice',
		DocumentNumber: 'INV-00001',
		CustomerId: 'C-10001',
		DocumentDate: `${year}-01-15`,
		BatchId: '',
		Description: 'Opening invoice (posted in GP)',
		SalesAmount: '250.00',
		Distributions: [
			{ AccountId: '1200-00', Type: 'Receivables', Debit: '250.00', Credit: '0.00' },
			{ AccountId: '4100-10', Type: 'Sales', Debit: '0.00', Credit: '250.00' },
		],
		Posted: true,
		ModifiedDate: `${year}-01-15T10:00:00Z`,
	};
	return {
		company: { Id: o.company ?? 'TWO', Name: o.companyName ?? 'Fabrikam, Inc.' },
		customers,
		vendors,
		accounts,
		fiscalPeriods: fiscalYear(year, o.closedPeriods ?? [10]),
		receivables: [posted],
		payables: [],
		users: seedUsers(),
	};
}

module.exports = { buildSeed, TASKS, SERIES, PASSWORD };
