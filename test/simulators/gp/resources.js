'use strict';
/**
 * GP's service objects and business rules behind the SBA routes: customers and vendors (GET, POST,
 * PATCH), GL accounts and fiscal periods (read-only), receivables and payables transactions
 * (GET, POST into an unposted batch, PATCH/DELETE of unposted ones only).
 */
const { parseDec, decToString, toCents } = require('../shared/decimal.js');
const { TASKS, SERIES } = require('./seed.js');

class GpError extends Error {
	/** @param {number} status @param {string} code @param {string} message */
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

/** @param {string} key `(a;b)` already stripped of its parentheses */
const keyParts = (key) => key.split(';').map((part) => part.trim());

/** @param {unknown} value @param {string} field @param {string} record */
function requiredText(value, field, record) {
	if (typeof value !== 'string' || value.trim() === '') throw new GpError(400, 'RequiredField', `${field} is required for the ${record}.`);
	return value.trim();
}

/** @param {unknown} value @param {string} field */
function amount(value, field) {
	const dec = parseDec(value);
	if (!dec) throw new GpError(400, 'InvalidValue', `${field} must be a decimal amount.`);
	return decToString({ n: BigInt(toCents(dec)), s: 2 });
}

/** @param {string} date */
const isDate = (date) => /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`));

/**
 * @param {ReturnType<typeof import('./seed.js').buildSeed>} state
 * @param {{ rejectDuplicateVendorInvoices: boolean, now: () => string }} options
 */
function createResources(state, options) {
	/** @param {string} id */
	const customer = (id) => state.customers.find((c) => c.Id.toLowerCase() === id.toLowerCase());
	/** @param {string} id */
	const vendor = (id) => state.vendors.find((v) => v.Id.toLowerCase() === id.toLowerCase());

	/** GP refuses a date outside an open fiscal period of the series. @param {string} date @param {string} series */
	function checkPeriod(date, series) {
		if (!isDate(date)) throw new GpError(400, 'InvalidValue', `DocumentDate ${JSON.stringify(date)} is not a date (yyyy-MM-dd).`);
		const period = state.fiscalPeriods.find((p) => p.StartDate <= date && date <= p.EndDate);
		if (!period) throw new GpError(400, 'FiscalPeriodNotFound', `The date ${date} is not in a fiscal period that has been set up.`);
		if (period.Closed[series]) throw new GpError(400, 'FiscalPeriodClosed', `The date ${date} is in a closed fiscal period (${period.Name}) for the ${series} series.`);
	}

	/** @param {any} body */
	function distributions(body) {
		const list = Array.isArray(body.Distributions) ? body.Distributions : [];
		return list.map((/** @type {any} */ line) => {
			const id = requiredText(line?.AccountId, 'AccountId', 'distribution');
			const account = state.accounts.find((a) => a.Id === id);
			if (!account) throw new GpError(400, 'AccountNotFound', `Account ${id} does not exist.`);
			if (!account.Active) throw new GpError(400, 'AccountInactive', `Account ${id} is inactive.`);
			return { AccountId: id, Type: String(line.Type ?? ''), Debit: amount(line.Debit ?? 0, 'Debit'), Credit: amount(line.Credit ?? 0, 'Credit') };
		});
	}

	/** @param {any} body */
	function newParty(body, kind) {
		const Id = requiredText(body.Id, 'Id', kind);
		if (Id.length > 15) throw new GpError(400, 'InvalidValue', `Id ${Id} is longer than 15 characters.`);
		return { Id, Name: requiredText(body.Name, 'Name', kind), ClassId: String(body.ClassId ?? ''), CurrencyId: String(body.CurrencyId ?? 'Z-US$'), Inactive: false, ModifiedDate: options.now() };
	}

	/** @param {'Sales'|'Purchasing'} series */
	function transactions(series) {
		const list = series === 'Sales' ? state.receivables : state.payables;
		const party = series === 'Sales' ? 'CustomerId' : 'VendorId';
		const record = series === 'Sales' ? 'receivables transaction' : 'payables transaction';
		/** @param {string} key */
		const find = (key) => {
			const [type, number] = keyParts(key);
			const found = list.find((t) => t.DocumentType.toLowerCase() === String(type).toLowerCase() && t.DocumentNumber === number);
			if (!found) throw new GpError(404, 'NotFound', `The ${record} (${key}) was not found.`);
			return found;
		};
		const unposted = (/** @type {any} */ t) => {
			if (t.Posted) throw new GpError(400, 'TransactionPosted', `The ${record} ${t.DocumentNumber} is posted and cannot be changed.`);
			return t;
		};
		return {
			list: () => list,
			get: find,
			/** @param {any} body */
			create(body) {
				const DocumentType = String(body.DocumentType ?? 'Invoice');
				const DocumentNumber = requiredText(body.DocumentNumber, 'DocumentNumber', record);
				if (DocumentNumber.length > 20) throw new GpError(400, 'InvalidValue', `DocumentNumber ${DocumentNumber} is longer than 20 characters.`);
				const partyId = requiredText(body[party], party, record);
				if (!(series === 'Sales' ? customer(partyId) : vendor(partyId))) {
					throw new GpError(400, 'NotFound', `${series === 'Sales' ? 'Customer' : 'Vendor'} ${partyId} does not exist.`);
				}
				// GP says the number exists; it does not say how to avoid it.
				if (list.some((t) => t.DocumentType === DocumentType && t.DocumentNumber === DocumentNumber)) {
					throw new GpError(400, 'DuplicateDocument', `The document number ${DocumentNumber} already exists.`);
				}
				const DocumentDate = requiredText(body.DocumentDate, 'DocumentDate', record);
				checkPeriod(DocumentDate, series);
				const amountField = series === 'Sales' ? 'SalesAmount' : 'PurchasesAmount';
				const created = {
					DocumentType,
					DocumentNumber,
					[party]: partyId,
					DocumentDate,
					BatchId: String(body.BatchId || (series === 'Sales' ? 'RM-INTEGRATION' : 'PM-INTEGRATION')),
					Description: String(body.Description ?? ''),
					[amountField]: amount(body[amountField], amountField),
					Distributions: distributions(body),
					Posted: false,
					ModifiedDate: options.now(),
				};
				if (series === 'Purchasing') {
					const vendorDocument = requiredText(body.VendorDocumentNumber, 'VendorDocumentNumber', record);
					if (options.rejectDuplicateVendorInvoices && list.some((t) => t.VendorId === partyId && t.VendorDocumentNumber === vendorDocument)) {
						throw new GpError(400, 'DuplicateDocument', `The vendor document number ${vendorDocument} already exists for vendor ${partyId}.`);
					}
					created.VendorDocumentNumber = vendorDocument;
				}
				list.push(created);
				return created;
			},
			/** @param {string} key @param {any} body */
			update(key, body) {
				const t = unposted(find(key));
				if (body.DocumentDate !== undefined) {
					checkPeriod(String(body.DocumentDate), series);
					t.DocumentDate = String(body.DocumentDate);
				}
				if (body.Description !== undefined) t.Description = String(body.Description);
				if (body.Distributions !== undefined) t.Distributions = distributions(body);
				t.ModifiedDate = options.now();
				return t;
			},
			/** @param {string} key */
			remove(key) {
				const t = unposted(find(key));
				list.splice(list.indexOf(t), 1);
			},
		};
	}

	/** @param {any[]} list @param {(id: string) => any} find @param {string} record */
	function parties(list, find, record) {
		return {
			list: () => list,
			/** @param {string} id */
			get(id) {
				const found = find(id);
				if (!found) throw new GpError(404, 'NotFound', `The ${record} ${id} was not found.`);
				return found;
			},
			/** @param {any} body */
			create(body) {
				const created = newParty(body, record);
				if (find(created.Id)) throw new GpError(400, 'DuplicateRecord', `The ${record} ${created.Id} already exists.`);
				list.push(created);
				return created;
			},
			/** @param {string} id @param {any} body */
			update(id, body) {
				const found = this.get(id);
				for (const field of ['Name', 'ClassId', 'Inactive']) if (body[field] !== undefined) found[field] = body[field];
				found.ModifiedDate = options.now();
				return found;
			},
		};
	}

	const readOnly = (/** @type {() => any[]} */ list, /** @type {(key: string) => any} */ get) => ({ list, get });

	/** route name → { task, handlers } */
	return {
		'Sales/Customers': { task: TASKS.customers, ...parties(state.customers, customer, 'customer') },
		'Purchasing/Vendors': { task: TASKS.vendors, ...parties(state.vendors, vendor, 'vendor') },
		'Sales/ReceivablesTransactions': { task: TASKS.receivables, ...transactions('Sales') },
		'Purchasing/PayablesTransactions': { task: TASKS.payables, ...transactions('Purchasing') },
		'Financials/GLAccounts': {
			task: TASKS.accounts,
			...readOnly(
				() => state.accounts,
				(id) => state.accounts.find((a) => a.Id === id) ?? (() => { throw new GpError(404, 'NotFound', `Account ${id} does not exist.`); })(),
			),
		},
		'Financials/FiscalPeriods': {
			task: TASKS.fiscalPeriods,
			...readOnly(
				() => state.fiscalPeriods,
				(key) => {
					const [year, period] = keyParts(key).map(Number);
					const found = state.fiscalPeriods.find((p) => p.Year === year && p.PeriodId === period);
					if (!found) throw new GpError(404, 'NotFound', `The fiscal period (${key}) was not found.`);
					return found;
				},
			),
		},
	};
}

/** Test hooks: close or open a period for one series (or all). */
function setPeriodClosed(state, year, period, closed, series) {
	const found = state.fiscalPeriods.find((p) => p.Year === year && p.PeriodId === period);
	if (!found) throw new Error(`no fiscal period ${year}/${period}`);
	for (const name of series ? [series] : SERIES) found.Closed[name] = closed;
}

module.exports = { createResources, setPeriodClosed, GpError };
