'use strict';
/**
 * Business Central API v2.0 simulator — a real HTTPS server on 127.0.0.1 with an Entra-like token
 * endpoint (for @azure/msal-node) and the BC API surface a ServiceTitan → BC connector uses.
 * See README.md in this folder for behaviour, choices and the seed.
 */
const https = require('node:https');
const crypto = require('node:crypto');
const { ensureServerCertificates, createClientCertificate, thumbprints } = require('../shared/certs.js');
const { BcError, withCorrelation } = require('./errors.js');
const { createIdGenerator } = require('./store.js');
const { buildState, BUSINESS_UNIT_DIMENSIONS, COMPANY_NAMES } = require('./seed.js');
const { createAuth } = require('../shared/entra.js');
const { dispatch, DEFS, REPORT_DEFS, queryItems } = require('./api.js');
const { parseQuery } = require('./odata.js');
const { createWebhooks } = require('./webhooks.js');
const { createFaultInjector } = require('../shared/faults.js');
const { createThrottle } = require('../shared/throttle.js');
const { send, readBody, splitPath, startRequest } = require('../shared/http.js');

const BC_RESOURCE = 'https://api.businesscentral.dynamics.com';
const BC_SCOPE = `${BC_RESOURCE}/.default`;
const DEFAULT_TENANT = '11111111-2222-3333-4444-555555555555';
const DEFAULT_CLIENT_ID = '0b1e5c9a-5d8e-4c3e-9f1a-2b3c4d5e6f70';
const DEFAULT_CLIENT_SECRET = 'bc-sim-secret';
/** Registered in Entra, token works, but the app has no permission sets in BC → API answers 403. */
const NO_PERMISSION_CLIENT = Object.freeze({ clientId: '7f3d1c2b-0403-4e5f-8a9b-000000000403', clientSecret: 'bc-sim-no-permission-secret' });
/** Registered in Entra, but not on BC's "Microsoft Entra Applications" page → API answers 401. */
const UNREGISTERED_CLIENT = Object.freeze({ clientId: '7f3d1c2b-0401-4e5f-8a9b-000000000401', clientSecret: 'bc-sim-unregistered-secret' });

/** @typedef {import('../shared/faults.js').FaultSpec} FaultSpec (see ../shared/README.md) */

/**
 * @typedef {Object} SimulatorOptions
 * @property {number} [port] 0 = random
 * @property {string} [tenantId]
 * @property {string} [environment] environment name in the URL (default 'sandbox')
 * @property {string[]} [environments] additional valid environment names
 * @property {string} [clientId]
 * @property {string} [clientSecret]
 * @property {string} [certificateThumbprint] SHA-1 hex of the client certificate (x5t)
 * @property {string} [certificateThumbprintSha256] SHA-256 hex (x5t#S256)
 * @property {string} [certificatePublicKeyPem] public key (or certificate PEM) that verifies client assertions
 * @property {string} [certificatePem] the client certificate; thumbprints and public key are derived from it
 * @property {Array<import('../shared/entra.js').ClientConfig & { bcAccess: 'full'|'forbidden'|'unregistered' }>} [extraClients]
 * @property {number} [tokenLifetimeSeconds] default 3600
 * @property {number} [pageSize] server-driven page size (default 100)
 * @property {string} [reportsApi] route of the finance reports API after `/api/` (default 'microsoft/reportsFinance/beta')
 * @property {{ requestsPer5Min?: number, maxConcurrent?: number, windowMs?: number }} [limits]
 * @property {{ from?: string, to?: string } | null} [allowedPostingDates]
 * @property {{ seed?: number|string, now?: string|number|Date, extraCustomers?: number, extraItems?: number, extraSalesInvoices?: number, extraCustomerPayments?: number }} [seed]
 * @property {string} [workDate] YYYY-MM-DD default for new documents (default: today UTC)
 * @property {boolean} [manualDocumentNumbers] allow `number` on document create (default true)
 * @property {boolean} [requireExternalDocumentNumber] sales "Ext. Doc. No. Mandatory" (default false)
 * @property {number} [latencyMs] extra processing time per admitted API request (default 0)
 * @property {string} [certDir] where the CA/server PEMs are cached (default os.tmpdir()/ml-connector-sim-certs)
 * @property {{ delayMs?: number, handshakeTimeoutMs?: number, expirationDays?: number, retryDelaysMs?: number[] }} [webhooks]
 * @property {(line: string) => void} [log]
 */

/**
 * Start the simulator.
 * @param {SimulatorOptions} [options]
 */
async function startBusinessCentralSimulator(options = {}) {
	const opts = normalizeOptions(options);
	const certs = await ensureServerCertificates({ certDir: options.certDir });
	const { privateKey, publicKey } = await new Promise((resolve, reject) =>
		crypto.generateKeyPair('rsa', { modulusLength: 2048 }, (err, pub, priv) => (err ? reject(err) : resolve({ privateKey: priv, publicKey: pub }))),
	);
	const kid = crypto.createHash('sha1').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
	const newId = createIdGenerator(opts.seed.seed ?? 1);

	/** @type {string} */
	let baseUrl = '';
	/** requests: every HTTP request; apiRequests: those on the API side; operations: API requests with each $batch part counted; inFlight / peakConcurrent: admitted API requests being processed now / at most */
	const stats = { tokensIssued: 0, requests: 0, throttled: 0, apiRequests: 0, operations: 0, inFlight: 0, peakConcurrent: 0, byRoute: /** @type {Record<string, number>} */ ({}) };
	const resetStats = () => {
		Object.assign(stats, { tokensIssued: 0, requests: 0, throttled: 0, apiRequests: 0, operations: 0, peakConcurrent: stats.inFlight });
		for (const k of Object.keys(stats.byRoute)) delete stats.byRoute[k];
	};
	/** @type {Array<{ at: string, method: string, path: string, status: number, ms: number, clientId?: string }>} */
	const requestLog = [];
	/** @type {Array<{ at: string, clientId: string, credential: string, alg?: string, thumbprintHeader?: string, expiresAt: string }>} */
	const tokenLog = [];

	const ctx = {
		state: /** @type {any} */ (null),
		opts,
		newId,
		lastMs: 0,
		nowIso() {
			const t = Math.max(Date.now(), ctx.lastMs + 1);
			ctx.lastMs = t;
			return new Date(t).toISOString();
		},
		workDate: () => opts.workDate || new Date().toISOString().slice(0, 10),
		/** @param {any} rec */
		touch(rec) {
			rec._ts = ++ctx.state.rowVersion;
			rec.lastModifiedDateTime = ctx.nowIso();
		},
		/** @param {any} co @param {string} set @param {string} id @param {string} changeType */
		notify(co, set, id, changeType) {
			if (ctx.webhooks) ctx.webhooks.record(co, set, id, changeType);
		},
		webhooks: /** @type {any} */ (null),
		/** @type {{ state: any, rv: number, map: Map<string, any> }} */
		memoCache: { state: null, rv: -1, map: new Map() },
		/**
		 * Memoize a derived value until the next write (row version change) or state swap.
		 * @template T @param {string} key @param {() => T} fn @returns {T}
		 */
		memo(key, fn) {
			const st = ctx.state;
			if (ctx.memoCache.state !== st || ctx.memoCache.rv !== st.rowVersion) ctx.memoCache = { state: st, rv: st.rowVersion, map: new Map() };
			if (!ctx.memoCache.map.has(key)) ctx.memoCache.map.set(key, fn());
			return ctx.memoCache.map.get(key);
		},
	};

	const reset = () => {
		ctx.state = buildState({ tenantId: opts.tenantId, environment: opts.environment, seed: opts.seed, newId });
		let max = 0;
		for (const co of Object.values(ctx.state.companies)) {
			for (const table of Object.values(/** @type {any} */ (co).t)) {
				for (const r of Object.values(/** @type {Record<string, any>} */ (table))) {
					const t = Date.parse(r.lastModifiedDateTime);
					if (t > max) max = t;
				}
			}
		}
		ctx.lastMs = Math.max(ctx.lastMs, max);
	};
	reset();

	const auth = createAuth({
		tenantId: opts.tenantId,
		tokenLifetimeSeconds: opts.tokenLifetimeSeconds,
		clients: opts.clients,
		baseUrl: () => baseUrl,
		signingKey: privateKey,
		publicKey,
		kid,
		now: () => Date.now(),
		scope: BC_SCOPE,
		scopeResource: (scope) => (scope === BC_SCOPE ? BC_RESOURCE : null),
		rolesFor: (client) => (client.bcAccess === 'full' ? ['API.ReadWrite.All', 'Automation.ReadWrite.All'] : []),
		invalidToken: (wwwAuthenticate) => new BcError(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.', { 'www-authenticate': wwwAuthenticate }),
		onTokenIssued: (info) => {
			stats.tokensIssued++;
			tokenLog.push({ at: new Date().toISOString(), ...info });
			if (tokenLog.length > 500) tokenLog.splice(0, tokenLog.length - 500);
		},
	});

	ctx.webhooks = createWebhooks(ctx, { ...opts.webhooks, caCert: certs.ca, apiBase: () => apiBase(), log: opts.log });

	const apiBase = () => `${baseUrl}/v2.0/${opts.tenantId}/${opts.environment}/api/v2.0`;
	const reportsApiBase = () => `${baseUrl}/v2.0/${opts.tenantId}/${opts.environment}/api/${opts.reportsApi}`;

	/** `/v2.0/{tenant}/{env}/api/<root>/…` (or without the tenant) for the two API roots served. */
	const apiPaths = [
		{ root: 'v2.0', api: /** @type {'v2.0'} */ ('v2.0') },
		{ root: opts.reportsApi, api: /** @type {'reports'} */ ('reports') },
	].map(({ root, api }) => {
		const r = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		return { api, long: new RegExp(`^/v2\\.0/([^/]+)/([^/]+)/api/${r}(/.*)?$`), short: new RegExp(`^/v2\\.0/([^/]+)/api/${r}(/.*)?$`) };
	});
	/** @param {string} path */
	const matchApiPath = (path) => {
		for (const p of apiPaths) {
			const l = p.long.exec(path);
			if (l) return { api: p.api, tenant: /** @type {string|null} */ (l[1]), env: l[2], rest: l[3] || '' };
			const s = p.short.exec(path);
			if (s) return { api: p.api, tenant: null, env: s[1], rest: s[2] || '' };
		}
		return null;
	};

	/** @param {string} key */
	const countRoute = (key) => {
		stats.byRoute[key] = (stats.byRoute[key] || 0) + 1;
	};


	/** @param {BcError} e @param {string} correlationId */
	const errorBody = (e, correlationId) => ({ error: { code: e.code, message: withCorrelation(e.message, correlationId) } });

	/** status → BC error code of an injected fault */
	const FAULT_CODES = /** @type {Record<number,string>} */ ({
		500: 'Internal_ServerError',
		502: 'BadGateway',
		503: 'Internal_ServiceUnavailable',
		504: 'GatewayTimeout',
		408: 'Internal_OperationTimeout',
		429: 'Application_TooManyRequests',
	});
	const faultInjector = createFaultInjector({
		baseUrl: () => baseUrl,
		send,
		correlationHeaders: (correlationId) => ({ 'request-id': correlationId }),
		onThrottled: () => {
			stats.throttled++;
		},
		errorBody: (kind, status, message, correlationId) => {
			const code = kind === 'echo' ? 'BadRequest' : kind === 'rateLimit' ? 'Application_TooManyRequests' : FAULT_CODES[status] || 'Unknown';
			return errorBody(new BcError(status, code, message), correlationId);
		},
	});
	const faults = faultInjector.faults;
	const applyFaults = faultInjector.apply;

	const throttle = createThrottle({
		limits: () => ({ maxRequests: opts.limits.requestsPer5Min, windowMs: opts.limits.windowMs, maxConcurrent: opts.limits.maxConcurrent }),
		stats,
		windowMessage: (used, max, seconds) => `Too many requests reached.  Actual (${used}).  Maximum (${max}) per ${seconds} seconds.`,
		concurrencyMessage: (max) => `Too many concurrent requests. Maximum (${max}) requests are processed at a time per user.`,
	});
	const admit = throttle.admit;


	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	const handler = async (req, res) => {
		stats.requests++;
		const rq = startRequest(req, res, baseUrl, requestLog);
		const { method, url, path, correlationId, headers } = rq;
		let rawBody;
		try {
			rawBody = await readBody(req);
		} catch {
			return;
		}
		if (rawBody === null) {
			send(res, 413, { 'request-id': correlationId }, errorBody(new BcError(413, 'BadRequest_RequestTooLarge', 'The request body is too large.'), correlationId));
			return;
		}
		const bodyText = rawBody.toString('utf8');

		// ---------------- token side
		const m = matchApiPath(path);
		if (!m) {
			if (await applyFaults(req, res, method, path, false, correlationId, bodyText)) return;
			const r = auth.handle(method, url, bodyText, headers);
			if (r) {
				countRoute(`${method} ${r.route}`);
				send(res, r.status, r.headers, r.body);
				return;
			}
			countRoute(`${method} (unknown)`);
			send(res, 404, { 'request-id': correlationId }, errorBody(new BcError(404, 'BadRequest_NotFound', `No route for ${method} ${path}.`), correlationId));
			return;
		}

		// ---------------- API side
		const { tenant: urlTenant, env: urlEnv, api } = m;
		const rest = m.rest.replace(/^\/+/, '');
		const segments = splitPath(rest);
		const routePrefix = api === 'reports' ? `${opts.reportsApi}/` : '';
		const routeKey = `${method} ${routePrefix}${segments.map((s) => s.replace(/\(.*\)$/, '')).join('/') || '/'}`;
		countRoute(routeKey);
		let cost = 1; // operations: each part of a $batch is one
		if (api === 'v2.0' && segments[0] === '$batch') {
			try {
				const b = JSON.parse(bodyText);
				if (Array.isArray(b.requests)) cost = Math.max(1, b.requests.length);
			} catch {
				/* reported later */
			}
		}
		stats.apiRequests++;
		stats.operations += cost;
		/** @type {(() => void) | null} */
		let release = null;
		res.on('close', () => release && release());
		try {
			const principal = auth.verifyBearer(headers.authorization);
			rq.clientId = principal.clientId;
			if (urlTenant && urlTenant.toLowerCase() !== opts.tenantId.toLowerCase()) {
				throw new BcError(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.');
			}
			if (principal.client.bcAccess === 'unregistered') throw new BcError(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.');
			if (!opts.environments.some((e) => e.toLowerCase() === urlEnv.toLowerCase())) {
				throw new BcError(404, 'Internal_TenantUnavailable', `The environment '${urlEnv}' does not exist for tenant '${opts.tenantId}' (or it is not available). Check the environment name in the URL.`);
			}
			if (principal.client.bcAccess === 'forbidden') {
				throw new BcError(
					403,
					'Authorization_InsufficientPermissions',
					`The application '${principal.clientId}' does not have permission to access this Business Central environment. Assign permission sets to it on the Microsoft Entra Applications page.`,
				);
			}
			const a = admit(principal.clientId, cost);
			if ('retryAfter' in a) {
				stats.throttled++;
				send(res, 429, { 'retry-after': String(a.retryAfter), 'request-id': correlationId }, errorBody(new BcError(429, 'Application_TooManyRequests', a.message), correlationId));
				return;
			}
			release = a.release;
			if (await applyFaults(req, res, method, path, true, correlationId, bodyText)) return;
			// a $batch saves round trips, not server time: its parts are processed one after another
			if (opts.latencyMs > 0) await new Promise((r) => setTimeout(r, opts.latencyMs * cost));
			const apiReq = {
				method,
				segments,
				query: [...url.searchParams.entries()],
				headers,
				body: parseJsonBody(bodyText, method),
				apiBase: api === 'reports' ? reportsApiBase() : apiBase(),
				rawPathForLinks: rest,
				api,
			};
			let out;
			if (api === 'reports') out = runOne(apiReq);
			else if (segments[0] === '$batch') out = handleBatch(apiReq);
			else if (/^subscriptions(\(|$)/.test(segments[0] || '')) {
				if (apiReq.body === BAD_JSON) throw new BcError(400, 'BadRequest', 'Invalid Request Body');
				out = await ctx.webhooks.handleAsync({ ...apiReq, principal });
			} else out = runOne(apiReq);
			send(res, out.status, { 'request-id': correlationId, ...out.headers }, out.body, out.raw);
		} catch (err) {
			const e = toBcError(err);
			send(res, e.status, { 'request-id': correlationId, ...e.headers }, errorBody(e, correlationId));
		}
	};

	/** @param {unknown} err */
	const toBcError = (err) => {
		if (err instanceof BcError) return err;
		if (opts.log) opts.log(`[bc-sim] internal error: ${err && /** @type {Error} */ (err).stack}`);
		return new BcError(500, 'Internal_ServerError', `Simulator internal error: ${err && /** @type {Error} */ (err).message}`);
	};

	/**
	 * @param {any} apiReq
	 * @returns {{ status: number, headers: Record<string,string>, body?: any, raw?: string }}
	 */
	const runOne = (apiReq) => {
		if (apiReq.body === BAD_JSON) throw new BcError(400, 'BadRequest', 'Invalid Request Body');
		const mark = ctx.webhooks.mark();
		try {
			return dispatch(ctx, apiReq);
		} catch (err) {
			ctx.webhooks.rollback(mark);
			throw err;
		}
	};

	/**
	 * JSON $batch: up to 100 inner requests; `Isolation: snapshot` → all-or-nothing.
	 * @param {any} apiReq
	 */
	const handleBatch = (apiReq) => {
		if (apiReq.method !== 'POST') throw new BcError(405, 'BadRequest_MethodNotAllowed', "'$batch' only accepts POST requests.");
		const b = apiReq.body;
		if (b === BAD_JSON || !b || typeof b !== 'object' || !Array.isArray(b.requests)) throw new BcError(400, 'BadRequest', 'Invalid Request Body. A JSON batch needs a "requests" array.');
		if (b.requests.length > 100) throw new BcError(400, 'BadRequest', `The maximum number of '100' operations per batch request is exceeded (${b.requests.length}).`);
		const snapshot = /snapshot/i.test(apiReq.headers.isolation || '');
		const saved = snapshot ? structuredClone(ctx.state) : null;
		const mark = ctx.webhooks.mark();
		/** @type {any[]} */
		const responses = [];
		/** @type {Map<string, number>} */
		const statusById = new Map();
		let failed = false;
		for (const r of b.requests) {
			const id = r && r.id !== undefined ? r.id : null;
			const innerCorr = crypto.randomUUID();
			let res;
			try {
				const deps = Array.isArray(r.dependsOn) ? r.dependsOn : [];
				const badDep = deps.find((/** @type {string} */ d) => !statusById.has(String(d)) || /** @type {number} */ (statusById.get(String(d))) >= 400);
				if (badDep !== undefined) throw new BcError(424, 'BadRequest_FailedDependency', `The request depends on request '${badDep}', which failed or has not run.`);
				if (!r || typeof r.method !== 'string' || typeof r.url !== 'string') throw new BcError(400, 'BadRequest', 'Each batch request needs "method" and "url".');
				const inner = innerRequest(apiReq, r);
				countRoute(`$batch:${inner.method} ${inner.segments.map((/** @type {string} */ s) => s.replace(/\(.*\)$/, '')).join('/')}`);
				res = dispatch(ctx, inner);
			} catch (err) {
				const e = toBcError(err);
				res = { status: e.status, headers: { ...e.headers }, body: errorBody(e, innerCorr) };
			}
			/** @type {Record<string, any>} */
			const entry = { id, status: res.status, headers: { ...(res.body ? { 'content-type': 'application/json; odata.metadata=minimal', 'odata-version': '4.0' } : {}), ...res.headers } };
			if (res.body !== undefined) entry.body = res.body;
			responses.push(entry);
			if (id !== null) statusById.set(String(id), res.status);
			if (res.status >= 400) {
				failed = true;
				if (snapshot) break;
			}
		}
		if (snapshot && failed) {
			// keep the row-version counter moving forward so no etag handed out inside the
			// rolled-back batch can ever match a later version of a record
			const rv = ctx.state.rowVersion;
			ctx.state = /** @type {any} */ (saved);
			ctx.state.rowVersion = rv;
			ctx.webhooks.rollback(mark);
		}
		return { status: 200, headers: { 'content-type': 'application/json; odata.metadata=minimal', 'odata-version': '4.0' }, body: { responses } };
	};

	/**
	 * @param {any} outer @param {any} r
	 */
	const innerRequest = (outer, r) => {
		let u = String(r.url);
		const abs = /^https?:\/\/[^/]+(\/.*)$/.exec(u);
		if (abs) {
			const mm = /\/api\/v2\.0\/?(.*)$/.exec(abs[1]);
			if (!mm) throw new BcError(400, 'BadRequest_InvalidRequestUrl', `The batch request URL '${u}' is not under the API root.`);
			u = mm[1];
		}
		u = u.replace(/^\/+/, '').replace(/^api\/v2\.0\/?/, '');
		const qi = u.indexOf('?');
		const pathPart = qi >= 0 ? u.slice(0, qi) : u;
		const queryPart = qi >= 0 ? u.slice(qi + 1) : '';
		/** @type {Record<string,string>} */
		const h = {};
		for (const [k, v] of Object.entries(outer.headers)) if (['authorization', 'accept-language', 'data-access-intent'].includes(k)) h[k] = /** @type {string} */ (v);
		for (const [k, v] of Object.entries(r.headers || {})) h[k.toLowerCase()] = String(v);
		const segments = splitPath(pathPart);
		if (segments[0] === '$batch') throw new BcError(400, 'BadRequest', '$batch requests cannot be nested.');
		let body = r.body;
		if (typeof body === 'string' && body.trim()) body = parseJsonBody(body, r.method);
		if (body === BAD_JSON) throw new BcError(400, 'BadRequest', 'Invalid Request Body');
		return {
			method: String(r.method).toUpperCase(),
			segments,
			query: [...new URLSearchParams(queryPart).entries()],
			headers: h,
			body,
			apiBase: outer.apiBase,
			rawPathForLinks: pathPart,
		};
	};

	const server = https.createServer({ key: certs.key, cert: certs.cert, keepAliveTimeout: 5000 }, (req, res) => {
		handler(req, res).catch((err) => {
			if (opts.log) opts.log(`[bc-sim] handler crashed: ${err && err.stack}`);
			if (!res.headersSent) send(res, 500, {}, { error: { code: 'Internal_ServerError', message: 'Simulator crashed.' } });
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
	baseUrl = `https://127.0.0.1:${addr.port}`;

	const defaultCompany = () => ctx.state.companies[ctx.state.companyOrder[0]];
	/** @param {string} [nameOrId] */
	const companyOf = (nameOrId) => {
		if (!nameOrId) return defaultCompany();
		const st = ctx.state;
		const co = st.companies[nameOrId] || Object.values(st.companies).find((/** @type {any} */ c) => c.meta.name === nameOrId);
		if (!co) throw new Error(`unknown company ${nameOrId}`);
		return co;
	};

	const bc = {
		url: baseUrl,
		port: addr.port,
		caCertPath: certs.caCertPath,
		/** PEM text of the CA (for `ca:` on node:https) */
		ca: certs.ca,
		tenantId: opts.tenantId,
		environment: opts.environment,
		authority: `${baseUrl}/${opts.tenantId}`,
		knownAuthority: `127.0.0.1:${addr.port}`,
		tokenEndpoint: `${baseUrl}/${opts.tenantId}/oauth2/v2.0/token`,
		scope: BC_SCOPE,
		resource: BC_RESOURCE,
		apiBase: apiBase(),
		/** the finance reports API root (customerLedgerEntries): `${url}/v2.0/{tenant}/{env}/api/microsoft/reportsFinance/beta` */
		reportsApiBase: reportsApiBase(),
		clientId: opts.clientId,
		clientSecret: opts.clientSecret,
		noPermissionClient: NO_PERMISSION_CLIENT,
		unregisteredClient: UNREGISTERED_CLIENT,
		clients: opts.clients,
		/** id of the default company ("CRONUS USA, Inc.") */
		get companyId() {
			return defaultCompany().meta.id;
		},
		/** @returns {Array<{ id: string, name: string }>} */
		get companies() {
			return ctx.state.companyOrder.map((/** @type {string} */ id) => ({ id, name: ctx.state.companies[id].meta.name }));
		},
		/** live state (replaced on reset() and on a rolled-back snapshot batch — re-read, don't cache) */
		get state() {
			return ctx.state;
		},
		stats,
		faults,
		requestLog,
		/** tokens issued: which client, secret or certificate, and for certificates the JWT alg and thumbprint header */
		tokenLog,
		businessUnitDimensions: BUSINESS_UNIT_DIMENSIONS,
		/** Make every issued access token invalid (the next API call answers 401). */
		expireTokens() {
			auth.expireTokens();
		},
		/** Zero the counters in `stats` (state, faults and throttle windows stay); peakConcurrent restarts from the requests in flight. */
		resetStats,
		/** Rebuild the seed state (ids are new), clear faults, throttle windows and stats. */
		reset() {
			reset();
			faults.length = 0;
			throttle.clear();
			resetStats();
			requestLog.length = 0;
			tokenLog.length = 0;
			ctx.webhooks.clear();
		},
		/**
		 * Rendered API records of an entity set (as GET would return them, without paging).
		 * @param {string} entitySet e.g. 'salesInvoices' @param {{ company?: string, filter?: string }} [o]
		 */
		list(entitySet, o = {}) {
			const def = /** @type {any} */ (DEFS)[entitySet] || /** @type {any} */ (REPORT_DEFS)[entitySet];
			if (!def) throw new Error(`unknown entity set ${entitySet}`);
			const co = companyOf(o.company);
			const q = parseQuery(o.filter ? [['$filter', o.filter]] : []);
			const recs = def.name === 'customerPayments' || def.name === 'journalLines'
				? Object.values(co.t.journalLines).filter((/** @type {any} */ l) => (def.name === 'customerPayments' ? l.docType === 'Payment' : l.docType === ''))
				: def.list(ctx, co, null, q, () => ['*']);
			return queryItems(ctx, co, def, recs, q).map((it) => it.view);
		},
		/** Customer ledger entries (internal; not an API v2.0 entity set). @param {{ company?: string }} [o] */
		customerLedger(o = {}) {
			return Object.values(companyOf(o.company).t.custLedgerEntries).map((/** @type {any} */ e) => ({ ...e }));
		},
		webhooks: ctx.webhooks.api,
		/** Stop the server (open keep-alive sockets are destroyed). */
		close() {
			ctx.webhooks.stop();
			return new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			});
		},
	};
	return bc;
}

const BAD_JSON = Symbol('bad-json');

/** @param {string} text @param {string} method */
function parseJsonBody(text, method) {
	if (!text || !text.trim()) return method === 'POST' || method === 'PATCH' ? undefined : undefined;
	try {
		return JSON.parse(text);
	} catch {
		return BAD_JSON;
	}
}


/** @param {SimulatorOptions} o */
function normalizeOptions(o) {
	const tenantId = o.tenantId || DEFAULT_TENANT;
	const environment = o.environment || 'sandbox';
	const clientId = o.clientId || DEFAULT_CLIENT_ID;
	const clientSecret = o.clientSecret === undefined ? DEFAULT_CLIENT_SECRET : o.clientSecret;
	let certificateThumbprint = o.certificateThumbprint;
	let certificateThumbprintSha256 = o.certificateThumbprintSha256;
	let certificatePublicKeyPem = o.certificatePublicKeyPem;
	const certPem = o.certificatePem || (certificatePublicKeyPem && /BEGIN CERTIFICATE/.test(certificatePublicKeyPem) ? certificatePublicKeyPem : undefined);
	if (certPem) {
		const tp = thumbprints(certPem);
		certificateThumbprint = certificateThumbprint || tp.thumbprint;
		certificateThumbprintSha256 = certificateThumbprintSha256 || tp.thumbprintSha256;
		certificatePublicKeyPem = tp.publicKeyPem;
	}
	/** @type {Array<import('../shared/entra.js').ClientConfig & { bcAccess: 'full'|'forbidden'|'unregistered' }>} */
	const clients = [
		{ clientId, clientSecret: clientSecret || undefined, certificateThumbprint, certificateThumbprintSha256, certificatePublicKeyPem, bcAccess: 'full', displayName: 'ml-connector' },
		{ ...NO_PERMISSION_CLIENT, bcAccess: 'forbidden', displayName: 'ml-connector (no BC permissions)' },
		{ ...UNREGISTERED_CLIENT, bcAccess: 'unregistered', displayName: 'ml-connector (not registered in BC)' },
		...(o.extraClients || []),
	];
	const limits = o.limits || {};
	return {
		port: o.port ?? 0,
		tenantId,
		environment,
		environments: [environment, ...(o.environments || [])],
		clientId,
		clientSecret,
		clients,
		tokenLifetimeSeconds: o.tokenLifetimeSeconds ?? 3600,
		pageSize: Math.max(1, o.pageSize ?? 100),
		reportsApi: (o.reportsApi || 'microsoft/reportsFinance/beta').replace(/^\/+|\/+$/g, ''),
		limits: {
			requestsPer5Min: limits.requestsPer5Min ?? 6000,
			maxConcurrent: limits.maxConcurrent ?? 5,
			windowMs: limits.windowMs ?? 5 * 60 * 1000,
		},
		allowedPostingDates: o.allowedPostingDates === undefined ? null : o.allowedPostingDates,
		seed: { seed: 1, ...(o.seed || {}) },
		workDate: o.workDate,
		manualDocumentNumbers: o.manualDocumentNumbers ?? true,
		requireExternalDocumentNumber: o.requireExternalDocumentNumber ?? false,
		latencyMs: o.latencyMs ?? 0,
		webhooks: o.webhooks || {},
		log: o.log,
	};
}

module.exports = {
	startBusinessCentralSimulator,
	createClientCertificate,
	thumbprints,
	BUSINESS_UNIT_DIMENSIONS,
	COMPANY_NAMES,
	BC_SCOPE,
	BC_RESOURCE,
	DEFAULT_TENANT,
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	NO_PERMISSION_CLIENT,
	UNREGISTERED_CLIENT,
};
