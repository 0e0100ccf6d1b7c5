'use strict';
/**
 * Deterministic seed data: two companies with customers, vendors, items, dimensions mapped to the
 * ServiceTitan simulator's business units, a G/L chart, a bank account, journal batches, number
 * series and posting groups.
 */
const { EMPTY_GUID } = require('./store.js');
const { salesInvoices } = require('./documents.js');
const { customerPayments, journals } = require('./journals.js');

/** ServiceTitan business unit id → BC dimension value codes (DEPARTMENT is global dimension 1, AREA global dimension 2). */
const BUSINESS_UNIT_DIMENSIONS = Object.freeze({
	31: Object.freeze({ name: 'HVAC Service', DEPARTMENT: 'HVAC-SVC', AREA: 'HVAC' }),
	32: Object.freeze({ name: 'HVAC Install', DEPARTMENT: 'HVAC-INST', AREA: 'HVAC' }),
	33: Object.freeze({ name: 'Plumbing Service', DEPARTMENT: 'PLUMB-SVC', AREA: 'PLUMBING' }),
	34: Object.freeze({ name: 'Electrical', DEPARTMENT: 'ELEC', AREA: 'ELECTRICAL' }),
});

const COMPANY_NAMES = Object.freeze(['CRONUS USA, Inc.', 'CRONUS Canada']);

/**
 * @param {{ tenantId: string, environment: string, seed: { seed?: number|string, now?: string|number|Date, extraCustomers?: number, extraItems?: number, extraSalesInvoices?: number, extraCustomerPayments?: number }, newId: () => string }} o
 */
function buildState(o) {
	const nowMs = o.seed.now !== undefined ? new Date(o.seed.now).getTime() : Date.now();
	const state = { tenantId: o.tenantId, environment: o.environment, rowVersion: 0, companies: /** @type {Record<string, any>} */ ({}), companyOrder: /** @type {string[]} */ ([]) };
	/** timestamp `daysAgo` days (+ minutes) before now */
	const ago = (/** @type {number} */ daysAgo, /** @type {number} */ minutes = 0) => new Date(nowMs - daysAgo * 86400000 + minutes * 60000).toISOString();
	/** @param {any} rec @param {string} lmdt */
	const stamp = (rec, lmdt) => {
		rec._ts = ++state.rowVersion;
		rec.lastModifiedDateTime = lmdt;
		return rec;
	};
	COMPANY_NAMES.forEach((name, ci) => {
		const co = seedCompany(o, name, ci, ago, stamp);
		state.companies[co.meta.id] = co;
		state.companyOrder.push(co.meta.id);
	});
	const bulk = Math.max(0, Number(o.seed.extraSalesInvoices || 0));
	if (bulk) seedSalesInvoices(state.companies[state.companyOrder[0]], bulk, o.newId, ago, stamp);
	const payments = Math.max(0, Number(o.seed.extraCustomerPayments || 0));
	if (payments) seedCustomerPayments(state.companies[state.companyOrder[0]], payments, o.newId, ago, stamp);
	return state;
}

/**
 * Bulk posted customer payments for a large customer ledger, made by the API's own journal logic:
 * `ST-BULKPMT-000001`… as externalDocumentNumber, 25.00 each and not applied (an open credit),
 * spread over the open customers and the last 30 days, posted through STPAYMENTS in runs of 250.
 * @param {any} co @param {number} count @param {() => string} newId
 * @param {(d: number, m?: number) => string} ago @param {(r: any, l: string) => any} stamp
 */
function seedCustomerPayments(co, count, newId, ago, stamp) {
	const customers = Object.values(co.t.customers).filter((/** @type {any} */ c) => !c.blocked);
	const batch = Object.values(co.t.journalBatches).find((/** @type {any} */ b) => b.template === 'CASHRCPT' && b.code === 'STPAYMENTS');
	let lmdt = '';
	const ctx = {
		opts: { manualDocumentNumbers: true },
		newId,
		touch: (/** @type {any} */ r) => stamp(r, lmdt),
		notify: () => undefined,
		workDate: () => lmdt.slice(0, 10),
	};
	for (let start = 0; start < count; start += 250) {
		for (let i = start; i < Math.min(count, start + 250); i++) {
			lmdt = ago(30, Math.floor((i * 30 * 1440) / count));
			customerPayments.create(ctx, co, { rec: batch }, {
				customerId: /** @type {any} */ (customers[i % customers.length]).id,
				externalDocumentNumber: `ST-BULKPMT-${String(i + 1).padStart(6, '0')}`,
				postingDate: lmdt.slice(0, 10),
				amount: -25,
			});
		}
		journals.actions.post(ctx, co, batch);
	}
}

/**
 * Bulk draft sales invoices for paging, duplicate-check and benchmark runs, made by the API's own
 * create logic: `ST-BULK-000001`… as externalDocumentNumber, one SVC-HVAC-DIAG line each, spread
 * over the open customers and the last 30 days.
 * @param {any} co @param {number} count @param {() => string} newId
 * @param {(d: number, m?: number) => string} ago @param {(r: any, l: string) => any} stamp
 */
function seedSalesInvoices(co, count, newId, ago, stamp) {
	const customers = Object.values(co.t.customers).filter((/** @type {any} */ c) => !c.blocked);
	let lmdt = '';
	const ctx = {
		opts: { manualDocumentNumbers: true },
		newId,
		touch: (/** @type {any} */ r) => stamp(r, lmdt),
		notify: () => undefined,
		workDate: () => lmdt.slice(0, 10),
	};
	for (let i = 0; i < count; i++) {
		lmdt = ago(30, Math.floor((i * 30 * 1440) / count));
		salesInvoices.create(ctx, co, null, {
			customerId: /** @type {any} */ (customers[i % customers.length]).id,
			externalDocumentNumber: `ST-BULK-${String(i + 1).padStart(6, '0')}`,
			salesInvoiceLines: [{ lineType: 'Item', lineObjectNumber: 'SVC-HVAC-DIAG', quantity: 1 }],
		});
	}
}

/**
 * @param {any} o @param {string} name @param {number} ci @param {(d: number, m?: number) => string} ago @param {(r: any, l: string) => any} stamp
 */
function seedCompany(o, name, ci, ago, stamp) {
	const newId = o.newId;
	const us = ci === 0;
	/** @type {Record<string, Record<string, any>>} */
	const t = {
		customers: {},
		vendors: {},
		items: {},
		paymentTerms: {},
		taxAreas: {},
		unitsOfMeasure: {},
		dimensions: {},
		dimensionValues: {},
		defaultDimensions: {},
		accounts: {},
		bankAccounts: {},
		salesInvoices: {},
		salesInvoiceLines: {},
		salesCreditMemos: {},
		salesCreditMemoLines: {},
		purchaseInvoices: {},
		purchaseInvoiceLines: {},
		journalBatches: {},
		journalLines: {},
		glEntries: {},
		custLedgerEntries: {},
		vendLedgerEntries: {},
	};
	const meta = stamp(
		{
			id: newId(),
			systemVersion: '27.1.41698.43015',
			timestamp: 0,
			name,
			displayName: name,
			businessProfileId: '',
			systemCreatedAt: ago(400),
			systemCreatedBy: EMPTY_GUID,
			systemModifiedAt: ago(30),
			systemModifiedBy: EMPTY_GUID,
		},
		ago(30),
	);
	meta.timestamp = meta._ts;
	/** @param {string} table @param {any} rec @param {string} lmdt */
	const put = (table, rec, lmdt) => {
		rec.id = rec.id || newId();
		stamp(rec, lmdt);
		t[table][rec.id] = rec;
		return rec;
	};

	// payment terms, tax areas, units of measure
	const terms = {
		NET30: put('paymentTerms', { code: 'NET30', displayName: 'Net 30 days', dueDateCalculation: '30D', discountDateCalculation: '', discountPercent: '0', calculateDiscountOnCreditMemos: false }, ago(300)),
		NET15: put('paymentTerms', { code: 'NET15', displayName: 'Net 15 days', dueDateCalculation: '15D', discountDateCalculation: '', discountPercent: '0', calculateDiscountOnCreditMemos: false }, ago(300)),
		COD: put('paymentTerms', { code: 'COD', displayName: 'Cash on delivery', dueDateCalculation: '0D', discountDateCalculation: '', discountPercent: '0', calculateDiscountOnCreditMemos: false }, ago(300)),
	};
	if (us) {
		put('taxAreas', { code: 'GA-ATLANTA', displayName: 'Atlanta, GA (8.9%)', taxType: 'Sales Tax', percent: '8.9' }, ago(300));
		put('taxAreas', { code: 'GA-COBB', displayName: 'Cobb County, GA (6%)', taxType: 'Sales Tax', percent: '6' }, ago(300));
	} else {
		put('taxAreas', { code: 'ON-HST', displayName: 'Ontario HST (13%)', taxType: 'Sales Tax', percent: '13' }, ago(300));
	}
	const uom = {};
	for (const [code, displayName] of [
		['EA', 'Each'],
		['HOUR', 'Hour'],
		['PCS', 'Piece'],
		['FT', 'Foot'],
	]) {
		/** @type {any} */ (uom)[code] = put('unitsOfMeasure', { code, displayName, internationalStandardCode: code === 'HOUR' ? 'HUR' : code === 'FT' ? 'FOT' : 'EA', symbol: '' }, ago(300));
	}

	// dimensions (DEPARTMENT = global dimension 1, AREA = global dimension 2)
	const dept = put('dimensions', { code: 'DEPARTMENT', displayName: 'Department', consolidationCode: '', blocked: false }, ago(200));
	const area = put('dimensions', { code: 'AREA', displayName: 'Area', consolidationCode: '', blocked: false }, ago(200));
	/** @type {Record<string, any>} */
	const dv = {};
	const deptValues = [
		['HVAC-SVC', 'HVAC Service', false],
		['HVAC-INST', 'HVAC Install', false],
		['PLUMB-SVC', 'Plumbing Service', false],
		['ELEC', 'Electrical', false],
		['ADMIN', 'Administration', false],
		['OLD-DEPT', 'Closed department (blocked)', true],
	];
	deptValues.forEach(([code, displayName, blocked], i) => {
		dv[`DEPARTMENT:${code}`] = put('dimensionValues', { code, dimensionId: dept.id, displayName, consolidationCode: '', blocked }, ago(200, i));
	});
	[
		['HVAC', 'HVAC (service and install)'],
		['PLUMBING', 'Plumbing'],
		['ELECTRICAL', 'Electrical'],
	].forEach(([code, displayName], i) => {
		dv[`AREA:${code}`] = put('dimensionValues', { code, dimensionId: area.id, displayName, consolidationCode: '', blocked: false }, ago(200, i));
	});

	// G/L chart
	const gl = [
		['1000', 'ASSETS', 'Assets', '', 'Heading', false, ''],
		['1100', 'Accounts Receivable', 'Assets', 'Accounts Receivable', 'Posting', false, ''],
		['1200', 'Undeposited Funds', 'Assets', 'Cash', 'Posting', true, ''],
		['1310', 'Operating Checking', 'Assets', 'Cash', 'Posting', false, ''],
		['1400', 'Inventory', 'Assets', 'Inventory', 'Posting', false, ''],
		['1999', 'Total Assets', 'Assets', '', 'End-Total', false, '1000..1999'],
		['2000', 'LIABILITIES', 'Liabilities', '', 'Heading', false, ''],
		['2100', 'Accounts Payable', 'Liabilities', 'Accounts Payable', 'Posting', false, ''],
		['2200', 'Sales Tax Payable', 'Liabilities', 'Current Liabilities', 'Posting', true, ''],
		['2300', 'Customer Deposits', 'Liabilities', 'Current Liabilities', 'Posting', true, ''],
		['2999', 'Total Liabilities', 'Liabilities', '', 'End-Total', false, '2000..2999'],
		['3100', 'Retained Earnings', 'Equity', 'Retained Earnings', 'Posting', true, ''],
		['4000', 'Service Income', 'Income', 'Income, Services', 'Posting', true, ''],
		['4100', 'Install Income', 'Income', 'Income, Services', 'Posting', true, ''],
		['4200', 'Material Sales', 'Income', 'Income, Product Sales', 'Posting', true, ''],
		['4300', 'Service Agreement Income', 'Income', 'Income, Services', 'Posting', true, ''],
		['4900', 'Sales Discounts', 'Income', 'Discounts', 'Posting', true, ''],
		['4999', 'Total Income', 'Income', '', 'End-Total', false, '4000..4999'],
		['5000', 'Cost of Goods Sold', 'Cost of Goods Sold', 'Cost of Materials', 'Posting', true, ''],
		['5100', 'Subcontractor Costs', 'Cost of Goods Sold', 'Cost of Labor', 'Posting', true, ''],
		['6100', 'Credit Card Fees', 'Expense', 'Other Expenses', 'Posting', true, ''],
		['6200', 'Vehicle Expense', 'Expense', 'Other Expenses', 'Posting', true, ''],
		['6900', 'Old Expense (blocked)', 'Expense', 'Other Expenses', 'Posting', true, ''],
	];
	gl.forEach(([number, displayName, category, subCategory, accountType, directPosting, totaling], i) => {
		put(
			'accounts',
			{
				number,
				displayName,
				category,
				subCategory,
				accountType,
				directPosting,
				totaling,
				blocked: number === '6900',
				consolidationTranslationMethod: 'Average Rate (Manual)',
				consolidationDebitAccount: '',
				consolidationCreditAccount: '',
				excludeFromConsolidation: false,
			},
			ago(250, i),
		);
	});
	const glBy = (/** @type {string} */ n) => Object.values(t.accounts).find((a) => a.number === n);

	// bank account
	const bank = put('bankAccounts', { number: 'CHECKING', displayName: us ? 'Operating Checking (First Bank)' : 'Operating Chequing (Maple Bank)', glAccountNumber: '1310' }, ago(250));

	// customers
	const custSeed = us
		? [
				['C00010', 'Jane Cooper', 'Person', '', 'COD', '1201 Peachtree St NE', 'Atlanta', 'GA', '30309'],
				['C00020', 'Riverside Property Management', 'Company', '', 'NET30', '400 Riverside Pkwy', 'Marietta', 'GA', '30060'],
				['C00030', 'Oakwood Elementary School', 'Company', '', 'NET30', '55 Oakwood Ave', 'Decatur', 'GA', '30030'],
				['C00040', 'Marcus Lee', 'Person', '', 'COD', '18 Pine Hollow Rd', 'Roswell', 'GA', '30075'],
				['C00050', 'Blocked Builders LLC', 'Company', 'All', 'NET15', '9 Industrial Blvd', 'Smyrna', 'GA', '30080'],
				['C00060', 'Harbor View Condominiums', 'Company', '', 'NET15', '700 Harbor Dr', 'Savannah', 'GA', '31401'],
			]
		: [
				['C00010', 'Maple Leaf Property Group', 'Company', '', 'NET30', '100 King St W', 'Toronto', 'ON', 'M5X 1A9'],
				['C00020', 'Olivia Tremblay', 'Person', '', 'COD', '22 Queen St', 'Ottawa', 'ON', 'K1P 5E7'],
			];
	const extra = Math.max(0, Number(o.seed.extraCustomers || 0));
	for (let i = 0; i < extra; i++) {
		const n = 1000 + i;
		custSeed.push([`C9${String(n).padStart(4, '0')}`, `Generated Customer ${n}`, i % 2 ? 'Person' : 'Company', '', 'NET30', `${n} Test Way`, 'Atlanta', 'GA', '30301']);
	}
	/** @type {Record<string, any>} */
	const cust = {};
	custSeed.forEach(([number, displayName, type, blocked, term, addressLine1, city, state, postalCode], i) => {
		cust[number] = put(
			'customers',
			{
				number,
				displayName,
				type,
				addressLine1,
				addressLine2: '',
				city,
				state,
				country: us ? 'US' : 'CA',
				postalCode,
				phoneNumber: `555-01${String(10 + (i % 90)).padStart(2, '0')}`,
				email: `${String(displayName).toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '')}@example.com`,
				website: '',
				salespersonCode: '',
				creditLimit: 0,
				taxLiable: false,
				taxAreaId: EMPTY_GUID,
				taxRegistrationNumber: '',
				currencyId: EMPTY_GUID,
				currencyCode: '',
				paymentTermsId: /** @type {any} */ (terms)[term].id,
				shipmentMethodId: EMPTY_GUID,
				paymentMethodId: EMPTY_GUID,
				blocked,
			},
			ago(20 - Math.min(i, 19), i * 7),
		);
	});
	if (us) {
		// Oakwood Elementary has a default DEPARTMENT: its new documents carry it automatically, so a
		// connector must upsert (PATCH) that dimension rather than POST it.
		put(
			'defaultDimensions',
			{ parentType: 'Customer', parentId: cust.C00030.id, dimensionId: dept.id, valueId: dv['DEPARTMENT:HVAC-SVC'].id, postingValidation: ' ' },
			ago(20),
		);
	}

	// vendors
	const vendSeed = us
		? [
				['V00010', 'Johnstone Supply', '', ''],
				['V00020', 'Ferguson Plumbing Supply', '', ''],
				['V00030', 'Sparky Subcontracting LLC', '', 'NEC'],
				['V00040', 'Old Supplier Inc.', 'All', ''],
			]
		: [['V00010', 'Northern HVAC Distributors', '', '']];
	vendSeed.forEach(([number, displayName, blocked, irs1099Code], i) => {
		put(
			'vendors',
			{
				number,
				displayName,
				addressLine1: `${10 + i} Supply Rd`,
				addressLine2: '',
				city: us ? 'Atlanta' : 'Toronto',
				state: us ? 'GA' : 'ON',
				country: us ? 'US' : 'CA',
				postalCode: us ? '30318' : 'M1B 1A1',
				phoneNumber: `555-02${10 + i}`,
				email: '',
				website: '',
				taxRegistrationNumber: '',
				currencyId: EMPTY_GUID,
				currencyCode: '',
				irs1099Code,
				paymentTermsId: terms.NET30.id,
				paymentMethodId: EMPTY_GUID,
				taxLiable: false,
				blocked,
			},
			ago(15 - i, i * 11),
		);
	});

	// items: [number, name, type, price, cost, uom, genProd, taxGroup, inventory, blocked]
	const itemSeed = [
		['SVC-HVAC-DIAG', 'HVAC Diagnostic Visit', 'Service', '129', '0', 'EA', 'SERVICES', 'NONTAXABLE', '0', false],
		['SVC-HVAC-TUNE', 'HVAC Tune-Up', 'Service', '89', '0', 'EA', 'SERVICES', 'NONTAXABLE', '0', false],
		['SVC-PLUMB-DRAIN', 'Drain Cleaning', 'Service', '149', '0', 'EA', 'SERVICES', 'NONTAXABLE', '0', false],
		['SVC-ELEC-PANEL', 'Electrical Panel Inspection', 'Service', '175', '0', 'EA', 'SERVICES', 'NONTAXABLE', '0', false],
		['LABOR-HR', 'Technician Labor (per hour)', 'Service', '95', '0', 'HOUR', 'SERVICES', 'NONTAXABLE', '0', false],
		['TRIP', 'Trip Charge', 'Service', '49', '0', 'EA', 'SERVICES', 'NONTAXABLE', '0', false],
		['INST-FURN-80', 'Furnace Install 80% AFUE', 'Service', '3500', '0', 'EA', 'INSTALL', 'NONTAXABLE', '0', false],
		['INST-WH-50', 'Water Heater Install 50 gal', 'Service', '1850', '0', 'EA', 'INSTALL', 'NONTAXABLE', '0', false],
		['MAT-FILTER-16', 'Air Filter 16x25x1', 'Non-Inventory', '24.99', '6.4', 'PCS', 'RETAIL', 'TAXABLE', '0', false],
		['MAT-PVC-2', 'PVC Pipe 2in x 10ft', 'Non-Inventory', '18.75', '7.1', 'PCS', 'RETAIL', 'TAXABLE', '0', false],
		['MAT-CAP-45', 'Run Capacitor 45/5 MFD', 'Inventory', '65', '18.5', 'PCS', 'RETAIL', 'TAXABLE', '40', false],
		['MAT-BREAKER-20', '20A Circuit Breaker', 'Inventory', '32.5', '9.8', 'PCS', 'RETAIL', 'TAXABLE', '25', false],
		['OLD-PART', 'Discontinued Part (blocked)', 'Non-Inventory', '10', '5', 'PCS', 'RETAIL', 'TAXABLE', '0', true],
	];
	const extraItems = Math.max(0, Number(o.seed.extraItems || 0));
	for (let i = 0; i < extraItems; i++) {
		itemSeed.push([`GEN-${String(i + 1).padStart(5, '0')}`, `Generated Item ${i + 1}`, 'Non-Inventory', `${10 + (i % 90)}.${String(i % 100).padStart(2, '0')}`, '1', 'PCS', 'RETAIL', 'TAXABLE', '0', false]);
	}
	itemSeed.forEach(([number, displayName, type, unitPrice, unitCost, u, genProd, taxGroup, inventory, blocked], i) => {
		const unit = /** @type {any} */ (uom)[/** @type {string} */ (u)];
		// spread over the last 14 days, newest last, so a lastModifiedDateTime cursor poll has work
		const n = itemSeed.length;
		put(
			'items',
			{
				number,
				displayName,
				displayName2: '',
				type,
				itemCategoryId: EMPTY_GUID,
				itemCategoryCode: '',
				blocked,
				gtin: '',
				inventory,
				unitPrice,
				priceIncludesTax: false,
				unitCost,
				taxGroupId: EMPTY_GUID,
				taxGroupCode: taxGroup,
				baseUnitOfMeasureId: unit.id,
				baseUnitOfMeasureCode: unit.code,
				generalProductPostingGroupId: EMPTY_GUID,
				generalProductPostingGroupCode: genProd,
				inventoryPostingGroupId: EMPTY_GUID,
				inventoryPostingGroupCode: type === 'Inventory' ? 'RESALE' : '',
			},
			ago((14 * (n - 1 - i)) / Math.max(1, n - 1), 0),
		);
	});

	// journal batches
	put('journalBatches', { template: 'CASHRCPT', code: 'STPAYMENTS', displayName: 'ServiceTitan payments', balAccountType: 'Bank Account', balAccountId: bank.id }, ago(60));
	put('journalBatches', { template: 'CASHRCPT', code: 'STUNDEP', displayName: 'ServiceTitan payments to undeposited funds', balAccountType: 'G/L Account', balAccountId: glBy('1200').id }, ago(60));
	put('journalBatches', { template: 'GENERAL', code: 'DEFAULT', displayName: 'Default journal', balAccountType: '', balAccountId: EMPTY_GUID }, ago(60));
	put('journalBatches', { template: 'GENERAL', code: 'STSUMMARY', displayName: 'ServiceTitan daily summaries', balAccountType: '', balAccountId: EMPTY_GUID }, ago(60));

	return {
		meta,
		t,
		globalDims: [dept.id, area.id],
		/** document id → line ids, per line table (kept by documents.js) */
		lineIndex: { salesInvoiceLines: {}, salesCreditMemoLines: {}, purchaseInvoiceLines: {} },
		/** document number (upper case) → header id, per header table (kept by documents.js) */
		numberIndex: { salesInvoices: {}, salesCreditMemos: {}, purchaseInvoices: {} },
		postingGroups: {
			genProd: {
				SERVICES: { sales: '4000', purchases: '5100', cogs: '5000' },
				INSTALL: { sales: '4100', purchases: '5100', cogs: '5000' },
				RETAIL: { sales: '4200', purchases: '5000', cogs: '5000' },
			},
			inventory: '1400',
			customer: { receivables: '1100' },
			vendor: { payables: '2100' },
			salesTaxPayable: '2200',
		},
		series: {
			customer: { prefix: 'C', next: us ? 70 : 30, step: 10, width: 5 },
			vendor: { prefix: 'V', next: us ? 50 : 20, step: 10, width: 5 },
			item: { prefix: 'ITEM', next: 1, step: 1, width: 4 },
			salesInvoiceDraft: { prefix: 'S-INV', next: 100001, step: 1, width: 6 },
			salesInvoicePosted: { prefix: 'PS-INV', next: 103001, step: 1, width: 6 },
			salesCreditMemoDraft: { prefix: 'S-CR', next: 100001, step: 1, width: 6 },
			salesCreditMemoPosted: { prefix: 'PS-CR', next: 104001, step: 1, width: 6 },
			purchaseInvoiceDraft: { prefix: 'P-INV', next: 100001, step: 1, width: 6 },
			purchaseInvoicePosted: { prefix: 'PP-INV', next: 104001, step: 1, width: 6 },
			cashReceiptDoc: { prefix: 'G0', next: 2001, step: 1, width: 4 },
			generalJournalDoc: { prefix: 'G', next: 1, step: 1, width: 5 },
			glEntry: { prefix: '', next: 1, step: 1, width: 1 },
			ledgerEntry: { prefix: '', next: 1, step: 1, width: 1 },
		},
	};
}

module.exports = { buildState, BUSINESS_UNIT_DIMENSIONS, COMPANY_NAMES };
