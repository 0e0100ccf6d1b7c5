'use strict';
/**
 * Dynamics 365 Finance & Operations OData simulator: a real HTTPS server on 127.0.0.1 with an
 * Entra token endpoint (scope `<environment URL>/.default`) and the `/data` service a ServiceTitan
 * → F&O connector uses. See README.md in this folder for behaviour, choices and the seed.
 */
const https = require('node:https');
const { ensureServerCertificates } = require('../shared/certs.js');
const { createAuth } = require('../shared/entra.js');
const { createFaultInjector } = require('../shared/faults.js');
const { createThrottle } = require('../shared/throttle.js');
const { send, readBody, splitPath, startRequest } = require('../shared/http.js');
const { parseMultipartBatch, writeMultipartBatch } = require('../shared/odata-batch.js');
const { FoError, badRequest, notFound } = require('./errors.js');
const { buildState } = require('./seed.js');
const { DEFS } = require('./entities.js');
const { handleEntity } = require('./store.js');
const { metadataXml } = require('./metadata.js');
const { createTestHelpers } = require('./helpers.js');

const DEFAULT_TENANT = '22222222-3333-4444-5555-666666666666';
const DEFAULT_CLIENT_ID = '5a1f0e2d-6c7b-4a39-8e21-0f0e0d0c0b0a';
const DEFAULT_CLIENT_SECRET = 'fo-sim-secret';
/** Registered in Entra (a token is issued) but not on F&O's "Microsoft Entra ID applications" page → API 401. */
const UNMAPPED_CLIENT = Object.freeze({ clientId: '5a1f0e2d-6c7b-4a39-8e21-000000000401', clientSecret: 'fo-sim-unmapped-secret' });

/**
 * @typedef {Object} SimulatorOptions
 * @property {number} [port] 0 = random
 * @property {string} [tenantId]
 * @property {string} [clientId]
 * @property {string} [clientSecret]
 * @property {string} [environmentUrl] the token audience (default: the simulator's own URL, `https://127.0.0.1:PORT`)
 * @property {number} [tokenLifetimeSeconds] default 3600
 * @property {number} [pageSize] server-driven page size (default 10000, as F&O)
 * @property {string} [defaultCompany] the service user's default company (default 'usmf')
 * @property {{ maxRequests?: number, windowMs?: number, maxConcurrent?: number }} [limits]
 * @property {number} [latencyMs] server time per operation (a $batch of N parts: N ×)
 * @property {number} [writeErrorStatus] status of a failed single write (default 400)
 * @property {number} [batchWriteErrorStatus] status of a failed write inside a $batch (default 500)
 * @property {number} [maxBatchOperations] default 200
 * @property {boolean} [allowDuplicateVendorInvoiceNumbers] F&O's VendInvoiceInUseRecoverEnable (default false)
 * @property {{ extraCustomers?: number }} [seed]
 * @property {string} [workDate] YYYY-MM-DD default date of new documents (default today UTC)
 * @property {string} [certDir]
 * @property {(line: string) => void} [log]
 */

/** @param {SimulatorOptions} [options] */
async function startFinanceOperationsSimulator(options = {}) {
	const opts = normalizeOptions(options);
	const certs = await ensureServerCertificates({ certDir: options.certDir });
	let baseUrl = '';
	const environmentUrl = () => (opts.environmentUrl || baseUrl).replace(/\/+$/, '').toLowerCase();

	const stats = { tokensIssued: 0, requests: 0, throttled: 0, apiRequests: 0, operations: 0, inFlight: 0, peakConcurrent: 0, byRoute: /** @type {Record<string, number>} */ ({}) };
	const resetStats = () => {
		Object.assign(stats, { tokensIssued: 0, requests: 0, throttled: 0, apiRequests: 0, operations: 0, peakConcurrent: stats.inFlight });
		for (const k of Object.keys(stats.byRoute)) delete stats.byRoute[k];
	};
	const countRoute = (/** @type {string} */ k) => {
		stats.byRoute[k] = (stats.byRoute[k] || 0) + 1;
	};
	/** @type {Array<{ at: string, method: string, path: string, status: number, ms: number, clientId?: string }>} */
	const requestLog = [];

	const ctx = {
		state: /** @type {any} */ (null),
		opts,
		today: () => `${opts.workDate || new Date().toISOString().slice(0, 10)}T12:00:00Z`,
		/** @param {string} company @param {string} name @param {(n: number) => string} format */
		nextNumber(company, name, format) {
			const seqs = (ctx.state.sequences[company] ||= {});
			seqs[name] = (seqs[name] || 0) + 1;
			return format(seqs[name]);
		},
		touch: () => ++ctx.state.rowVersion,
	};
	const reset = () => {
		ctx.state = buildState({ extraCustomers: opts.seed.extraCustomers, defaultCompany: opts.defaultCompany });
	};
	reset();

	const auth = createAuth({
		tenantId: opts.tenantId,
		tokenLifetimeSeconds: opts.tokenLifetimeSeconds,
		clients: opts.clients,
		baseUrl: () => baseUrl,
		scope: () => `${environmentUrl()}/.default`,
		// Entra issues a token for the resource as asked; F&O checks the audience (see verify below)
		scopeResource: (scope) => {
			const m = /^(https:\/\/[^/]+\/?)\/\.default$/i.exec(scope);
			return m && m[1].replace(/\/+$/, '').toLowerCase() === environmentUrl() ? m[1] : null;
		},
		rolesFor: () => [],
		invalidToken: (wwwAuthenticate) => new FoError(401, 'Unauthorized', { headers: { 'www-authenticate': wwwAuthenticate } }),
		onTokenIssued: () => {
			stats.tokensIssued++;
		},
	});

	const faultInjector = createFaultInjector({
		baseUrl: () => baseUrl,
		send,
		correlationHeaders: (id) => ({ 'x-ms-request-id': id }),
		onThrottled: () => {
			stats.throttled++;
		},
		errorBody: (_kind, _status, message) => new FoError(_status, message).body(),
	});
	const throttle = createThrottle({
		limits: () => opts.limits,
		stats,
		windowMessage: (used, max, seconds) => `The request was throttled: ${used} operations in ${seconds} seconds exceed the limit of ${max} for this integration's priority. Retry after the time given in the Retry-After header.`,
		concurrencyMessage: (max) => `The request was throttled: more than ${max} concurrent requests for this integration's priority. Retry after the time given in the Retry-After header.`,
	});

	/** @param {FoError} e @param {boolean} inBatch */
	const statusOf = (e, inBatch) => (e.write ? (inBatch ? opts.batchWriteErrorStatus : opts.writeErrorStatus) : e.status);
	/** @param {unknown} err */
	const toFoError = (err) => {
		if (err instanceof FoError) return err;
		if (opts.log) opts.log(`[fo-sim] internal error: ${err && /** @type {Error} */ (err).stack}`);
		return new FoError(500, 'An error has occurred.', { inner: `Simulator internal error: ${err && /** @type {Error} */ (err).message}` });
	};

	/**
	 * One request on `/data/…` (top level or a $batch part) → response.
	 * @param {{ method: string, rest: string, rawQuery: string, bodyText: string }} r @param {boolean} inBatch
	 */
	const runData = (r, inBatch) => {
		const segments = splitPath(r.rest);
		const query = /** @type {Array<[string,string]>} */ ([...new URLSearchParams(r.rawQuery).entries()]);
		const serviceRoot = `${baseUrl}/data`;
		if (segments.length === 0) {
			if (r.method !== 'GET') throw new FoError(405, `The HTTP method '${r.method}' is not allowed on the service root.`);
			return { status: 200, body: { '@odata.context': `${serviceRoot}/$metadata`, value: Object.keys(DEFS).map((name) => ({ name, kind: 'EntitySet', url: name })) } };
		}
		if (segments[0] === '$metadata') return { status: 200, headers: { 'content-type': 'application/xml' }, raw: metadataXml() };
		if (segments.length > 1) throw badRequest(`Navigation and sub-resources ('${segments.slice(1).join('/')}') are not supported by this simulator.`);
		const m = /^([A-Za-z0-9_]+)(?:\((.*)\))?$/s.exec(segments[0]);
		if (!m) throw notFound(segments[0]);
		let body;
		if (r.bodyText.trim()) {
			try {
				body = JSON.parse(r.bodyText);
			} catch {
				throw badRequest('The request body is not valid JSON.');
			}
		}
		const crossCompany = query.some(([k, v]) => k.toLowerCase() === 'cross-company' && v.toLowerCase() === 'true');
		countRoute(`${inBatch ? '$batch:' : ''}${r.method} ${m[1]}`);
		return handleEntity(ctx, { method: r.method, set: m[1], keyText: m[2] ?? null, query, body, crossCompany, serviceRoot, rawQuery: r.rawQuery });
	};

	/** @param {{ method: string, rest: string, rawQuery: string, bodyText: string }} r @param {boolean} inBatch */
	const runSafely = (r, inBatch) => {
		try {
			return runData(r, inBatch);
		} catch (err) {
			const e = toFoError(err);
			return { status: statusOf(e, inBatch), headers: e.headers, body: e.body(), failed: true };
		}
	};

	/** Inner URL of a batch part → path under /data and query. @param {string} url */
	const innerTarget = (url) => {
		if (/^\$\d+/.test(url)) throw badRequest(`Content-ID references ('${url}') are not supported: create the header first and use the key from its response.`);
		let u = url;
		const abs = /^https?:\/\/[^/]+(\/.*)$/i.exec(u);
		if (abs) {
			if (!u.toLowerCase().startsWith(`${baseUrl}/data/`.toLowerCase())) throw badRequest(`The batch part URL '${url}' is not under this service root (${baseUrl}/data).`);
			u = abs[1];
		}
		u = u.replace(/^\/?(data\/)?/, '');
		const qi = u.indexOf('?');
		return { rest: qi < 0 ? u : u.slice(0, qi), rawQuery: qi < 0 ? '' : u.slice(qi + 1) };
	};

	/** @param {string} contentType @param {string} bodyText */
	const runBatch = (contentType, bodyText) => {
		let items;
		try {
			items = parseMultipartBatch(contentType, bodyText);
		} catch (err) {
			throw badRequest(/** @type {Error} */ (err).message);
		}
		/** @param {import('../shared/odata-batch.js').BatchRequest} p */
		const runPart = (p) => {
			try {
				return { ...runSafely({ method: p.method, ...innerTarget(p.url), bodyText: p.body }, true), contentId: p.contentId };
			} catch (err) {
				const e = toFoError(err);
				return { status: e.status, body: e.body(), contentId: p.contentId, failed: true };
			}
		};
		/** @type {any[]} */
		const out = [];
		for (const item of items) {
			if (item.kind === 'request') {
				out.push(runPart(item));
				continue;
			}
			// a changeset is atomic: every request succeeds, or none is committed
			const saved = structuredClone(ctx.state);
			const responses = [];
			let failure = null;
			for (const p of item.requests) {
				const res = runPart(p);
				if (res.failed) {
					failure = res;
					break;
				}
				responses.push(res);
			}
			if (failure) {
				const rv = ctx.state.rowVersion;
				ctx.state = saved;
				ctx.state.rowVersion = rv;
				out.push(failure);
			} else out.push({ changeset: responses });
		}
		const w = writeMultipartBatch(out);
		return { status: 200, headers: { 'content-type': w.contentType, 'odata-version': '4.0' }, raw: w.body };
	};

	/** Operations a request costs: a $batch counts its parts. @param {string} contentType @param {string} bodyText */
	const batchCost = (contentType, bodyText) => {
		try {
			return Math.max(1, parseMultipartBatch(contentType, bodyText).reduce((n, it) => n + (it.kind === 'changeset' ? it.requests.length : 1), 0));
		} catch {
			return 1;
		}
	};

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	const handler = async (req, res) => {
		stats.requests++;
		const rq = startRequest(req, res, baseUrl, requestLog);
		const { method, url, path, correlationId, headers } = rq;
		const raw = await readBody(req).catch(() => undefined);
		if (raw === undefined) return;
		if (raw === null) return send(res, 413, {}, new FoError(413, 'The request body is too large.').body());
		const bodyText = raw.toString('utf8');
		const dataPath = /^\/data(?:\/(.*))?$/.exec(path);
		if (!dataPath) {
			if (await faultInjector.apply(req, res, method, path, false, correlationId, bodyText)) return;
			const r = auth.handle(method, url, bodyText, headers);
			countRoute(`${method} ${r ? r.route : '(unknown)'}`);
			if (r) return send(res, r.status, r.headers, r.body);
			return send(res, 404, {}, notFound(path).body());
		}
		const rest = dataPath[1] || '';
		const isBatch = rest === '$batch';
		const cost = isBatch ? batchCost(headers['content-type'] || '', bodyText) : 1;
		stats.apiRequests++;
		stats.operations += cost;
		if (isBatch) countRoute(`${method} $batch`);
		/** @type {(() => void) | null} */
		let release = null;
		res.on('close', () => release && release());
		try {
			const principal = auth.verifyBearer(headers.authorization);
			rq.clientId = principal.clientId;
			// F&O: aud must be the environment URL, lower case, no trailing slash; the app must be mapped to a user
			if (principal.audience !== environmentUrl() || !principal.client.foUser) throw new FoError(401, 'Unauthorized');
			const a = throttle.admit(principal.clientId, cost);
			if ('retryAfter' in a) {
				stats.throttled++;
				return send(res, 429, { 'retry-after': String(a.retryAfter), 'x-ms-request-id': correlationId }, new FoError(429, a.message).body());
			}
			release = a.release;
			if (await faultInjector.apply(req, res, method, path, true, correlationId, bodyText)) return;
			// a $batch saves round trips, not server time: its parts are processed one after another
			if (opts.latencyMs > 0) await new Promise((r) => setTimeout(r, opts.latencyMs * cost));
			let out;
			if (isBatch) {
				if (method !== 'POST') throw new FoError(405, "'$batch' only accepts POST requests.");
				if (cost > opts.maxBatchOperations) throw badRequest(`The batch has ${cost} operations; at most ${opts.maxBatchOperations} are allowed in one batch message.`);
				out = runBatch(headers['content-type'] || '', bodyText);
			} else out = runSafely({ method, rest, rawQuery: url.search.slice(1), bodyText }, false);
			send(res, out.status, { 'x-ms-request-id': correlationId, 'odata-version': '4.0', ...out.headers }, out.body, out.raw);
		} catch (err) {
			const e = toFoError(err);
			if (e.status === 401) return send(res, 401, { 'x-ms-request-id': correlationId, 'www-authenticate': 'Bearer', ...e.headers }, undefined, '');
			send(res, statusOf(e, false), { 'x-ms-request-id': correlationId, ...e.headers }, e.body());
		}
	};

	const server = https.createServer({ key: certs.key, cert: certs.cert, keepAliveTimeout: 5000 }, (req, res) => {
		handler(req, res).catch((err) => {
			if (opts.log) opts.log(`[fo-sim] handler crashed: ${err && err.stack}`);
			if (!res.headersSent) send(res, 500, {}, new FoError(500, 'Simulator crashed.').body());
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	baseUrl = `https://127.0.0.1:${port}`;

	return {
		url: baseUrl,
		port,
		caCertPath: certs.caCertPath,
		ca: certs.ca,
		tenantId: opts.tenantId,
		clientId: opts.clientId,
		clientSecret: opts.clientSecret,
		unmappedClient: UNMAPPED_CLIENT,
		environmentUrl: environmentUrl(),
		scope: `${environmentUrl()}/.default`,
		authority: `${baseUrl}/${opts.tenantId}`,
		knownAuthority: `127.0.0.1:${port}`,
		tokenEndpoint: `${baseUrl}/${opts.tenantId}/oauth2/v2.0/token`,
		serviceRoot: `${baseUrl}/data`,
		defaultCompany: opts.defaultCompany,
		get state() {
			return ctx.state;
		},
		stats,
		resetStats,
		faults: faultInjector.faults,
		requestLog,
		expireTokens: () => auth.expireTokens(),
		...createTestHelpers(ctx),
		/** Fresh seed state; clears faults, throttle windows, stats and the request log. */
		reset() {
			reset();
			faultInjector.faults.length = 0;
			throttle.clear();
			resetStats();
			requestLog.length = 0;
		},
		close() {
			return new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			});
		},
	};
}

/** @param {SimulatorOptions} o */
function normalizeOptions(o) {
	const clientId = o.clientId || DEFAULT_CLIENT_ID;
	const clientSecret = o.clientSecret || DEFAULT_CLIENT_SECRET;
	const limits = o.limits || {};
	return {
		port: o.port ?? 0,
		tenantId: o.tenantId || DEFAULT_TENANT,
		clientId,
		clientSecret,
		clients: [
			{ clientId, clientSecret, foUser: 'svc-mlconnector', displayName: 'ml-connector' },
			{ ...UNMAPPED_CLIENT, foUser: null, displayName: 'ml-connector (not mapped to an F&O user)' },
		],
		environmentUrl: o.environmentUrl,
		tokenLifetimeSeconds: o.tokenLifetimeSeconds ?? 3600,
		pageSize: Math.max(1, o.pageSize ?? 10000),
		defaultCompany: (o.defaultCompany || 'usmf').toLowerCase(),
		limits: { maxRequests: limits.maxRequests ?? 6000, windowMs: limits.windowMs ?? 5 * 60 * 1000, maxConcurrent: limits.maxConcurrent ?? 5 },
		latencyMs: o.latencyMs ?? 0,
		writeErrorStatus: o.writeErrorStatus ?? 400,
		batchWriteErrorStatus: o.batchWriteErrorStatus ?? 500,
		maxBatchOperations: o.maxBatchOperations ?? 200,
		allowDuplicateVendorInvoiceNumbers: !!o.allowDuplicateVendorInvoiceNumbers,
		seed: o.seed || {},
		workDate: o.workDate,
		log: o.log,
	};
}

module.exports = { startFinanceOperationsSimulator, DEFAULT_TENANT, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, UNMAPPED_CLIENT };
