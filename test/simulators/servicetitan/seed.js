'use strict';
/**
 * Deterministic seed generator for the ServiceTitan simulator.
 *
 * `generateSeed(options)` returns a plain state object (see `SimState` in index.d.ts). Same options →
 * byte-identical data (seeded PRNG, no clock, no Math.random). 50,000 invoices take about 1.3–2.5 s
 * and ~170 MB of heap: nested reference objects (customer / location / business unit refs, GL refs,
 * batches) are shared between records instead of copied.
 *
 * Consistency rules (all integer cents, see money.js):
 *   item.total       = round(quantity × price)
 *   invoice.subTotal = Σ item.total
 *   invoice.salesTax = round(Σ taxable item.total × salesTaxCode.taxRate)
 *   invoice.total    = subTotal + salesTax
 *   invoice.balance  = total − Σ appliedAmount of active payments applied to it
 *   payment.total    = Σ appliedTo[].appliedAmount + unappliedAmount
 *   bill.billAmount  = Σ quantity × cost + taxAmount + shippingAmount + otherAmount
 *   PO.total         = Σ item.total + tax + shipping   (numbers, inventory module)
 *   customer.balance = Σ balance of the customer's active invoices (number, CRM module)
 */

const C = require('./catalog');
const { toCents, fmtCents, centsToNumber, taxCents, divRound } = require('./money');
const R = require('./records');

const { DAY_MS, iso, namedRef, glRef, acctAddress } = R;
const HOUR_MS = 3600000;
const MIN_MS = 60000;

/** Id bases (distinct ranges per record type make id mix-ups visible in tests). */
const ID_BASE = {
	businessUnit: 31,
	glAccount: 90,
	taxZone: 12,
	service: 301,
	material: 4401,
	equipment: 6601,
	vendor: 210,
	customer: 880001,
	location: 890001,
	contact: 895001,
	job: 7000001,
	invoice: 5000001,
	invoiceItem: 1,
	payment: 990001,
	applied: 55001,
	purchaseOrder: 3301,
	purchaseOrderItem: 33001,
	inventoryBill: 66001,
	inventoryBillItem: 660001,
	receiptItem: 9001,
	batch: 4401,
	apBatch: 4801,
};

/**
 * mulberry32: small, fast, seedable PRNG → float in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
function mulberry32(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** @param {() => number} rnd */
function rngTools(rnd) {
	return {
		rnd,
		/** integer in [a, b] */
		int: (a, b) => a + Math.floor(rnd() * (b - a + 1)),
		/** @template T @param {T[]} arr @returns {T} */
		pick: (arr) => arr[Math.floor(rnd() * arr.length)],
		chance: (p) => rnd() < p,
		/** @template T @param {[T, number][]} pairs @returns {T} */
		weighted: (pairs) => {
			let total = 0;
			for (const [, w] of pairs) total += w;
			let x = rnd() * total;
			for (const [v, w] of pairs) {
				x -= w;
				if (x < 0) return v;
			}
			return pairs[pairs.length - 1][0];
		},
	};
}

/** Default seed options. */
const DEFAULT_SEED = {
	seed: 42,
	invoices: 40,
	customers: 12,
	vendors: 4,
	businessUnits: 4,
	months: 1,
	startDate: '2026-10-01',
	purchaseOrders: undefined,
	tenantId: '1000001',
};

/** @param {any} options */
function normalizeSeedOptions(options) {
	const o = Object.assign({}, DEFAULT_SEED, options || {});
	const intOpt = (k, min) => {
		const v = Number(o[k]);
		if (!Number.isInteger(v) || v < min) throw new Error(`generateSeed: option ${k} must be an integer >= ${min} (got ${o[k]})`);
		o[k] = v;
	};
	intOpt('seed', -2147483648);
	intOpt('invoices', 0);
	intOpt('customers', 1);
	intOpt('vendors', 1);
	intOpt('businessUnits', 1);
	intOpt('months', 1);
	if (o.purchaseOrders === undefined || o.purchaseOrders === null) o.purchaseOrders = Math.max(2, Math.round(o.invoices / 8));
	intOpt('purchaseOrders', 0);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(String(o.startDate)) || Number.isNaN(Date.parse(`${o.startDate}T00:00:00Z`))) {
		throw new Error(`generateSeed: startDate must be YYYY-MM-DD (got ${o.startDate})`);
	}
	o.tenantId = String(o.tenantId);
	return o;
}

/** @param {number} ms @param {number} months */
function addMonthsUtc(ms, months) {
	const d = new Date(ms);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}

// ---------------------------------------------------------------------------------------------
// Reference-record factories (also used by the simulator's add*/POST handlers)
// ---------------------------------------------------------------------------------------------

/** @param {{id:number, name:string, number:string, type:string, subtype:string|null, defaultAccountType:string|null, active?:boolean, createdOn:string, modifiedOn:string, description?:string|null, source?:string}} p */
function makeGlAccount(p) {
	return {
		id: p.id,
		name: p.name,
		number: p.number,
		description: p.description == null ? null : p.description,
		type: p.type,
		subtype: p.subtype == null ? null : p.subtype,
		active: p.active !== false,
		isIntacctGroup: false,
		isIntacctBankAccount: false,
		source: p.source || 'AccountingSystem',
		defaultAccountType: p.defaultAccountType == null ? null : p.defaultAccountType,
		createdOn: p.createdOn,
		modifiedOn: p.modifiedOn,
	};
}

/** @param {{id:number, name:string, ppm:number, createdOn:string, modifiedOn:string, active?:boolean}} p */
function makeTaxZone(p) {
	const rate = p.ppm / 1000000;
	return {
		id: p.id,
		name: p.name,
		color: 0x3a7bd5,
		isTaxRateSeparated: false,
		isMultipleTaxZone: false,
		rates: [{ id: p.id * 10 + 1, taxName: `${p.name} Sales Tax`, taxBaseType: ['Subtotal'], taxRate: rate, salesTaxItem: 'Sales Tax' }],
		createdOn: p.createdOn,
		modifiedOn: p.modifiedOn,
		active: p.active !== false,
	};
}

/** @param {{id:number, name:string, trade?:string, address:any, tenantId:string, createdOn:string, modifiedOn:string, active?:boolean}} p */
function makeBusinessUnit(p) {
	const trade = p.trade || 'HVAC';
	const tradeId = Math.max(1, C.TRADES.indexOf(trade) + 1);
	return {
		id: p.id,
		active: p.active !== false,
		name: p.name,
		officialName: `Sim Home Services - ${p.name}`,
		email: `${p.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`,
		currency: 'USD',
		phoneNumber: '5125550100',
		invoiceHeader: `<p>Sim Home Services &mdash; ${p.name}</p>`,
		invoiceMessage: '<p>Thank you for your business!</p>',
		defaultTaxRate: 0.0825,
		authorizationParagraph: null,
		acknowledgementParagraph: null,
		address: Object.assign({}, p.address, { latitude: 30.2672, longitude: -97.7431, isManualCoordinates: false, isMilitary: false }),
		materialSku: null,
		quickbooksClass: p.name,
		accountCode: `BU${p.id}`,
		franchiseId: null,
		conceptCode: null,
		corporateContractNumber: null,
		tenant: { id: Number(p.tenantId), name: 'Sim Home Services', accountCode: null, franchiseId: null, conceptCode: null, modifiedOn: p.modifiedOn },
		modifiedOn: p.modifiedOn,
		createdOn: p.createdOn,
		externalData: [],
		trade: { id: tradeId, name: trade },
		division: { id: 1, name: 'Residential & Commercial' },
		tagTypeIds: [],
	};
}

/** @param {{id:number, name:string, active?:boolean, taxRate?:number, address:any, contactInfo?:any, createdOn:string, modifiedOn:string, memo?:string}} p */
function makeVendor(p) {
	return {
		id: p.id,
		name: p.name,
		active: p.active !== false,
		isTruckReplenishment: false,
		isMobileCreationRestricted: false,
		memo: p.memo || '',
		deliveryOption: 'Manual',
		defaultTaxRate: p.taxRate == null ? 0.0825 : p.taxRate,
		contactInfo: Object.assign({ firstName: '', lastName: '', phone: '', email: '', fax: '' }, p.contactInfo || {}),
		address: Object.assign({ street: '', unit: '', city: '', state: '', zip: '', country: 'USA' }, p.address || {}),
		createdOn: p.createdOn,
		modifiedOn: p.modifiedOn,
		externalData: [],
		customFields: [],
	};
}

/** CRM customer address (bill-to). */
function crmAddress(a) {
	return {
		street: a.street || '',
		unit: a.unit == null ? null : a.unit,
		city: a.city || '',
		state: a.state || '',
		zip: a.zip || '',
		country: a.country || 'USA',
		latitude: a.latitude == null ? null : a.latitude,
		longitude: a.longitude == null ? null : a.longitude,
	};
}

/** @param {{id:number, name:string, type?:string, address:any, createdOn:string, modifiedOn:string, active?:boolean, balance?:number}} p */
function makeCustomer(p) {
	return {
		id: p.id,
		active: p.active !== false,
		name: p.name,
		type: p.type === 'Commercial' ? 'Commercial' : 'Residential',
		address: crmAddress(p.address || {}),
		customFields: [],
		balance: p.balance || 0,
		taxExempt: false,
		tagTypeIds: [],
		doNotMail: false,
		doNotService: false,
		nationalAccount: false,
		createdOn: p.createdOn,
		createdById: 1,
		modifiedOn: p.modifiedOn,
		mergedToId: null,
		paymentTermId: null,
		creditLimit: null,
		creditLimitBalance: null,
		externalData: [],
	};
}

/** @param {{id:number, customerId:number, name:string, address:any, taxZoneId:number|null, createdOn:string, modifiedOn:string, active?:boolean}} p */
function makeLocation(p) {
	return {
		id: p.id,
		customerId: p.customerId,
		active: p.active !== false,
		name: p.name,
		address: crmAddress(p.address || {}),
		customFields: [],
		createdOn: p.createdOn,
		createdById: 1,
		modifiedOn: p.modifiedOn,
		mergedToId: null,
		zoneId: null,
		taxExempt: false,
		tagTypeIds: [],
		externalData: [],
		taxZoneId: p.taxZoneId == null ? null : p.taxZoneId,
	};
}

/** Pricebook service (ServiceGetResponse subset; money as numbers). */
function makeService(p) {
	return {
		id: p.id,
		code: p.code,
		displayName: p.displayName == null ? p.code : p.displayName,
		description: p.description,
		warranty: null,
		categories: [],
		price: p.price == null ? 0 : p.price,
		memberPrice: p.memberPrice == null ? (p.price == null ? 0 : p.price) : p.memberPrice,
		addOnPrice: p.addOnPrice == null ? (p.price == null ? 0 : p.price) : p.addOnPrice,
		addOnMemberPrice: p.addOnMemberPrice == null ? (p.price == null ? 0 : p.price) : p.addOnMemberPrice,
		taxable: !!p.taxable,
		account: p.account == null ? 'Service Income' : p.account,
		hours: p.hours == null ? 0 : p.hours,
		isLabor: !!p.isLabor,
		recommendations: [],
		upgrades: [],
		assets: [],
		serviceMaterials: [],
		serviceEquipment: [],
		active: p.active !== false,
		crossSaleGroup: null,
		paysCommission: false,
		bonus: 0,
		commissionBonus: 0,
		source: null,
		externalId: null,
		externalData: [],
		businessUnitId: p.businessUnitId == null ? null : p.businessUnitId,
		cost: p.cost == null ? 0 : p.cost,
		createdOn: p.createdOn,
		modifiedOn: p.modifiedOn,
	};
}

/** Pricebook material (MaterialResponse subset; money as numbers). */
function makeMaterial(p) {
	return {
		id: p.id,
		code: p.code,
		displayName: p.displayName == null ? p.code : p.displayName,
		description: p.description,
		cost: p.cost == null ? 0 : p.cost,
		active: p.active !== false,
		price: p.price == null ? 0 : p.price,
		memberPrice: p.memberPrice == null ? (p.price == null ? 0 : p.price) : p.memberPrice,
		addOnPrice: p.addOnPrice == null ? (p.price == null ? 0 : p.price) : p.addOnPrice,
		addOnMemberPrice: p.addOnMemberPrice == null ? (p.price == null ? 0 : p.price) : p.addOnMemberPrice,
		hours: p.hours == null ? 0 : p.hours,
		bonus: 0,
		commissionBonus: 0,
		paysCommission: false,
		deductAsJobCost: false,
		unitOfMeasure: p.unitOfMeasure == null ? 'Each' : p.unitOfMeasure,
		isInventory: p.isInventory !== false,
		account: p.account == null ? 'Material Income' : p.account,
		costOfSaleAccount: p.costOfSaleAccount == null ? 'Cost of Goods Sold - Materials' : p.costOfSaleAccount,
		assetAccount: p.assetAccount == null ? 'Inventory Asset' : p.assetAccount,
		taxable: p.taxable !== false,
		primaryVendor: p.primaryVendor == null ? null : p.primaryVendor,
		otherVendors: [],
		categories: [],
		assets: [],
		source: null,
		externalId: null,
		externalData: [],
		isConfigurableMaterial: false,
		chargeableByDefault: true,
		businessUnitId: p.businessUnitId == null ? null : p.businessUnitId,
		generalLedgerAccountId: p.generalLedgerAccountId == null ? null : p.generalLedgerAccountId,
		isOtherDirectCost: false,
		costTypeId: null,
		createdOn: p.createdOn,
		modifiedOn: p.modifiedOn,
	};
}

/** JPM job (JobResponse subset). */
function makeJob(p) {
	return {
		id: p.id,
		jobNumber: String(p.id),
		projectId: null,
		customerId: p.customerId,
		locationId: p.locationId,
		jobStatus: p.jobStatus || 'Completed',
		completedOn: p.completedOn == null ? null : p.completedOn,
		businessUnitId: p.businessUnitId,
		jobTypeId: p.jobTypeId == null ? 0 : p.jobTypeId,
		priority: 'Normal',
		campaignId: 7001,
		summary: p.summary == null ? null : p.summary,
		customFields: [],
		appointmentCount: 1,
		firstAppointmentId: p.id + 100000000,
		lastAppointmentId: p.id + 100000000,
		recallForId: null,
		warrantyId: null,
		jobGeneratedLeadSource: null,
		noCharge: !!p.noCharge,
		notificationsEnabled: true,
		createdOn: p.createdOn,
		createdById: 1,
		modifiedOn: p.modifiedOn,
		tagTypeIds: [],
		leadCallId: null,
		bookingId: null,
		soldById: p.soldById == null ? null : p.soldById,
		externalData: [],
		customerPo: null,
		invoiceId: p.invoiceId,
		total: p.total == null ? null : p.total,
		active: p.active !== false,
	};
}

// ---------------------------------------------------------------------------------------------
// generateSeed
// ---------------------------------------------------------------------------------------------

/**
 * @param {object} [options]
 * @param {number} [options.seed=42]
 * @param {number} [options.invoices=40]
 * @param {number} [options.customers=12]
 * @param {number} [options.vendors=4]
 * @param {number} [options.businessUnits=4]
 * @param {number} [options.months=1]
 * @param {string} [options.startDate='2026-10-01']
 * @param {number} [options.purchaseOrders] default max(2, round(invoices / 8))
 * @param {string} [options.tenantId='1000001']
 */
function generateSeed(options) {
	const o = normalizeSeedOptions(options);
	const T = rngTools(mulberry32(o.seed));
	// per-call memo: records of the same day share one date string (keeps big seeds compact)
	const dayCache = new Map();
	const dayIso = (ms) => {
		const day = Math.floor(ms / DAY_MS);
		let s = dayCache.get(day);
		if (s === undefined) dayCache.set(day, (s = R.dayIso(ms)));
		return s;
	};
	const { int, pick, chance, weighted } = T;

	const startMs = Date.parse(`${o.startDate}T00:00:00Z`);
	const endMs = addMonthsUtc(startMs, o.months);
	const spanMs = endMs - startMs;
	const refCreatedMs = startMs - 400 * DAY_MS;
	const refIso = iso(refCreatedMs);
	const refModIso = iso(refCreatedMs + 30 * DAY_MS);

	/** @type {any} */
	const state = {
		tenantId: o.tenantId,
		businessUnits: [],
		glAccounts: [],
		taxZones: [],
		paymentTypes: [],
		services: [],
		materials: [],
		equipment: [],
		vendors: [],
		customers: [],
		locations: [],
		jobs: [],
		invoices: [],
		payments: [],
		purchaseOrders: [],
		inventoryBills: [],
		technicians: C.TECHNICIANS.map((t) => ({ id: t.id, name: t.name })),
		exportLog: [],
		counters: {},
		meta: { seedOptions: o, startDate: iso(startMs), endDate: iso(endMs) },
	};

	// --- GL accounts, tax zones, payment types -------------------------------------------------
	C.GL_ACCOUNTS.forEach((g, i) => {
		state.glAccounts.push(makeGlAccount(Object.assign({}, g, { id: ID_BASE.glAccount + i, createdOn: refIso, modifiedOn: refModIso })));
	});
	C.TAX_ZONES.forEach((z, i) => {
		state.taxZones.push(makeTaxZone({ id: ID_BASE.taxZone + i, name: z.name, ppm: z.ppm, createdOn: refIso, modifiedOn: refModIso }));
	});
	state.paymentTypes = C.PAYMENT_TYPES.map((p) => ({ id: p.id, name: p.name, createdOn: refIso, modifiedOn: refModIso }));
	const zoneMeta = C.TAX_ZONES.map((z, i) => ({ zone: state.taxZones[i], ppm: z.ppm, weight: z.weight, city: z.city }));
	const zoneWeights = zoneMeta.map((z) => [z, z.weight]);
	const salesTaxCodeByZone = new Map(state.taxZones.map((z, i) => [z.id, { id: z.id, name: z.name, taxRate: zoneMeta[i].ppm / 1000000 }]));

	// --- Business units --------------------------------------------------------------------------
	const buMeta = [];
	for (let i = 0; i < o.businessUnits; i++) {
		const base = C.BUSINESS_UNITS[i] || { name: `Business Unit ${i + 1}`, trade: C.TRADES[i % 3], install: false };
		const bu = makeBusinessUnit({
			id: ID_BASE.businessUnit + i,
			name: base.name,
			trade: base.trade,
			tenantId: o.tenantId,
			address: { street: '1200 Industrial Blvd', unit: null, city: 'Austin', state: 'TX', zip: '78745', country: 'USA' },
			createdOn: refIso,
			modifiedOn: refModIso,
		});
		state.businessUnits.push(bu);
		buMeta.push({ bu, ref: namedRef(bu), trade: base.trade, install: base.install, shipTo: acctAddress(bu.address) });
	}

	// --- Pricebook ---------------------------------------------------------------------------------
	const skuByTrade = { Service: {}, Material: {}, Equipment: {} };
	const addSku = (kind, rec, trade) => {
		const m = skuByTrade[kind];
		(m[trade] = m[trade] || []).push(rec);
	};
	C.SERVICES.forEach((s, i) => {
		const rec = makeService({
			id: ID_BASE.service + i,
			code: s.code,
			displayName: s.displayName,
			description: s.description,
			price: centsToNumber(s.price),
			hours: s.hours,
			isLabor: !!s.hourly,
			createdOn: refIso,
			modifiedOn: refModIso,
		});
		state.services.push(rec);
		if (s.trade !== '*') addSku('Service', { rec, priceCents: s.price, costCents: 0, hourly: !!s.hourly, skuType: 'Service' }, s.trade);
	});
	const warrantySku = state.services[C.SERVICES.findIndex((s) => s.code === 'WARRANTY-VISIT')];
	C.MATERIALS.forEach((m, i) => {
		const rec = makeMaterial({
			id: ID_BASE.material + i,
			code: m.code,
			displayName: m.displayName,
			description: m.description,
			cost: centsToNumber(m.cost),
			price: centsToNumber(m.price),
			unitOfMeasure: m.uom,
			generalLedgerAccountId: ID_BASE.glAccount + C.GL_ACCOUNTS.findIndex((g) => g.number === '4100'),
			createdOn: refIso,
			modifiedOn: refModIso,
		});
		state.materials.push(rec);
		addSku('Material', { rec, priceCents: m.price, costCents: m.cost, skuType: 'Material' }, m.trade);
	});
	C.EQUIPMENT.forEach((e, i) => {
		const rec = {
			id: ID_BASE.equipment + i,
			code: e.code,
			displayName: e.displayName,
			description: e.description,
			cost: centsToNumber(e.cost),
			price: centsToNumber(e.price),
			active: true,
			taxable: true,
			account: 'Equipment Income',
			createdOn: refIso,
			modifiedOn: refModIso,
		};
		state.equipment.push(rec);
		addSku('Equipment', { rec, priceCents: e.price, costCents: e.cost, skuType: 'Equipment' }, e.trade);
	});
	/** sku → invoice-item "sku" view ({id, code, displayName, description, cost as string cents}) */
	const itemSkuView = new Map();
	const skuView = (s) => {
		let v = itemSkuView.get(s.rec.id);
		if (!v) {
			v = { id: s.rec.id, code: s.rec.code, displayName: s.rec.displayName, description: s.rec.description, cost: fmtCents(s.costCents), hours: s.rec.hours };
			itemSkuView.set(s.rec.id, v);
		}
		return v;
	};

	// --- Vendors -------------------------------------------------------------------------------------
	const vendorMeta = [];
	for (let i = 0; i < o.vendors; i++) {
		const base = C.VENDORS[i % C.VENDORS.length];
		const name = i < C.VENDORS.length ? base.name : `${base.name} #${Math.floor(i / C.VENDORS.length) + 1}`;
		const v = makeVendor({
			id: ID_BASE.vendor + i,
			name,
			taxRate: base.ppm / 1000000,
			address: { street: `${int(100, 9999)} ${pick(C.STREETS)}`, unit: '', city: 'Austin', state: 'TX', zip: `787${int(10, 99)}`, country: 'USA' },
			contactInfo: { firstName: pick(C.FIRST_NAMES), lastName: pick(C.LAST_NAMES), phone: `512555${int(1000, 9999)}`, email: `ar@${base.prefix.toLowerCase()}.example.com`, fax: '' },
			createdOn: refIso,
			modifiedOn: refModIso,
		});
		state.vendors.push(v);
		vendorMeta.push({ v, ref: namedRef(v), ppm: base.ppm, prefix: base.prefix, trade: base.trade });
	}

	// --- Customers + locations -------------------------------------------------------------------------
	const custMeta = [];
	let locId = ID_BASE.location;
	let companyIdx = 0;
	for (let i = 0; i < o.customers; i++) {
		const commercial = chance(0.3);
		let name;
		if (commercial) {
			const base = C.COMPANY_NAMES[companyIdx % C.COMPANY_NAMES.length];
			name = companyIdx < C.COMPANY_NAMES.length ? base : `${base} ${Math.floor(companyIdx / C.COMPANY_NAMES.length) + 1}`;
			companyIdx++;
		} else {
			name = `${pick(C.FIRST_NAMES)} ${pick(C.LAST_NAMES)}`;
		}
		const zm = weighted(zoneWeights);
		const createdMs = startMs - int(2, 365) * DAY_MS + int(8, 17) * HOUR_MS + int(0, 59) * MIN_MS + int(0, 59999);
		const createdOn = iso(createdMs);
		const modifiedOn = iso(createdMs + int(0, 20) * DAY_MS < startMs ? createdMs + int(0, 20) * DAY_MS : createdMs);
		const mkAddr = () => ({
			street: `${int(100, 9999)} ${pick(C.STREETS)}`,
			unit: chance(0.15) ? `Suite ${int(100, 400)}` : null,
			city: zm.city[0],
			state: zm.city[1],
			zip: `${zm.city[2]}${int(10, 99)}`,
			country: 'USA',
			latitude: null,
			longitude: null,
		});
		const billTo = mkAddr();
		const cust = makeCustomer({ id: ID_BASE.customer + i, name, type: commercial ? 'Commercial' : 'Residential', address: billTo, createdOn, modifiedOn });
		state.customers.push(cust);
		const nLoc = commercial ? int(1, 3) : chance(0.2) ? 2 : 1;
		const locs = [];
		for (let k = 0; k < nLoc; k++) {
			const addr = k === 0 ? billTo : mkAddr();
			const loc = makeLocation({
				id: locId++,
				customerId: cust.id,
				name: k === 0 ? (commercial ? `${name} - Main` : `${name} - Home`) : `${name} - Site ${k + 1}`,
				address: addr,
				taxZoneId: zm.zone.id,
				createdOn,
				modifiedOn,
			});
			state.locations.push(loc);
			locs.push({ loc, ref: namedRef(loc), addr: acctAddress(loc.address), zoneId: zm.zone.id });
		}
		custMeta.push({ cust, ref: namedRef(cust), addr: acctAddress(cust.address), commercial, locs, invoices: [] });
	}

	// --- Invoices + jobs ----------------------------------------------------------------------------------
	const N = o.invoices;
	const kinds = new Uint8Array(N); // 0 regular, 1 zero, 2 adjustment, 3 inactive
	const placeKind = (kind, count, from) => {
		let placed = 0;
		let guard = 0;
		while (placed < count && guard++ < count * 50 + 100) {
			const idx = int(from, N - 1);
			if (kinds[idx] === 0) {
				kinds[idx] = kind;
				placed++;
			}
		}
	};
	if (N >= 10) {
		placeKind(2, Math.max(1, Math.round(N * 0.04)), Math.ceil(N / 3));
		placeKind(1, Math.max(1, Math.round(N * 0.03)), 0);
		placeKind(3, Math.max(1, Math.round(N * 0.02)), 0);
	}
	// adjustments need an earlier regular invoice: make sure index 0 is regular
	if (N > 0 && kinds[0] === 2) kinds[0] = 0;

	const accounts = R.itemAccountRefs(state);
	const batches = new Map();
	const batchFor = (ms, base, numberBase, label) => {
		const w = Math.floor((ms - startMs) / (7 * DAY_MS));
		const key = `${base}:${w}`;
		let b = batches.get(key);
		if (!b) {
			b = { id: base + w, number: String(numberBase + w), name: `${label} ${dayIso(startMs + w * 7 * DAY_MS).slice(0, 10)}` };
			batches.set(key, b);
		}
		return b;
	};
	const technicianRefs = C.TECHNICIANS.map((t) => ({ id: t.id, name: t.name, modifiedOn: refModIso }));
	const invMeta = []; // per invoice: {inv, totalCents, balanceCents, modMs, cm, eligible}
	const regularSoFar = []; // indexes into invMeta of regular active non-zero invoices
	const jobsByBu = new Map();
	let itemId = ID_BASE.invoiceItem;
	let jobId = ID_BASE.job;

	for (let i = 0; i < N; i++) {
		const kind = kinds[i] === 2 && regularSoFar.length === 0 ? 0 : kinds[i];
		const invoiceMs = startMs + Math.floor(((i + T.rnd()) * spanMs) / N);
		const createdMs = Math.floor(invoiceMs / DAY_MS) * DAY_MS + int(13, 23) * HOUR_MS + int(0, 59) * MIN_MS + int(0, 59999);
		const createdOn = iso(Math.max(createdMs, invoiceMs));
		const modMs = Date.parse(createdOn) + int(0, 180) * MIN_MS + int(0, 999);
		const invoiceDate = dayIso(invoiceMs);
		const pending = chance(0.08);
		const id = ID_BASE.invoice + i;
		let cm;
		let lm;
		let bm;
		let items;
		let job;
		let adjustmentToId = null;
		let tech = pick(technicianRefs);
		let referenceNumber;

		if (kind === 2) {
			const orig = invMeta[pick(regularSoFar)];
			const oi = orig.inv;
			cm = orig.cm;
			lm = orig.lm;
			bm = orig.bm;
			job = oi.job;
			tech = oi.employeeInfo;
			adjustmentToId = oi.id;
			referenceNumber = `${oi.referenceNumber}.1`;
			const src = oi.items[0];
			const qtyH = -Math.max(1, Math.min(100, R.toQtyHundredths(src.quantity)));
			const priceCents = toCents(src.price);
			items = [
				R.buildInvoiceItem({
					id: itemId++,
					order: 1,
					type: src.type,
					sku: { id: src.skuId, code: src.skuName, displayName: src.displayName, description: `Credit: ${src.description}`, cost: src.cost, hours: src.soldHours },
					qtyH,
					priceCents,
					taxable: src.taxable,
					createdOn,
					businessUnit: bm.ref,
					accounts,
					technicianId: tech.id,
					serviceDate: invoiceDate,
				}),
			];
		} else {
			cm = pick(custMeta);
			lm = pick(cm.locs);
			bm = pick(buMeta);
			const jt = pick(C.JOB_TYPES[bm.trade] || C.JOB_TYPES.HVAC);
			job = { id: jobId, number: String(jobId), type: jt.name };
			referenceNumber = String(jobId);
			items = [];
			if (kind === 1) {
				items.push(
					R.buildInvoiceItem({
						id: itemId++,
						order: 1,
						type: 'Service',
						sku: warrantySku,
						qtyH: 100,
						priceCents: 0,
						taxable: false,
						createdOn,
						businessUnit: bm.ref,
						accounts,
						technicianId: tech.id,
						serviceDate: invoiceDate,
					}),
				);
			} else {
				const nItems = weighted([
					[1, 30],
					[2, 30],
					[3, 20],
					[4, 12],
					[5, 8],
				]);
				for (let k = 0; k < nItems; k++) {
					const type =
						k === 0
							? 'Service'
							: bm.install
								? weighted([
										['Service', 30],
										['Material', 35],
										['Equipment', 35],
									])
								: weighted([
										['Service', 45],
										['Material', 50],
										['Equipment', 5],
									]);
					const s = pick(skuByTrade[type][bm.trade] || skuByTrade[type].HVAC);
					let qtyH;
					if (type === 'Service') qtyH = s.hourly ? pick([100, 150, 200, 225, 250, 375]) : 100;
					else if (type === 'Equipment') qtyH = 100;
					else qtyH = s.rec.unitOfMeasure === 'Foot' ? int(10, 120) * 100 : int(1, 6) * 100;
					const priceCents = chance(0.2) ? Math.max(1, s.priceCents + divRound(s.priceCents * int(-15, 15), 100) + int(-99, 99)) : s.priceCents;
					items.push(
						R.buildInvoiceItem({
							id: itemId++,
							order: k + 1,
							type,
							sku: skuView(s),
							qtyH,
							priceCents,
							taxable: type !== 'Service',
							createdOn,
							businessUnit: bm.ref,
							accounts,
							technicianId: tech.id,
							serviceDate: invoiceDate,
						}),
					);
				}
			}
		}

		const taxCode = salesTaxCodeByZone.get(lm.zoneId);
		const tot = R.invoiceTotalsCents(items, taxCode.taxRate);
		const inv = {
			id,
			syncStatus: pending ? 'Pending' : 'Posted',
			summary: kind === 2 ? 'Adjustment: partial credit' : `${job.type} at ${lm.loc.name}`,
			referenceNumber,
			invoiceDate,
			dueDate: cm.commercial ? dayIso(invoiceMs + 30 * DAY_MS) : invoiceDate,
			subTotal: fmtCents(tot.subTotal),
			salesTax: fmtCents(tot.salesTax),
			salesTaxCode: taxCode,
			total: fmtCents(tot.total),
			balance: fmtCents(tot.total),
			invoiceType: null,
			customer: cm.ref,
			customerAddress: cm.addr,
			location: lm.ref,
			locationAddress: lm.addr,
			businessUnit: bm.ref,
			termName: cm.commercial ? 'Net 30' : 'Due Upon Receipt',
			createdBy: pick(C.USERS),
			batch: pending ? null : batchFor(invoiceMs, ID_BASE.batch, 212, 'AR week of'),
			depositedOn: null,
			createdOn,
			modifiedOn: iso(modMs),
			adjustmentToId,
			job,
			projectId: null,
			royalty: null,
			employeeInfo: tech,
			commissionEligibilityDate: null,
			sentStatus: pending ? 'NotSent' : 'Sent',
			reviewStatus: pending ? 'NeedsReview' : 'Reviewed',
			assignedTo: null,
			items,
			customFields: [],
			active: kind !== 3,
			discountTotal: '0.00',
			importId: null,
			exportId: null,
			materialSkuId: null,
			membershipId: null,
			paidOn: null,
			invoiceConfiguration: 'JobInvoice',
			taxZoneId: lm.zoneId,
			budgetCodeId: null,
		};
		state.invoices.push(inv);
		const meta = { inv, totalCents: tot.total, balanceCents: tot.total, modMs, cm, lm, bm, invoiceMs };
		invMeta.push(meta);
		if (kind !== 2) {
			const jobRec = makeJob({
				id: jobId,
				customerId: cm.cust.id,
				locationId: lm.loc.id,
				jobStatus: kind === 3 ? 'Canceled' : 'Completed',
				completedOn: kind === 3 ? null : iso(Date.parse(createdOn) - HOUR_MS),
				businessUnitId: bm.bu.id,
				jobTypeId: (C.JOB_TYPES[bm.trade] || C.JOB_TYPES.HVAC).find((j) => j.name === job.type).id,
				summary: inv.summary,
				noCharge: tot.total === 0,
				createdOn: iso(Date.parse(createdOn) - 4 * HOUR_MS),
				modifiedOn: createdOn,
				soldById: tech.id,
				invoiceId: id,
				total: centsToNumber(tot.total),
				active: true,
			});
			state.jobs.push(jobRec);
			let list = jobsByBu.get(bm.bu.id);
			if (!list) jobsByBu.set(bm.bu.id, (list = []));
			list.push(jobRec);
			jobId++;
		}
		if (kind === 0) {
			regularSoFar.push(invMeta.length - 1);
			cm.invoices.push(meta);
		}
	}

	// --- Payments -------------------------------------------------------------------------------------------
	const paymentSpecs = [];
	for (const cm of custMeta) {
		const list = cm.invoices; // chronological, regular + active + total > 0
		for (let k = 0; k < list.length; k++) {
			const r = T.rnd();
			if (r < 0.12) continue; // unpaid
			let group;
			let amounts;
			if (r < 0.25) {
				const m = list[k];
				let part = divRound(m.totalCents * int(30, 70), 100);
				if (part <= 0 || part >= m.totalCents) part = Math.max(1, m.totalCents - 1);
				group = [m];
				amounts = [part];
			} else if (r < 0.37 && k + 1 < list.length) {
				const n = Math.min(list.length - k, int(2, 3));
				group = list.slice(k, k + n);
				amounts = group.map((m) => m.totalCents);
				k += n - 1;
			} else {
				group = [list[k]];
				amounts = [list[k].totalCents];
			}
			const lastInvMs = Math.max(...group.map((m) => Date.parse(m.inv.createdOn)));
			const paidMs = lastInvMs + int(0, 10) * DAY_MS + int(0, 8) * HOUR_MS + int(0, 59) * MIN_MS + int(0, 59999);
			paymentSpecs.push({ cm, group, amounts, paidMs, unapplied: chance(0.1) ? int(500, 5000) : 0 });
		}
	}
	paymentSpecs.sort((a, b) => a.paidMs - b.paidMs);
	const undeposited = glRef(R.glByNumber(state, '1200'));
	let appliedId = ID_BASE.applied;
	paymentSpecs.forEach((ps, idx) => {
		const id = ID_BASE.payment + idx;
		const pt = ps.cm.commercial
			? weighted([
					[C.PAYMENT_TYPES[2], 50],
					[C.PAYMENT_TYPES[3], 35],
					[C.PAYMENT_TYPES[1], 15],
				])
			: weighted([
					[C.PAYMENT_TYPES[1], 50],
					[C.PAYMENT_TYPES[2], 25],
					[C.PAYMENT_TYPES[0], 10],
					[C.PAYMENT_TYPES[3], 15],
				]);
		const createdOn = iso(ps.paidMs);
		const modMs = ps.paidMs + int(0, 30) * MIN_MS;
		const date = dayIso(ps.paidMs);
		const user = pick(C.USERS);
		const checkNumber = pt.name === 'Check' ? String(int(1000, 9999)) : null;
		const authCode = pt.name === 'Credit Card' ? String(int(100000, 999999)) : null;
		let appliedSum = 0;
		const appliedTo = ps.group.map((m, j) => {
			appliedSum += ps.amounts[j];
			m.balanceCents -= ps.amounts[j];
			if (modMs > m.modMs) m.modMs = modMs;
			if (m.balanceCents === 0) m.paidOn = date;
			return {
				appliedId: appliedId++,
				appliedTo: m.inv.id,
				appliedAmount: fmtCents(ps.amounts[j]),
				appliedOn: createdOn,
				appliedBy: user,
				appliedToReferenceNumber: m.inv.referenceNumber,
			};
		});
		const first = ps.group[0];
		const pending = chance(0.08);
		state.payments.push({
			id,
			active: true,
			syncStatus: pending ? 'Pending' : 'Posted',
			referenceNumber: checkNumber ? `CHK ${checkNumber}` : authCode ? `CC ${authCode}` : pt.name === 'ACH' ? `ACH-${int(100000, 999999)}` : null,
			date,
			type: pt.name,
			typeId: String(pt.id),
			total: fmtCents(appliedSum + ps.unapplied),
			unappliedAmount: fmtCents(ps.unapplied),
			memo: ps.unapplied ? 'Overpayment held as credit' : null,
			customer: ps.cm.ref,
			businessUnit: first.bm.ref,
			batch: pending ? null : batchFor(ps.paidMs, ID_BASE.batch, 212, 'AR week of'),
			deposit: null,
			generalLedgerAccount: undeposited,
			appliedTo,
			customFields: [],
			authCode,
			checkNumber,
			refundedPaymentId: null,
			createdBy: user,
			createdOn,
			modifiedOn: iso(modMs),
		});
	});
	for (const m of invMeta) {
		if (m.balanceCents !== m.totalCents) {
			m.inv.balance = fmtCents(m.balanceCents);
			m.inv.modifiedOn = iso(m.modMs);
			if (m.paidOn) m.inv.paidOn = m.paidOn;
		}
	}

	// --- Purchase orders + inventory bills ------------------------------------------------------------------
	const P = o.purchaseOrders;
	const invAssetRef = glRef(R.glByNumber(state, '1400'));
	const cogsRef = glRef(R.glByNumber(state, '5000'));
	const billSpecs = [];
	const vendorsByTrade = new Map();
	for (const vm of vendorMeta) {
		if (!vendorsByTrade.has(vm.trade)) vendorsByTrade.set(vm.trade, []);
		vendorsByTrade.get(vm.trade).push(vm);
	}
	let poItemId = ID_BASE.purchaseOrderItem;
	let receiptItemId = ID_BASE.receiptItem;
	for (let k = 0; k < P; k++) {
		const poMs = startMs + Math.floor(((k + T.rnd()) * spanMs) / Math.max(P, 1));
		const createdOn = iso(poMs);
		const bm = pick(buMeta);
		const sameTrade = vendorsByTrade.get(bm.trade) || [];
		const vm = sameTrade.length && chance(0.7) ? pick(sameTrade) : pick(vendorMeta);
		const jobsHere = jobsByBu.get(bm.bu.id) || [];
		const job = jobsHere.length && chance(0.6) ? pick(jobsHere) : null;
		const status = weighted([
			['Received', 65],
			['PartiallyReceived', 10],
			['Sent', 15],
			['Pending', 10],
		]);
		const nItems = int(1, 4);
		const lines = [];
		for (let j = 0; j < nItems; j++) {
			const useEquip = bm.install && chance(0.3);
			const s = pick((useEquip ? skuByTrade.Equipment : skuByTrade.Material)[bm.trade] || skuByTrade.Material.HVAC);
			const qty = s.skuType === 'Equipment' ? int(1, 2) : s.rec.unitOfMeasure === 'Foot' ? int(50, 500) : int(1, 20);
			const received = status === 'Received' ? qty : status === 'PartiallyReceived' ? (j === 0 ? Math.max(1, Math.floor(qty / 2)) : Math.floor(qty / 2)) : 0;
			lines.push({ s, qty, received, costCents: s.costCents });
		}
		const itemsCents = lines.reduce((a, l) => a + l.qty * l.costCents, 0);
		const taxC = taxCents(itemsCents, vm.ppm);
		const shipC = pick([0, 0, 0, 1500, 2500, 4500]);
		const sentMs = status === 'Pending' ? null : poMs + int(1, 6) * HOUR_MS;
		const receivedMs = status === 'Received' || status === 'PartiallyReceived' ? poMs + int(2, 7) * DAY_MS + int(0, 8) * HOUR_MS : null;
		const modMs = receivedMs || sentMs || poMs + int(1, 50) * MIN_MS;
		const poId = ID_BASE.purchaseOrder + k;
		const po = {
			id: poId,
			number: `PO-${poId}`,
			invoiceId: job ? job.invoiceId : null,
			jobId: job ? job.id : null,
			projectId: null,
			status,
			typeId: 1,
			vendorId: vm.v.id,
			technicianId: null,
			shipTo: bm.shipTo,
			businessUnitId: bm.bu.id,
			inventoryLocationId: 1,
			batchId: null,
			budgetCodeId: null,
			vendorDocumentNumber: '',
			date: dayIso(poMs),
			requiredOn: dayIso(poMs + 5 * DAY_MS),
			sentOn: sentMs == null ? null : iso(sentMs),
			receivedOn: receivedMs == null ? null : iso(receivedMs),
			createdOn,
			modifiedOn: iso(modMs),
			total: centsToNumber(itemsCents + taxC + shipC),
			tax: centsToNumber(taxC),
			shipping: centsToNumber(shipC),
			createdById: 1,
			summary: job ? `Parts for job ${job.jobNumber}` : 'Warehouse restock',
			items: lines.map((l) => ({
				id: poItemId++,
				skuId: l.s.rec.id,
				description: l.s.rec.description,
				createdOn,
				modifiedOn: iso(modMs),
				skuName: l.s.rec.displayName,
				skuCode: l.s.rec.code,
				skuType: l.s.skuType,
				vendorPartNumber: `${vm.prefix}-${l.s.rec.code}`,
				quantity: l.qty,
				quantityReceived: l.received,
				cost: centsToNumber(l.costCents),
				total: centsToNumber(l.qty * l.costCents),
				serialNumbers: [],
				status: l.received >= l.qty ? 'Received' : l.received > 0 ? 'PartiallyReceived' : status === 'Pending' ? 'Pending' : 'Sent',
				chargeable: !!job,
				budgetCodeId: null,
			})),
			customFields: [],
		};
		state.purchaseOrders.push(po);
		if (receivedMs != null) {
			const billLines = lines
				.filter((l) => l.received > 0)
				.map((l) => ({ sku: { id: l.s.rec.id, code: l.s.rec.code, displayName: l.s.rec.displayName, description: l.s.rec.description, skuType: l.s.skuType }, qty: l.received, costCents: l.costCents, receiptItemId: receiptItemId++ }));
			const billMs = receivedMs + int(0, 3) * DAY_MS + int(0, 8) * HOUR_MS + int(0, 59999);
			billSpecs.push({ po, vm, bm, job, billLines, billMs, shipC, pending: chance(0.15) });
		}
	}
	billSpecs.sort((a, b) => a.billMs - b.billMs);
	let billItemId = ID_BASE.inventoryBillItem;
	billSpecs.forEach((bs, idx) => {
		const id = ID_BASE.inventoryBill + idx;
		const money = R.buildBillMoney({ lines: bs.billLines, firstItemId: billItemId, taxPpm: bs.vm.ppm, shippingCents: bs.shipC, accounts: { inventory: invAssetRef, cos: cogsRef } });
		billItemId += bs.billLines.length;
		const billDate = dayIso(bs.billMs);
		const createdOn = iso(bs.billMs);
		state.inventoryBills.push({
			id,
			purchaseOrderId: bs.po.id,
			syncStatus: bs.pending ? 'Pending' : 'Posted',
			referenceNumber: String(id),
			vendorNumber: `${bs.vm.prefix}-${int(10000, 99999)}`,
			summary: bs.po.summary,
			billDate,
			billAmount: fmtCents(money.billCents),
			taxAmount: fmtCents(money.taxCents),
			shippingAmount: fmtCents(money.shippingCents),
			landedCostMethod: 'None',
			otherAmount: '0.00',
			createdBy: pick(C.USERS),
			createdOn,
			modifiedOn: iso(bs.billMs + int(0, 90) * MIN_MS),
			termName: 'Net 30',
			dueDate: dayIso(bs.billMs + 30 * DAY_MS),
			shipToDescription: bs.bm.bu.name,
			postDate: bs.pending ? null : billDate,
			batch: bs.pending ? null : batchFor(bs.billMs, ID_BASE.apBatch, 512, 'AP week of'),
			businessUnit: bs.bm.ref,
			taxZone: null,
			vendor: bs.vm.ref,
			shipTo: bs.po.shipTo,
			budgetCodeId: null,
			items: money.items,
			customFields: [],
			jobId: bs.job ? bs.job.id : null,
			jobNumber: bs.job ? bs.job.jobNumber : null,
			dateReconciled: null,
			active: true,
		});
	});

	// --- Customer balances ------------------------------------------------------------------------------------
	const balByCust = new Map();
	for (const m of invMeta) {
		if (!m.inv.active) continue;
		const cid = m.inv.customer.id;
		balByCust.set(cid, (balByCust.get(cid) || 0) + m.balanceCents);
	}
	for (const c of state.customers) c.balance = centsToNumber(balByCust.get(c.id) || 0);

	state.counters = {
		invoiceItem: itemId,
		applied: appliedId,
		contact: ID_BASE.contact,
		purchaseOrderItem: poItemId,
		inventoryBillItem: billItemId,
		receiptItem: receiptItemId,
	};
	return state;
}

module.exports = {
	generateSeed,
	normalizeSeedOptions,
	mulberry32,
	rngTools,
	ID_BASE,
	DEFAULT_SEED,
	makeGlAccount,
	makeTaxZone,
	makeBusinessUnit,
	makeVendor,
	makeCustomer,
	makeLocation,
	makeService,
	makeMaterial,
	makeJob,
	crmAddress,
};
