'use strict';
/**
 * Dynamics GP Service Based Architecture (SBA) simulator: real HTTPS on 127.0.0.1 behind Windows
 * authentication (a real NTLMv2 handshake bound to the connection, Basic when enabled), the
 * `/GPService/Tenants(…)/Companies(…)/…` routes, GP's `{"Payload": …}` body and its business rules.
 * See README.md in this folder for the routes, the seed and the choices made where the fact sheet
 * marks GP's behaviour unverified.
 */
const https = require('node:https');
const crypto = require('node:crypto');
const { ensureServerCertificates } = require('../shared/certs.js');
const { withWindowsAuth } = require('../shared/ntlm.js');
const { createFaultInjector } = require('../shared/faults.js');
const { send, readBody } = require('../shared/http.js');
const { buildSeed, TASKS, PASSWORD } = require('./seed.js');
const { createResources, setPeriodClosed, GpError } = require('./resources.js');

const ROUTE = /^\/GPService\/Tenants\(([^)]*)\)(?:\/(help)|\/Companies\(([^)]*)\)(?:\/([A-Za-z]+\/[A-Za-z]+)(?:\(([^)]*)\))?)?)?\/?$/;

/**
 * @typedef {Object} GpSimulatorOptions
 * @property {number} [port] 0 = any free port
 * @property {string} [tenant] default 'DefaultTenant'
 * @property {boolean} [basic] accept Basic authentication too (default false)
 * @property {boolean} [ntlm] accept NTLM/Negotiate (default true)
 * @property {'payload'|'bare'} [envelope] the body wrapper (default 'payload': `{"Payload": …}` in and out)
 * @property {boolean} [rejectDuplicateVendorInvoices] Payables "no duplicate vendor invoice numbers" (default true)
 * @property {number} [latencyMs] extra time per API request (default 0)
 * @property {{ year?: number, closedPeriods?: number[], company?: string, companyName?: string }} [seed]
 * @property {string} [certDir]
 */

/** @param {GpSimulatorOptions} [options] */
async function startGpSimulator(options = {}) {
	const certs = await ensureServerCertificates({ certDir: options.certDir });
	const settings = {
		tenant: options.tenant ?? 'DefaultTenant',
		envelope: options.envelope ?? 'payload',
		latencyMs: options.latencyMs ?? 0,
		rejectDuplicateVendorInvoices: options.rejectDuplicateVendorInvoices ?? true,
	};
	const state = buildSeed(options.seed);
	const routes = createResources(state, { get rejectDuplicateVendorInvoices() { return settings.rejectDuplicateVendorInvoices; }, now: () => new Date().toISOString() });
	let baseUrl = '';
	const stats = { requests: 0, apiRequests: 0, byRoute: /** @type {Record<string, number>} */ ({}), handshakes: 0, authentications: 0, refusals: 0, basicLogins: 0 };

	/** @param {import('node:http').ServerResponse} res @param {number} status @param {string} code @param {string} message @param {string} [correlationId] */
	const fail = (res, status, code, message, correlationId = crypto.randomUUID()) => send(res, status, { 'x-correlation-id': correlationId }, { ErrorCode: code, Message: message, CorrelationId: correlationId });
	const injector = createFaultInjector({
		baseUrl: () => baseUrl,
		send,
		errorBody: (kind, status, message, correlationId) => ({ ErrorCode: kind === 'rateLimit' ? 'TooManyRequests' : kind === 'echo' ? 'BadRequest' : `Http${status}`, Message: message, CorrelationId: correlationId }),
		correlationHeaders: (correlationId) => ({ 'x-correlation-id': correlationId }),
		onThrottled: () => undefined,
	});
	/** @param {unknown} value */
	const wrap = (value) => (settings.envelope === 'payload' ? { Payload: value } : value);

	/** @param {import('node:http').IncomingMessage & { windowsUser?: string }} req @param {import('node:http').ServerResponse} res */
	async function handle(req, res) {
		stats.requests++;
		const url = new URL(req.url ?? '/', baseUrl);
		const method = String(req.method).toUpperCase();
		const raw = await readBody(req);
		const bodyText = raw ? raw.toString('utf8') : '';
		if (await injector.apply(req, res, method, url.pathname, true, crypto.randomUUID(), bodyText)) return;
		if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
		let path;
		try {
			path = decodeURIComponent(url.pathname);
		} catch {
			return fail(res, 400, 'BadRequest', 'The URL is not valid.');
		}
		const match = ROUTE.exec(path);
		if (!match) return fail(res, 404, 'NotFound', `No service object at ${path}.`);
		const [, tenant, help, company, routeName, key] = match;
		if (tenant.toLowerCase() !== settings.tenant.toLowerCase()) return fail(res, 404, 'TenantNotFound', `The tenant '${tenant}' was not found.`);
		if (help) return send(res, 200, {}, { Tenant: settings.tenant, Resources: Object.entries(routes).map(([name, route]) => ({ Uri: `Companies({company})/${name}`, SecurityTask: route.task })) });
		const user = state.users.find((candidate) => `${candidate.domain}\\${candidate.username}`.toLowerCase() === String(req.windowsUser).toLowerCase());
		if (!user || !user.gpUser) return fail(res, 401, 'NotAGpUser', `The Windows account ${req.windowsUser} is not mapped to a Microsoft Dynamics GP user.`);
		if (company.toLowerCase() !== state.company.Id.toLowerCase()) return fail(res, 404, 'CompanyNotFound', `The company '${company}' was not found.`);
		if (!user.companies.includes(state.company.Id)) return fail(res, 403, 'CompanyAccessDenied', `The user ${user.gpUser} does not have access to the company ${state.company.Id}.`);
		if (!routeName) return method === 'GET' ? send(res, 200, {}, wrap(state.company)) : fail(res, 405, 'MethodNotAllowed', `${method} is not supported on Companies.`);
		const route = routes[/** @type {keyof typeof routes} */ (routeName)];
		if (!route) return fail(res, 404, 'NotFound', `No service object ${routeName}.`);
		stats.apiRequests++;
		const routeKey = `${method} ${routeName}${key !== undefined ? '(…)' : ''}`;
		stats.byRoute[routeKey] = (stats.byRoute[routeKey] ?? 0) + 1;
		if (!user.tasks.includes(route.task)) {
			return fail(res, 403, 'SecurityTaskMissing', `The user ${user.gpUser} does not have access to the security task '${route.task}' in company ${state.company.Id}.`);
		}
		try {
			const body = bodyText ? readEnvelope(bodyText) : undefined;
			if (method === 'GET') return send(res, 200, {}, wrap(key === undefined ? route.list() : route.get(key)));
			if (method === 'POST' && key === undefined && 'create' in route) return send(res, 201, {}, wrap(route.create(body ?? {})));
			if (method === 'PATCH' && key !== undefined && 'update' in route) return send(res, 200, {}, wrap(route.update(key, body ?? {})));
			if (method === 'DELETE' && key !== undefined && 'remove' in route) {
				route.remove(key);
				return send(res, 204, {});
			}
			return fail(res, 405, 'MethodNotAllowed', `${method} is not supported on ${routeName}.`);
		} catch (error) {
			if (error instanceof GpError) return fail(res, error.status, error.code, error.message);
			return fail(res, 500, 'InternalError', 'An unexpected error occurred in the Dexterity service.');
		}
	}

	/** @param {string} text */
	function readEnvelope(text) {
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch {
			throw new GpError(400, 'InvalidPayload', 'The request body is not valid JSON.');
		}
		if (settings.envelope === 'bare') return parsed;
		if (!parsed || typeof parsed !== 'object' || !parsed.Payload || typeof parsed.Payload !== 'object') {
			throw new GpError(400, 'InvalidPayload', 'The request body must carry the object in "Payload".');
		}
		return parsed.Payload;
	}

	const auth = withWindowsAuth(
		(req, res) => {
			handle(req, res).catch(() => fail(res, 500, 'InternalError', 'An unexpected error occurred.'));
		},
		{ users: state.users.map(({ domain, username, password }) => ({ domain, username, password })), basic: options.basic ?? false, ntlm: options.ntlm ?? true, realm: 'GPService' },
	);
	const server = https.createServer({ cert: certs.cert, key: certs.key }, auth.listener);
	await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	baseUrl = `https://127.0.0.1:${port}`;
	const liveStats = () => Object.assign(stats, { handshakes: auth.stats.negotiations, authentications: auth.stats.authentications, refusals: auth.stats.refusals, basicLogins: auth.stats.basicLogins });

	return {
		url: baseUrl,
		port,
		tenant: settings.tenant,
		company: state.company.Id,
		/** `https://…/GPService/Tenants(t)/Companies(c)` */
		companyUrl: `${baseUrl}/GPService/Tenants(${encodeURIComponent(settings.tenant)})/Companies(${encodeURIComponent(state.company.Id)})`,
		ca: certs.ca,
		caCertPath: certs.caCertPath,
		password: PASSWORD,
		tasks: TASKS,
		settings,
		state,
		get stats() {
			return liveStats();
		},
		resetStats() {
			Object.assign(stats, { requests: 0, apiRequests: 0, byRoute: {} });
			Object.assign(auth.stats, { negotiations: 0, authentications: 0, refusals: 0, basicLogins: 0, requests: 0 });
		},
		faults: injector.faults,
		windowsAuth: auth,
		/** @param {number} year @param {number} period @param {boolean} closed @param {string} [series] */
		setPeriodClosed: (year, period, closed, series) => setPeriodClosed(state, year, period, closed, series),
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { startGpSimulator, TASKS, PASSWORD };
