'use strict';
/**
 * Acumatica contract-based REST API simulator — a real HTTPS server on 127.0.0.1 under a site path
 * (`https://127.0.0.1:<port>/AcumaticaERP`): OAuth 2.0 and cookie sign-in, the licence's session and
 * request limits, the Default endpoint's versions with their fields, value objects, PUT upsert,
 * 422 field errors and long-running release actions. See README.md beside this file.
 */
const https = require('node:https');
const { ensureServerCertificates } = require('../shared/certs.js');
const { createFaultInjector } = require('../shared/faults.js');
const { send, readBody } = require('../shared/http.js');
const { AcuError, noResource } = require('./errors.js');
const { normalizeOptions, parseBody, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_USER } = require('./options.js');
const { ENTITIES, VERSIONS } = require('./entities.js');
const { buildState, BUSINESS_UNIT_SUBACCOUNTS } = require('./seed.js');
const { createAuth } = require('./auth.js');
const { createLicenceQueue } = require('./licence.js');
const { createActions } = require('./actions.js');
const { handleEntity } = require('./api.js');
const { isoWithOffset, render } = require('./values.js');

const BUILD_VERSION = '25.201.0213';

/** @typedef {import('../shared/faults.js').FaultSpec} FaultSpec */

/**
 * @typedef {Object} AcumaticaSimulatorOptions
 * @property {number} [port] 0 = any free port
 * @property {string} [sitePath] the site's virtual directory (default '/AcumaticaERP'; '' for the web root)
 * @property {string} [endpointName] default 'Default'
 * @property {string[]} [versions] Default endpoint versions served (default 20, 22, 23, 24, 25 .200.001)
 * @property {string[]} [tenants] tenant login names (default ['Company'])
 * @property {Array<{ name: string, password: string }>} [users]
 * @property {Array<{ clientId: string, clientSecret: string, redirectUris?: string[] }>} [clients] connected applications
 * @property {string} [authorizeUser] who signs in on the authorization-code flow (default the first user)
 * @property {number} [tokenLifetimeSeconds] default 3600
 * @property {number} [refreshLifetimeDays] refresh-token chain lifetime (default 30)
 * @property {number} [sessionIdleMs] idle sessions close after this (default 600000 = 10 minutes)
 * @property {{ maxApiUsers?: number, maxConcurrentRequests?: number, requestsPerMinute?: number, queueLimit?: number, maxQueueWaitMs?: number, windowMs?: number, retryAfterSeconds?: number|null }} [licence]
 * @property {number} [latencyMs] server time per request while it holds a processing core (default 0)
 * @property {number} [actionMs] how long a release runs (default 200; 0 = done before the first poll)
 * @property {boolean} [holdDocumentsOnEntry] AR/AP "Hold Documents on Entry" (default true)
 * @property {boolean} [requireVendorRef] AP "Require Vendor Reference" (default true)
 * @property {boolean} [raiseErrorOnDuplicateVendorRef] AP "Raise an Error On Duplicate Vendor Reference Number" (default false)
 * @property {string} [workDate] YYYY-MM-DD default document date (default today UTC)
 * @property {string} [timeZone] offset of returned date-times (default '+00:00')
 * @property {{ seed?: number|string, now?: string }} [seed]
 * @property {string} [certDir]
 * @property {(line: string) => void} [log]
 */

/** @param {AcumaticaSimulatorOptions} [options] */
async function startAcumaticaSimulator(options = {}) {
	const opts = normalizeOptions(options);
	const certs = await ensureServerCertificates({ certDir: options.certDir });
	let baseUrl = '';
	const stats = {
		requests: 0, apiRequests: 0, throttled: 0, delayed: 0, actions: 0, inFlight: 0, peakConcurrent: 0, peakQueued: 0,
		tokensIssued: 0, sessionsOpened: 0, sessionsClosed: 0, loginLimitRefusals: 0, byRoute: /** @type {Record<string, number>} */ ({}),
	};
	const resetStats = () => {
		Object.assign(stats, { requests: 0, apiRequests: 0, throttled: 0, delayed: 0, actions: 0, peakConcurrent: stats.inFlight, peakQueued: 0, tokensIssued: 0, sessionsOpened: 0, sessionsClosed: 0, loginLimitRefusals: 0 });
		for (const k of Object.keys(stats.byRoute)) delete stats.byRoute[k];
	};
	/** @type {Array<{ at: string, method: string, path: string, status: number, ms: number }>} */
	const requestLog = [];

	const ctx = {
		state: /** @type {any} */ (null),
		opts,
		stats,
		defs: ENTITIES,
		lastMs: 0,
		nowIso() {
			const t = Math.max(Date.now(), ctx.lastMs + 1);
			ctx.lastMs = t;
			return isoWithOffset(t, opts.timeZone);
		},
		workDate: () => opts.workDate || new Date().toISOString().slice(0, 10),
		actions: /** @type {any} */ (null),
	};
	const reset = () => {
		ctx.state = buildState({ seed: opts.seed.seed ?? 1, now: opts.seed.now || isoWithOffset(Date.now() - 86400000, opts.timeZone) });
	};
	reset();
	ctx.actions = createActions(ctx, { actionMs: () => opts.actionMs });

	const auth = createAuth({
		tenants: opts.tenants,
		users: opts.users,
		clients: opts.clients,
		branches: () => ctx.state.branches.map((/** @type {any} */ b) => b.BranchID),
		tokenLifetimeSeconds: opts.tokenLifetimeSeconds,
		refreshLifetimeDays: opts.refreshLifetimeDays,
		sessionIdleMs: opts.sessionIdleMs,
		maxApiUsers: () => opts.licence.maxApiUsers,
		authorizeUser: opts.authorizeUser,
		stats,
	});
	const queue = createLicenceQueue({ limits: () => opts.licence, stats });
	const throttledHeaders = () => (opts.licence.retryAfterSeconds == null ? {} : { 'retry-after': String(opts.licence.retryAfterSeconds) });

	const faultInjector = createFaultInjector({
		baseUrl: () => baseUrl,
		send,
		correlationHeaders: () => ({}),
		onThrottled: () => {
			stats.throttled++;
		},
		errorBody: (kind, status, message) => ({ message }),
	});

	const site = opts.sitePath;
	const apiRe = /^\/entity\/([^/]+)\/([^/]+)(?:\/(.*))?$/;

	/** @param {string} key */
	const countRoute = (key) => {
		stats.byRoute[key] = (stats.byRoute[key] || 0) + 1;
	};

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async function handler(req, res) {
		const started = Date.now();
		stats.requests++;
		const method = (req.method || 'GET').toUpperCase();
		const url = new URL(req.url || '/', baseUrl);
		const path = url.pathname;
		res.on('finish', () => {
			requestLog.push({ at: new Date(started).toISOString(), method, path: `${path}${url.search}`, status: res.statusCode, ms: Date.now() - started });
			if (requestLog.length > 2000) requestLog.splice(0, requestLog.length - 2000);
		});
		/** @type {Record<string,string>} */
		const headers = {};
		for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join('; ') : String(v ?? '');
		const raw = await readBody(req).catch(() => undefined);
		if (raw === undefined) return;
		if (raw === null) return send(res, 413, {}, { message: 'The request body is too large.' });
		const bodyText = raw.toString('utf8');
		/** @type {(() => void) | null} */
		let release = null;
		res.on('close', () => release && release());
		try {
			if (!path.toLowerCase().startsWith(`${site.toLowerCase()}/`)) throw noResource(`${baseUrl}${path}`);
			const local = path.slice(site.length);
			const m = apiRe.exec(local);
			const isApi = !!m && !(m[1] === 'auth');
			if (!isApi && (await faultInjector.apply(req, res, method, path, false, '', bodyText))) return;

			if (local === '/identity/connect/token' && method === 'POST') {
				countRoute('POST identity/connect/token');
				return send(res, 200, { 'cache-control': 'no-store' }, auth.token(headers['content-type'], bodyText));
			}
			if (local === '/identity/connect/authorize' && method === 'GET') {
				countRoute('GET identity/connect/authorize');
				const r = auth.authorize(url);
				return send(res, r.status, r.headers, undefined, '');
			}
			if (local === '/identity/.well-known/openid-configuration' && method === 'GET') {
				countRoute('GET identity/.well-known/openid-configuration');
				const id = `${baseUrl}${site}/identity`;
				return send(res, 200, {}, {
					issuer: id, authorization_endpoint: `${id}/connect/authorize`, token_endpoint: `${id}/connect/token`, end_session_endpoint: `${id}/connect/endsession`,
					grant_types_supported: ['authorization_code', 'implicit', 'password', 'refresh_token'], response_types_supported: ['code', 'token', 'id_token', 'code id_token', 'code token', 'code id_token token', 'id_token token'],
					scopes_supported: ['openid', 'profile', 'email', 'api', 'offline_access', 'api:concurrent_access'],
				});
			}
			if ((local === '/entity' || local === '/entity/') && method === 'GET') {
				countRoute('GET entity');
				return send(res, 200, {}, {
					version: { acumaticaBuildVersion: BUILD_VERSION, databaseVersion: BUILD_VERSION },
					endpoints: opts.versions.map((v) => ({ name: opts.endpointName, version: v, href: `${site}/entity/${opts.endpointName}/${v}/` })),
				});
			}
			if (local === '/entity/auth/logout' && method === 'POST') {
				countRoute('POST entity/auth/logout');
				const r = auth.logout(headers);
				return send(res, r.status, /** @type {any} */ (r.headers), undefined, '');
			}
			if (local === '/entity/auth/login' && method === 'POST') {
				countRoute('POST entity/auth/login');
				const body = parseBody(bodyText, headers['content-type']);
				const slot = await queue.enter();
				if ('message' in slot) return decline(res, slot.message);
				release = slot.release;
				const r = auth.login(body);
				return send(res, r.status, /** @type {any} */ (r.headers), undefined, '');
			}
			if (!m) throw noResource(`${baseUrl}${path}`);

			// ---------------- contract-based API
			const [, endpoint, ver, restText] = m;
			const rest = (restText || '').split('/').filter(Boolean).map((s) => decodeURIComponent(s));
			countRoute(`${method} ${rest[0] || '(root)'}${rest.length > 1 ? '/' + rest.slice(1).map((s) => (/^(Release\w*|status)$/.test(s) ? s : '{key}')).join('/') : ''}`);
			stats.apiRequests++;
			if (endpoint.toLowerCase() !== opts.endpointName.toLowerCase() || !opts.versions.includes(ver)) throw noResource(`${baseUrl}${path}`);
			const slot = await queue.enter();
			if ('message' in slot) return decline(res, slot.message);
			release = slot.release;
			const session = auth.authenticate(headers);
			if (await faultInjector.apply(req, res, method, path, true, '', bodyText)) return;
			if (opts.latencyMs > 0) await new Promise((r) => setTimeout(r, opts.latencyMs));
			const out = handleEntity(ctx, {
				method,
				entity: rest[0],
				rest: rest.slice(1),
				sp: url.searchParams,
				body: parseBody(bodyText, headers['content-type']),
				headers,
				session,
				ver,
				base: `${site}/entity/${opts.endpointName}/${ver}`,
				uri: `${baseUrl}${path}`,
			});
			send(res, out.status, out.headers || {}, out.body, out.body === undefined ? '' : undefined);
		} catch (err) {
			const e = err instanceof AcuError ? err : internal(err);
			send(res, e.status, e.headers, e.body());
		}
	}

	/** @param {import('node:http').ServerResponse} res @param {string} message */
	const decline = (res, message) => {
		stats.throttled++;
		send(res, 429, throttledHeaders(), { message: 'API request limit exceeded.', exceptionMessage: message, exceptionType: 'PX.Api.Services.ApiRequestLimitException' });
	};

	/** @param {unknown} err */
	const internal = (err) => {
		if (opts.log) opts.log(`[acumatica-sim] internal error: ${err && /** @type {Error} */ (err).stack}`);
		return new AcuError(500, 'An error has occurred.', { exceptionMessage: `Simulator internal error: ${err && /** @type {Error} */ (err).message}` });
	};

	const server = https.createServer({ key: certs.key, cert: certs.cert, keepAliveTimeout: 5000 }, (req, res) => {
		handler(req, res).catch((err) => {
			if (opts.log) opts.log(`[acumatica-sim] handler crashed: ${err && err.stack}`);
			if (!res.headersSent) send(res, 500, {}, { message: 'An error has occurred.' });
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
	const instanceUrl = `${baseUrl}${site}`;

	return {
		url: baseUrl,
		port: addr.port,
		/** the instance URL a credential takes: scheme, host and site path */
		instanceUrl,
		sitePath: site,
		endpointName: opts.endpointName,
		versions: opts.versions,
		/** `${instanceUrl}/entity/Default/<version>` */
		endpointUrl: (/** @type {string} */ version = '24.200.001') => `${instanceUrl}/entity/${opts.endpointName}/${version}`,
		tokenEndpoint: `${instanceUrl}/identity/connect/token`,
		authorizeEndpoint: `${instanceUrl}/identity/connect/authorize`,
		caCertPath: certs.caCertPath,
		ca: certs.ca,
		tenants: opts.tenants,
		tenant: opts.tenants[0],
		users: opts.users,
		user: opts.users[0],
		clients: opts.clients,
		/** `client_id@Tenant` of the default connected application */
		clientId: `${opts.clients[0].clientId}@${opts.tenants[0]}`,
		clientSecret: opts.clients[0].clientSecret,
		licence: opts.licence,
		options: opts,
		businessUnitSubaccounts: BUSINESS_UNIT_SUBACCOUNTS,
		stats,
		resetStats,
		requestLog,
		faults: faultInjector.faults,
		get state() {
			return ctx.state;
		},
		/** live API sessions (cookie and OAuth) */
		sessions: () => auth.sessions(),
		/** sign-in events: login, logout, expired, refused */
		authLog: auth.log,
		/** long-running operations started */
		operations: () => ctx.actions.list(),
		/** an authorization code as the sign-in page would hand out (the page is not simulated) */
		authorizationCode: (/** @type {{ clientId?: string, redirectUri: string, scope?: string, user?: string }} */ p) =>
			auth.authorizationCode({ clientId: p.clientId || `${opts.clients[0].clientId}@${opts.tenants[0]}`, redirectUri: p.redirectUri, scope: p.scope || 'api offline_access', user: p.user }),
		/** every access token stops working (the next API call is 401; refresh tokens still work) */
		expireTokens: () => auth.expireTokens(),
		/** every session closes as if idle too long */
		expireSessions: () => auth.expireSessions(),
		/**
		 * Records as GET returns them (all fields, details and linked entities expanded).
		 * @param {string} entity @param {string} [version]
		 */
		list(entity, version = '24.200.001') {
			const def = ENTITIES[entity];
			if (!def) throw new Error(`unknown entity ${entity}`);
			const expand = [...Object.keys(def.details || {}), ...Object.keys(def.linked || {}), ...Object.keys(def.linked || {}).map((k) => `${k}/Address`)];
			return (ctx.state.tables[entity] || []).map((/** @type {any} */ r, /** @type {number} */ i) => render(def, r, version, { select: null, expand, custom: [] }, { rowNumber: i + 1 }));
		},
		/** fresh seed, no sessions, tokens, operations, faults or stats */
		reset() {
			reset();
			auth.clear();
			ctx.actions.clear();
			queue.clear();
			faultInjector.faults.length = 0;
			resetStats();
			requestLog.length = 0;
		},
		close() {
			ctx.actions.stop();
			queue.stop();
			return new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			});
		},
	};
}

module.exports = { startAcumaticaSimulator, BUSINESS_UNIT_SUBACCOUNTS, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_USER, VERSIONS };
