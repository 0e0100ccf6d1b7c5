'use strict';
/**
 * ServiceTitan V2 API simulator — a real HTTP server on 127.0.0.1 for jest tests, the real-n8n
 * end-to-end harness, the `npm start` sandbox and benchmarks. Plain CommonJS, Node >= 20, no
 * dependencies. Facts: ../shared/reference/servicetitan.md (beside the repository) (shapes, envelopes, errors).
 * Overview and the choices made where the fact sheet is silent: README.md beside this file.
 *
 *   const { startServiceTitanSimulator } = require('./test/simulators/servicetitan');
 *   const sim = await startServiceTitanSimulator({ port: 0 });
 *   // token: POST ${sim.url}/connect/token ; API: ${sim.url}/accounting/v2/tenant/${sim.tenantId}/invoices
 *   await sim.close();
 *
 * All state lives on the instance; several simulators can run at once.
 */

const http = require('node:http');
const crypto = require('node:crypto');

const H = require('./http');
const { buildRoutes, matchRoute } = require('./routes');
const { generateSeed, ID_BASE } = require('./seed');
const O = require('./ops');
const S = require('./seed');
const R = require('./records');
const { sendWebhook, signWebhookBody, collectionForEvent } = require('./webhooks');
const { htmlPage, echoLines } = require('../shared/fault-pages');

const API_PATH = /^\/([A-Za-z-]+)\/v2\/tenant\/([^/]+)(\/.*)?$/;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_SIGNING_KEY = 'sim-webhook-hmac-key-0123456789abcdef0123';
const SCOPES = [
	'tn.acc.invoices:r',
	'tn.acc.invoices:w',
	'tn.acc.payments:r',
	'tn.acc.payments:w',
	'tn.acc.inventorybills:r',
	'tn.acc.inventorybills:w',
	'tn.acc.glaccounts:r',
	'tn.acc.glaccounts:w',
	'tn.acc.taxzones:r',
	'tn.acc.paymenttypes:r',
	'tn.crm.customers:r',
	'tn.crm.customers:w',
	'tn.crm.locations:r',
	'tn.inv.vendors:r',
	'tn.inv.purchaseorders:r',
	'tn.stt.businessunits:r',
	'tn.pb.services:r',
	'tn.pb.services:w',
	'tn.pb.materials:r',
	'tn.pb.materials:w',
	'tn.jpm.jobs:r',
].join(' ');

/** Collection aliases accepted by helpers such as touch()/getRecord(). */
const COLLECTION_ALIASES = {
	invoice: 'invoices',
	payment: 'payments',
	bill: 'inventoryBills',
	inventorybill: 'inventoryBills',
	'inventory-bills': 'inventoryBills',
	inventorybills: 'inventoryBills',
	customer: 'customers',
	location: 'locations',
	vendor: 'vendors',
	purchaseorder: 'purchaseOrders',
	'purchase-orders': 'purchaseOrders',
	purchaseorders: 'purchaseOrders',
	businessunit: 'businessUnits',
	'business-units': 'businessUnits',
	businessunits: 'businessUnits',
	job: 'jobs',
	service: 'services',
	material: 'materials',
	glaccount: 'glAccounts',
	'gl-accounts': 'glAccounts',
	glaccounts: 'glAccounts',
	taxzone: 'taxZones',
	'tax-zones': 'taxZones',
	taxzones: 'taxZones',
};

function newStats() {
	return { tokensIssued: 0, requests: 0, rateLimited: 0, faultsInjected: 0, webhooksSent: 0, byRoute: {}, byStatus: {} };
}

/**
 * @param {any} options
 */
function normalizeOptions(options) {
	const o = Object.assign(
		{
			port: 0,
			tenantId: '1000001',
			clientId: 'cid-sim',
			clientSecret: 'secret-sim',
			appKey: 'ak1.sim-app-key',
			tokenLifetimeSeconds: 900,
			rateLimitPerSecond: 60,
			webhookSigningKey: DEFAULT_SIGNING_KEY,
			seed: {},
			state: undefined,
			exportPageSize: 100,
			inventoryBillsListShape: 'array',
			recordRequests: false,
			now: undefined,
		},
		options || {},
	);
	o.tenantId = String(o.tenantId);
	if (!/^\d+$/.test(o.tenantId)) throw new Error(`startServiceTitanSimulator: tenantId must be a string of digits (got ${o.tenantId})`);
	if (typeof o.webhookSigningKey !== 'string' || o.webhookSigningKey.length < 32 || o.webhookSigningKey.length > 64) {
		throw new Error('startServiceTitanSimulator: webhookSigningKey must be 32..64 characters (ServiceTitan HMAC key rule)');
	}
	if (!Number.isInteger(o.exportPageSize) || o.exportPageSize < 1) throw new Error('startServiceTitanSimulator: exportPageSize must be a positive integer');
	if (!['array', 'envelope'].includes(o.inventoryBillsListShape)) throw new Error("inventoryBillsListShape must be 'array' or 'envelope'");
	return o;
}

/** Fill any missing collections so hand-made states work. */
function completeState(state, tenantId) {
	const st = state;
	for (const k of ['businessUnits', 'glAccounts', 'taxZones', 'paymentTypes', 'services', 'materials', 'equipment', 'vendors', 'customers', 'locations', 'jobs', 'invoices', 'payments', 'purchaseOrders', 'inventoryBills', 'technicians', 'exportLog']) {
		if (!Array.isArray(st[k])) st[k] = [];
	}
	if (!st.counters || typeof st.counters !== 'object') st.counters = {};
	if (!st.meta) st.meta = {};
	st.tenantId = tenantId;
	return st;
}

class ServiceTitanSimulator {
	/** @param {any} options see index.d.ts SimulatorOptions */
	constructor(options) {
		this.options = normalizeOptions(options);
		this.tenantId = this.options.tenantId;
		/** @type {any} */
		this.state = completeState(this.options.state || (this.options.seed === false ? {} : generateSeed(Object.assign({ tenantId: this.tenantId }, this.options.seed || {}))), this.tenantId);
		this.stats = newStats();
		this.indexes = new H.Indexes();
		/** @type {Map<string, {expiresAt:number, clientId:string}>} */
		this.tokens = new Map();
		/** @type {Map<string, number[]>} */
		this.rateWindows = new Map();
		/** @type {any[] & {clear: () => void}} */
		const faults = [];
		Object.defineProperty(faults, 'clear', { value: () => void (faults.length = 0), enumerable: false });
		this.faults = /** @type {any} */ (faults);
		/** @type {any[]} */
		this.requestLog = [];
		/** @type {any[]} */
		this.webhookLog = [];
		this.routes = buildRoutes();
		this.closed = false;
		this.url = '';
		this.port = 0;
		/** @type {Set<NodeJS.Timeout>} */
		this._timers = new Set();
		/** @type {Set<() => void>} */
		this._sleepers = new Set();
		this._lastTs = this._maxTimestamp();
		this.server = http.createServer((req, res) => {
			this._handle(req, res).catch((err) => {
				try {
					if (!res.headersSent) this._send(res, 500, H.problem(500, String((err && err.message) || err)));
					else res.destroy();
				} catch {
					/* socket already gone */
				}
			});
		});
		this.server.keepAliveTimeout = 5000;
	}

	/** Start listening on 127.0.0.1 (only). */
	async start() {
		await new Promise((resolve, reject) => {
			const onError = (e) => reject(e);
			this.server.once('error', onError);
			this.server.listen(this.options.port, '127.0.0.1', () => {
				this.server.off('error', onError);
				resolve(undefined);
			});
		});
		const addr = /** @type {import('node:net').AddressInfo} */ (this.server.address());
		this.port = addr.port;
		this.url = `http://127.0.0.1:${addr.port}`;
		return this;
	}

	/** Stop the server, drop keep-alive / hanging connections, cancel timers. */
	async close() {
		if (this.closed) return;
		this.closed = true;
		for (const t of this._timers) clearTimeout(t);
		this._timers.clear();
		for (const wake of this._sleepers) wake();
		this._sleepers.clear();
		await new Promise((resolve) => {
			this.server.close(() => resolve(undefined));
			if (typeof this.server.closeAllConnections === 'function') this.server.closeAllConnections();
		});
	}

	// ------------------------------------------------------------------------------------------
	// clock
	// ------------------------------------------------------------------------------------------

	_maxTimestamp() {
		let max = 0;
		for (const [k, arr] of Object.entries(this.state)) {
			if (!Array.isArray(arr) || k === 'exportLog') continue;
			for (const r of arr) {
				if (!r || typeof r !== 'object') continue;
				const t = H.ms(r.modifiedOn);
				if (t > max) max = t;
				const c = H.ms(r.createdOn);
				if (c > max) max = c;
			}
		}
		return max;
	}

	/**
	 * Monotonic clock (epoch ms): max(real now, last issued + 1 ms, newest seeded timestamp + 1 ms).
	 * Every change made through the API or helpers gets a modifiedOn strictly after all existing
	 * ones, so export feeds resumed from their end always see it.
	 */
	nowMs() {
		const real = typeof this.options.now === 'function' ? Number(this.options.now()) : Date.now();
		const t = Math.max(real, this._lastTs + 1);
		this._lastTs = t;
		return t;
	}

	/** nowMs() as ISO-8601 UTC with Z. */
	nowIso() {
		return R.iso(this.nowMs());
	}

	// ------------------------------------------------------------------------------------------
	// test controls
	// ------------------------------------------------------------------------------------------

	resetStats() {
		const fresh = newStats();
		for (const k of Object.keys(fresh)) this.stats[k] = fresh[k];
		this.requestLog.length = 0;
	}

	/** Every issued token becomes expired: the next API call with it gets 401. */
	expireTokens() {
		for (const t of this.tokens.values()) t.expiresAt = 0;
	}

	/** Forget issued tokens entirely (unknown token → 401). */
	revokeTokens() {
		this.tokens.clear();
	}

	/** Clear the rate-limit windows. */
	resetRateLimit() {
		this.rateWindows.clear();
	}

	/** Resolve a collection name or alias ('invoice', 'inventory-bills', 'inventoryBills'...). */
	collection(name) {
		if (Array.isArray(this.state[name])) return name;
		const alias = COLLECTION_ALIASES[String(name).toLowerCase()];
		if (alias) return alias;
		throw new Error(`Unknown collection '${name}'`);
	}

	/** Record by collection + id (undefined when missing). */
	getRecord(collection, id) {
		return this.indexes.findById(this.state[this.collection(collection)], Number(id));
	}

	/** Bump a record's modifiedOn (it reappears on the export feed). Returns the record. */
	touch(collection, id) {
		const r = this.getRecord(collection, id);
		if (!r) throw new Error(`touch: ${collection} ${id} not found`);
		r.modifiedOn = this.nowIso();
		return r;
	}

	// ------------------------------------------------------------------------------------------
	// record helpers (consistent records; timestamps from the monotonic clock)
	// ------------------------------------------------------------------------------------------

	/** @param {any} [partial] */
	addInvoice(partial) {
		return helper(() => O.createInvoice(this, partial));
	}

	/** @param {any} [partial] */
	addPayment(partial) {
		return helper(() => O.createPayment(this, partial));
	}

	/** Returns the stored customer; its locations are in state.locations. @param {any} [partial] */
	addCustomer(partial) {
		return helper(() => {
			const p = Object.assign({}, partial || {});
			const { customer } = O.createCustomer(this, p, { lenient: true });
			return customer;
		});
	}

	/** @param {any} [partial] */
	addLocation(partial) {
		const p = Object.assign({}, partial || {});
		const cust = p.customerId != null ? this.getRecord('customers', p.customerId) : this.state.customers[0];
		if (!cust) throw new Error('addLocation: customer not found');
		const now = this.nowIso();
		const loc = S.makeLocation({
			id: O.nextId(this, 'locations', ID_BASE.location),
			customerId: cust.id,
			name: p.name || `${cust.name} - Site`,
			address: p.address || cust.address,
			taxZoneId: p.taxZoneId != null ? p.taxZoneId : this.state.taxZones[0] ? this.state.taxZones[0].id : null,
			createdOn: now,
			modifiedOn: now,
		});
		assignRest(loc, p, ['customerId', 'name', 'address', 'taxZoneId']);
		this.state.locations.push(loc);
		return loc;
	}

	/** @param {any} [partial] */
	addVendor(partial) {
		const p = Object.assign({}, partial || {});
		const now = this.nowIso();
		const v = S.makeVendor({ id: O.nextId(this, 'vendors', ID_BASE.vendor), name: p.name || `Sim Vendor ${this.state.vendors.length + 1}`, taxRate: p.defaultTaxRate, address: p.address, contactInfo: p.contactInfo, createdOn: now, modifiedOn: now });
		assignRest(v, p, ['name', 'defaultTaxRate', 'address', 'contactInfo']);
		this.state.vendors.push(v);
		return v;
	}

	/** @param {any} [partial] */
	addBusinessUnit(partial) {
		const p = Object.assign({}, partial || {});
		const now = this.nowIso();
		const bu = S.makeBusinessUnit({
			id: O.nextId(this, 'businessUnits', ID_BASE.businessUnit),
			name: p.name || `Business Unit ${this.state.businessUnits.length + 1}`,
			trade: p.trade,
			tenantId: this.tenantId,
			address: p.address || { street: '1200 Industrial Blvd', unit: null, city: 'Austin', state: 'TX', zip: '78745', country: 'USA' },
			createdOn: now,
			modifiedOn: now,
		});
		assignRest(bu, p, ['name', 'trade', 'address']);
		this.state.businessUnits.push(bu);
		return bu;
	}

	/** @param {any} [partial] */
	addService(partial) {
		const p = Object.assign({}, partial || {});
		const now = this.nowIso();
		const id = O.nextId(this, 'services', ID_BASE.service);
		const s = S.makeService(Object.assign({ code: `SVC-${id}`, description: 'Simulator service', price: 100 }, p, { id, createdOn: now, modifiedOn: now }));
		assignRest(s, p, Object.keys(s));
		this.state.services.push(s);
		return s;
	}

	/** @param {any} [partial] */
	addMaterial(partial) {
		const p = Object.assign({}, partial || {});
		const now = this.nowIso();
		const id = O.nextId(this, 'materials', ID_BASE.material);
		const m = S.makeMaterial(Object.assign({ code: `MAT-${id}`, description: 'Simulator material', cost: 10, price: 25 }, p, { id, createdOn: now, modifiedOn: now }));
		assignRest(m, p, Object.keys(m));
		this.state.materials.push(m);
		return m;
	}

	/** Creates a bill (and a received PO when purchaseOrderId is not given). @param {any} [partial] */
	addInventoryBill(partial) {
		return helper(() => O.createInventoryBill(this, partial));
	}

	/** Alias of addInventoryBill that returns the purchase order. @param {any} [partial] */
	addPurchaseOrder(partial) {
		const bill = this.addInventoryBill(partial);
		return this.getRecord('purchaseOrders', bill.purchaseOrderId);
	}

	// ------------------------------------------------------------------------------------------
	// webhooks
	// ------------------------------------------------------------------------------------------

	/**
	 * POST a signed webhook event to a loopback URL (format: webhooks.js / README.md).
	 * @param {string} targetUrl
	 * @param {{eventType:string, recordId?:number, data?:any}} event
	 * @param {any} [opts]
	 */
	sendWebhook(targetUrl, event, opts) {
		return sendWebhook(this, targetUrl, event, opts);
	}

	/** Signature helper: HMAC-SHA256 hex/base64 with the configured (or given) key. */
	signWebhook(rawBody, opts) {
		const o = opts || {};
		return `${o.prefix || ''}${signWebhookBody(rawBody, o.key || this.options.webhookSigningKey, o.encoding)}`;
	}

	/** Cancellable sleep used by webhook retries and delay faults (woken by close()). */
	_sleep(ms) {
		return new Promise((resolve) => {
			const wake = () => {
				clearTimeout(t);
				this._timers.delete(t);
				this._sleepers.delete(wake);
				resolve(undefined);
			};
			const t = setTimeout(wake, Math.max(0, ms));
			this._timers.add(t);
			this._sleepers.add(wake);
		});
	}

	// ------------------------------------------------------------------------------------------
	// HTTP
	// ------------------------------------------------------------------------------------------

	/** @param {http.ServerResponse} res @param {number} status @param {any} body @param {Record<string,string>} [headers] */
	_send(res, status, body, headers) {
		const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
		const h = Object.assign({}, headers || {});
		if (payload.length || body !== undefined) h['content-type'] = h['content-type'] || (status >= 400 && typeof body === 'object' ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8');
		h['content-length'] = String(Buffer.byteLength(payload));
		res.writeHead(status, h);
		res.end(payload);
		this.stats.byStatus[status] = (this.stats.byStatus[status] || 0) + 1;
	}

	_problem(res, status, title, errors, extraHeaders, data) {
		this._send(res, status, H.problem(status, title, errors, data), extraHeaders);
	}

	/** @param {http.IncomingMessage} req */
	_readBody(req) {
		return new Promise((resolve, reject) => {
			const chunks = [];
			let size = 0;
			req.on('data', (c) => {
				size += c.length;
				if (size > MAX_BODY_BYTES) {
					reject(new H.ApiError(413, 'Payload Too Large'));
					req.destroy();
					return;
				}
				chunks.push(c);
			});
			req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			req.on('error', reject);
		});
	}

	/** First fault matching this request (consumes one `times`). */
	_takeFault(info) {
		for (let i = 0; i < this.faults.length; i++) {
			const f = this.faults[i];
			if (!f || (f.times !== undefined && f.times <= 0)) continue;
			if (f.method && String(f.method).toUpperCase() !== info.method) continue;
			let hit;
			if (f.match === undefined || f.match === null) hit = !info.isToken; // default: API calls only
			else if (typeof f.match === 'string') hit = info.pathAndQuery.includes(f.match);
			else if (f.match instanceof RegExp) hit = f.match.test(info.pathAndQuery);
			else if (typeof f.match === 'function') hit = !!f.match(info);
			else hit = false;
			if (!hit) continue;
			const times = f.times === undefined ? 1 : f.times;
			f.times = times - 1;
			if (f.times <= 0) this.faults.splice(i, 1);
			return f;
		}
		return null;
	}

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 */
	async _handle(req, res) {
		this.stats.requests++;
		const method = (req.method || 'GET').toUpperCase();
		const u = new URL(req.url || '/', 'http://127.0.0.1');
		const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : u.pathname;
		const isToken = path.toLowerCase() === '/connect/token';
		const apiMatch = isToken ? null : API_PATH.exec(path);
		let matched = null;
		let routeKey = null;
		if (isToken) routeKey = `${method} /connect/token`;
		else if (apiMatch) {
			matched = matchRoute(this.routes, method, apiMatch[1].toLowerCase(), apiMatch[3] || '/');
			if (matched && matched.route) routeKey = matched.route.key;
		}
		if (routeKey) this.stats.byRoute[routeKey] = (this.stats.byRoute[routeKey] || 0) + 1;
		if (this.options.recordRequests) {
			this.requestLog.push({ method, path: u.pathname + u.search, route: routeKey, at: new Date().toISOString() });
			if (this.requestLog.length > 10000) this.requestLog.splice(0, this.requestLog.length - 10000);
		}
		if (typeof this.options.onRequest === 'function') {
			try {
				this.options.onRequest({ method, path: u.pathname, query: u.search, route: routeKey });
			} catch {
				/* observer errors are ignored */
			}
		}

		// ---- faults (before any normal handling) ----
		const info = { method, path: u.pathname, query: u.searchParams, pathAndQuery: u.pathname + u.search, url: req.url, route: routeKey, isToken, headers: req.headers };
		const fault = this.faults.length ? this._takeFault(info) : null;
		if (fault) {
			this.stats.faultsInjected++;
			const handled = await this._applyFault(fault, req, res, info);
			if (handled) return;
		}

		// ---- body ----
		let raw = '';
		try {
			raw = await this._readBody(req);
		} catch (err) {
			if (err instanceof H.ApiError) return this._problem(res, err.status, err.title);
			return;
		}

		if (isToken) return this._handleToken(req, res, method, raw);

		// ---- auth: token ----
		const auth = req.headers.authorization;
		const token = typeof auth === 'string' ? auth.replace(/^Bearer\s+/i, '').trim() : '';
		const tok = token ? this.tokens.get(token) : undefined;
		if (!tok || tok.expiresAt <= Date.now()) {
			const desc = !token ? 'No access token was provided.' : !tok ? 'The access token is invalid.' : 'The access token expired.';
			return this._problem(res, 401, 'Unauthorized', {}, { 'www-authenticate': `Bearer error="invalid_token", error_description="${desc}"` }, { reason: desc });
		}
		// ---- app key ----
		const appKey = req.headers['st-app-key'];
		if (appKey !== this.options.appKey) {
			return this._problem(res, 403, 'The application key is not valid for this tenant.', {}, undefined, { reason: appKey ? 'ST-App-Key does not match an application with access to this tenant.' : 'ST-App-Key header is missing.' });
		}
		// ---- path shape / tenant ----
		if (!apiMatch) return this._problem(res, 404, `No resource found at ${u.pathname}.`);
		// SIM CHOICE (servicetitan.md §9.3): a tenant in the path other than the configured one → 404.
		// The client's credentials are issued per tenant, so another tenant's resources simply do not
		// exist for it; 404 (not 401/403) keeps clients from refreshing tokens or retrying.
		if (apiMatch[2] !== this.tenantId) return this._problem(res, 404, `Tenant ${apiMatch[2]} was not found.`, {}, undefined, { tenant: apiMatch[2] });
		// ---- rate limit: sliding 1 s window per (app key, tenant) ----
		if (this.options.rateLimitPerSecond > 0) {
			const key = `${appKey}|${apiMatch[2]}`;
			const now = Date.now();
			let win = this.rateWindows.get(key);
			if (!win) this.rateWindows.set(key, (win = []));
			while (win.length && win[0] <= now - 1000) win.shift();
			if (win.length >= this.options.rateLimitPerSecond) {
				this.stats.rateLimited++;
				return this._problem(res, 429, 'Too Many Requests', {}, { 'retry-after': '1' }, { limit: this.options.rateLimitPerSecond, window: '1s' });
			}
			win.push(now);
		}
		// ---- route ----
		if (!matched) return this._problem(res, 404, `No resource found at ${u.pathname}.`);
		if (matched.methodMismatch) return this._problem(res, 405, 'Method Not Allowed', {}, { allow: matched.allowed.join(', ') });

		let body;
		if (raw.length) {
			try {
				body = JSON.parse(raw);
			} catch (e) {
				return this._problem(res, 400, undefined, { '$': [`The request body is not valid JSON: ${e.message}`] });
			}
		}
		const ctx = { sim: this, state: this.state, q: u.searchParams, params: matched.params, body, method, path: u.pathname };
		let result;
		try {
			result = matched.route.handler(ctx);
		} catch (err) {
			if (err instanceof H.ApiError) return this._problem(res, err.status, err.title, err.errors, err.headers, err.data);
			throw err;
		}
		if (result.empty) return this._send(res, result.status, undefined);
		return this._send(res, result.status, result.json);
	}

	/** @returns {Promise<boolean>} true when the fault produced the response */
	async _applyFault(f, req, res, info) {
		switch (f.kind) {
			case 'html': {
				const status = Number(f.status) || 502;
				this._send(res, status, htmlPage(status, f.title), { 'content-type': 'text/html; charset=utf-8' });
				return true;
			}
			case 'redirect': {
				const location = typeof f.location === 'function' ? f.location(info) : String(f.location);
				this._send(res, Number(f.status) || 302, '', { location, 'content-type': 'text/plain' });
				return true;
			}
			case 'echo': {
				// an error page that shows the request it failed on: headers (token, app key) and body (client secret)
				const raw = await this._readBody(req).catch(() => '');
				const status = Number(f.status) || 500;
				const lines = echoLines(info.method, info.pathAndQuery, req.headers, raw);
				if (f.format === 'problem') {
					const errors = { request: lines.slice(1).filter(Boolean) };
					this._send(res, status, H.problem(status, `The request could not be processed: ${lines.slice(1, 4).join('; ')}`, errors));
				} else {
					this._send(res, status, `Unhandled exception while processing the request.\n${lines.join('\n')}`, { 'content-type': 'text/plain; charset=utf-8' });
				}
				return true;
			}
			case 'delay':
				await this._sleep(Number(f.ms) || 0);
				return this.closed;
			case 'reset':
				req.socket.destroy();
				return true;
			case 'hang':
				// never answer; the socket is destroyed by close() (or the client's timeout)
				return true;
			case 'malformed': {
				const body = typeof f.body === 'string' ? f.body : '{"page":1,"pageSize":50,"hasMore":true,"totalCount":null,"data":[{"id":1,"active":tr';
				this._send(res, f.status || 200, body, { 'content-type': 'application/json; charset=utf-8' });
				return true;
			}
			case 'rateLimit': {
				this.stats.rateLimited++;
				const retryAfter = f.retryAfter === undefined ? '1' : f.retryAfter;
				const headers = retryAfter === null ? {} : { 'retry-after': String(retryAfter) };
				this._problem(res, 429, 'Too Many Requests', {}, headers);
				return true;
			}
			case 'status': {
				const status = Number(f.status) || 500;
				const headers = Object.assign({}, f.headers || {});
				if (f.retryAfter !== undefined && f.retryAfter !== null) headers['retry-after'] = String(f.retryAfter);
				if (status === 401) headers['www-authenticate'] = headers['www-authenticate'] || 'Bearer error="invalid_token"';
				if (status === 429) this.stats.rateLimited++;
				if (f.body !== undefined) this._send(res, status, f.body, headers);
				else this._problem(res, status, f.title, f.errors, headers);
				return true;
			}
			default:
				this._problem(res, 500, `Unknown simulator fault kind '${f.kind}'`);
				return true;
		}
	}

	/** POST /connect/token (client_credentials; form-encoded, HTTP Basic client auth also accepted). */
	_handleToken(req, res, method, raw) {
		const oauthError = (status, error, description) => this._send(res, status, { error, error_description: description }, { 'cache-control': 'no-store', pragma: 'no-cache' });
		if (method !== 'POST') return oauthError(405, 'invalid_request', 'The token endpoint only accepts POST.');
		const ct = String(req.headers['content-type'] || '').toLowerCase();
		let form;
		if (ct.includes('application/json')) {
			try {
				form = new URLSearchParams(Object.entries(JSON.parse(raw || '{}')).map(([k, v]) => [k, String(v)]));
			} catch {
				return oauthError(400, 'invalid_request', 'Malformed request body.');
			}
		} else form = new URLSearchParams(raw);
		let clientId = form.get('client_id');
		let clientSecret = form.get('client_secret');
		const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization || ''));
		if (basic) {
			const dec = Buffer.from(basic[1], 'base64').toString('utf8');
			const i = dec.indexOf(':');
			if (i >= 0) {
				clientId = decodeURIComponent(dec.slice(0, i));
				clientSecret = decodeURIComponent(dec.slice(i + 1));
			}
		}
		if (!clientId || clientId !== this.options.clientId || clientSecret !== this.options.clientSecret) {
			return oauthError(400, 'invalid_client', 'Client authentication failed: unknown client or wrong secret.');
		}
		const grant = form.get('grant_type');
		if (grant !== 'client_credentials') {
			return oauthError(400, grant ? 'unsupported_grant_type' : 'invalid_request', grant ? `The grant type '${grant}' is not supported.` : 'The grant_type parameter is missing.');
		}
		const token = crypto.randomBytes(32).toString('base64url');
		const lifetime = Number(this.options.tokenLifetimeSeconds);
		this.tokens.set(token, { expiresAt: Date.now() + lifetime * 1000, clientId });
		this.stats.tokensIssued++;
		return this._send(res, 200, { access_token: token, expires_in: lifetime, token_type: 'Bearer', scope: SCOPES }, { 'cache-control': 'no-store', pragma: 'no-cache' });
	}
}

/** Run a helper; turn ApiError into a plain Error (helpers are called from tests, not HTTP). */
function helper(fn) {
	try {
		return fn();
	} catch (err) {
		if (err instanceof H.ApiError) {
			const e = new Error(`${err.title}: ${JSON.stringify(err.errors)}`);
			/** @type {any} */ (e).errors = err.errors;
			throw e;
		}
		throw err;
	}
}

function assignRest(target, partial, consumed) {
	const skip = new Set(consumed);
	for (const [k, v] of Object.entries(partial)) if (!skip.has(k)) target[k] = v;
}

/**
 * Create and start a simulator.
 * @param {any} [options] see index.d.ts SimulatorOptions
 * @returns {Promise<ServiceTitanSimulator>}
 */
async function startServiceTitanSimulator(options) {
	const sim = new ServiceTitanSimulator(options);
	await sim.start();
	return sim;
}

module.exports = {
	startServiceTitanSimulator,
	ServiceTitanSimulator,
	generateSeed,
	signWebhookBody,
	collectionForEvent,
	DEFAULT_SIGNING_KEY,
	ID_BASE,
	money: require('./money'),
};

// `node test/simulators/servicetitan/index.js [port]` → run standalone (Ctrl-C to stop).
if (require.main === module) {
	const port = Number(process.argv[2] || process.env.ST_SIM_PORT || 0);
	startServiceTitanSimulator({ port }).then((sim) => {
		const o = sim.options;
		process.stdout.write(
			`ServiceTitan simulator on ${sim.url}\n` +
				`  tenant ${sim.tenantId}  client_id ${o.clientId}  client_secret ${o.clientSecret}  app key ${o.appKey}\n` +
				`  token:  POST ${sim.url}/connect/token\n` +
				`  e.g.    GET  ${sim.url}/accounting/v2/tenant/${sim.tenantId}/invoices\n` +
				`  webhook signing key: ${o.webhookSigningKey}\n`,
		);
		const stop = () => sim.close().then(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}
