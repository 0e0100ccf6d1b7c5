'use strict';
/**
 * API subscriptions (webhooks): POST/GET/PATCH/DELETE {apiBase}/subscriptions, the validation
 * handshake (POST notificationUrl?validationToken=…, expect 200 + the token as body), batched
 * notifications with changeType created/updated/deleted/collection, retries on 408/429/5xx and
 * deletion of the subscription on any other non-2xx answer. Delivery only to loopback URLs.
 */
const http = require('node:http');
const https = require('node:https');
const tls = require('node:tls');
const crypto = require('node:crypto');
const { BcError, badRequest } = require('./errors.js');
const { etagOf, checkIfMatch } = require('./store.js');

const SUPPORTED = new Set(['accounts', 'customerPaymentJournals', 'customers', 'dimensions', 'generalLedgerEntries', 'items', 'journals', 'purchaseInvoices', 'salesCreditMemos', 'salesInvoices', 'vendors']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * @param {any} ctx
 * @param {{ delayMs?: number, handshakeTimeoutMs?: number, expirationDays?: number, retryDelaysMs?: number[], maxPerWindow?: number, caCert: string, apiBase: () => string, log?: (s: string) => void }} o
 */
function createWebhooks(ctx, o) {
	const delayMs = o.delayMs ?? 2000;
	const handshakeTimeoutMs = o.handshakeTimeoutMs ?? 5000;
	const expirationDays = o.expirationDays ?? 3;
	const retryDelays = o.retryDelaysMs ?? [1000, 3000, 10000];
	const maxPerWindow = o.maxPerWindow ?? 1000;
	/** @type {Map<string, any>} */
	const subs = new Map();
	/** @type {any[]} pending change records */
	let pending = [];
	/** @type {NodeJS.Timeout | null} */
	let timer = null;
	/** @type {Set<NodeJS.Timeout>} */
	const retryTimers = new Set();
	/** @type {any[]} */
	const deliveries = [];
	let stopped = false;
	let rowVersion = 0;

	/**
	 * POST/GET a loopback URL.
	 * @param {string} target @param {string} body
	 * @returns {Promise<{ status: number, body: string }>}
	 */
	function post(target, body) {
		return new Promise((resolve, reject) => {
			const u = new URL(target);
			const lib = u.protocol === 'https:' ? https : http;
			const req = lib.request(
				u,
				{
					method: 'POST',
					headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
					timeout: handshakeTimeoutMs,
					...(u.protocol === 'https:' ? { ca: [o.caCert, ...tls.rootCertificates] } : {}),
				},
				(res) => {
					const chunks = /** @type {Buffer[]} */ ([]);
					res.on('data', (c) => chunks.push(c));
					res.on('end', () => resolve({ status: res.statusCode || 0, body: Buffer.concat(chunks).toString('utf8') }));
				},
			);
			req.on('timeout', () => req.destroy(new Error('timeout')));
			req.on('error', reject);
			req.end(body);
		});
	}

	/** @param {string} url */
	function checkLoopback(url) {
		let u;
		try {
			u = new URL(url);
		} catch {
			throw badRequest(`The notificationUrl '${url}' is not a valid URL.`);
		}
		if (!/^https?:$/.test(u.protocol) || !LOOPBACK.has(u.hostname)) {
			throw badRequest(`The simulator only delivers notifications to loopback addresses (127.0.0.1, localhost); got '${url}'.`);
		}
	}

	/** @param {string} resource */
	function parseResource(resource) {
		const m = /(?:^|\/)companies\(([0-9a-fA-F-]{36})\)\/([A-Za-z]+)\/?$/.exec(String(resource).split('?')[0]);
		if (!m) throw badRequest(`The resource '${resource}' is not valid. Use '/api/v2.0/companies({id})/{entitySet}'.`);
		const cid = m[1].toLowerCase();
		if (!ctx.state.companies[cid]) throw new BcError(404, 'Internal_CompanyNotFound', `The Company does not exist. Identification fields and values: Id='${cid}'`);
		if (!SUPPORTED.has(m[2])) throw badRequest(`The resource '${m[2]}' does not support webhooks.`);
		return { companyId: cid, entitySet: m[2] };
	}

	/** @param {any} s */
	function view(s) {
		return {
			'@odata.etag': etagOf(s),
			subscriptionId: s.subscriptionId,
			notificationUrl: s.notificationUrl,
			resource: s.resource,
			timestamp: s._ts,
			userId: s.userId,
			lastModifiedDateTime: s.lastModifiedDateTime,
			clientState: s.clientState,
			expirationDateTime: s.expirationDateTime,
			systemCreatedAt: s.systemCreatedAt,
			systemCreatedBy: s.userId,
			systemModifiedAt: s.lastModifiedDateTime,
			systemModifiedBy: s.userId,
		};
	}

	/** @param {string} url */
	async function handshake(url) {
		const token = crypto.randomBytes(16).toString('hex');
		const sep = url.includes('?') ? '&' : '?';
		let r;
		try {
			r = await post(`${url}${sep}validationToken=${encodeURIComponent(token)}`, '');
		} catch (e) {
			throw badRequest(`The subscription handshake with '${url}' failed: ${/** @type {Error} */ (e).message}.`);
		}
		if (r.status !== 200 || r.body.trim().replace(/^"|"$/g, '') !== token) {
			throw badRequest(`The subscription handshake with '${url}' failed: expected 200 with the validation token as the body, got ${r.status}.`);
		}
	}

	/**
	 * Async handler for {apiBase}/subscriptions…
	 * @param {any} req ApiRequest
	 */
	async function handleAsync(req) {
		const seg = req.segments[0];
		const km = /^subscriptions(?:\('([^']*)'\))?$/.exec(seg);
		if (!km || req.segments.length > 1) throw new BcError(404, 'BadRequest_ResourceNotFound', `Resource not found for the segment '${seg}'.`);
		const key = km[1];
		const json = { 'content-type': 'application/json; odata.metadata=minimal', 'odata-version': '4.0' };
		const clientId = req.principal ? req.principal.clientId : '';
		if (key === undefined) {
			if (req.method === 'GET') {
				return { status: 200, headers: json, body: { '@odata.context': `${o.apiBase()}/$metadata#subscriptions`, value: [...subs.values()].map(view) } };
			}
			if (req.method === 'POST') {
				const b = req.body;
				if (!b || typeof b !== 'object' || typeof b.notificationUrl !== 'string' || typeof b.resource !== 'string') throw badRequest('The "notificationUrl" and "resource" fields are required.');
				for (const k of Object.keys(b)) if (!['notificationUrl', 'resource', 'clientState'].includes(k) && !k.startsWith('@')) throw badRequest(`The property '${k}' does not exist on type 'Microsoft.NAV.subscriptions'.`);
				if (b.clientState !== undefined && (typeof b.clientState !== 'string' || b.clientState.length > 2048)) throw badRequest('The "clientState" must be a string of at most 2048 characters.');
				checkLoopback(b.notificationUrl);
				const target = parseResource(b.resource);
				if (subs.size >= 200) throw badRequest('The maximum number of subscriptions (200) has been reached.');
				await handshake(b.notificationUrl);
				const now = ctx.nowIso();
				const s = {
					subscriptionId: crypto.randomBytes(16).toString('hex'),
					notificationUrl: b.notificationUrl,
					resource: b.resource,
					clientState: b.clientState || '',
					userId: clientId,
					...target,
					expirationDateTime: new Date(Date.now() + expirationDays * 86400000).toISOString(),
					systemCreatedAt: now,
					lastModifiedDateTime: now,
					id: crypto.randomUUID(),
					_ts: ++rowVersion,
				};
				subs.set(s.subscriptionId, s);
				return { status: 201, headers: { ...json, etag: etagOf(s) }, body: { '@odata.context': `${o.apiBase()}/$metadata#subscriptions/$entity`, ...view(s) } };
			}
			throw new BcError(405, 'BadRequest_MethodNotAllowed', `'${req.method}' requests for 'subscriptions' are not allowed.`);
		}
		const s = subs.get(key);
		if (!s) throw new BcError(404, 'BadRequest_NotFound', `The subscription '${key}' does not exist.`);
		if (req.method === 'GET') return { status: 200, headers: { ...json, etag: etagOf(s) }, body: { '@odata.context': `${o.apiBase()}/$metadata#subscriptions/$entity`, ...view(s) } };
		const im = checkIfMatch(req.headers['if-match'], s);
		if (req.method === 'PATCH' || req.method === 'DELETE') {
			if (im === 'missing') throw new BcError(400, 'BadRequest_InvalidToken', 'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.');
			if (im === 'stale') throw new BcError(409, 'Request_EntityChanged', 'Another user has already changed the record.');
		}
		if (req.method === 'DELETE') {
			subs.delete(key);
			return { status: 204, headers: {} };
		}
		if (req.method === 'PATCH') {
			const b = req.body || {};
			const url = typeof b.notificationUrl === 'string' ? b.notificationUrl : s.notificationUrl;
			checkLoopback(url);
			const target = typeof b.resource === 'string' ? parseResource(b.resource) : { companyId: s.companyId, entitySet: s.entitySet };
			await handshake(url);
			Object.assign(s, target, {
				notificationUrl: url,
				resource: typeof b.resource === 'string' ? b.resource : s.resource,
				clientState: typeof b.clientState === 'string' ? b.clientState : s.clientState,
				expirationDateTime: new Date(Date.now() + expirationDays * 86400000).toISOString(),
				lastModifiedDateTime: ctx.nowIso(),
				_ts: ++rowVersion,
			});
			return { status: 200, headers: { ...json, etag: etagOf(s) }, body: { '@odata.context': `${o.apiBase()}/$metadata#subscriptions/$entity`, ...view(s) } };
		}
		throw new BcError(405, 'BadRequest_MethodNotAllowed', `'${req.method}' requests for 'subscriptions' are not allowed.`);
	}

	/** Record a change; notifications go out `delayMs` after the first pending change. */
	function record(/** @type {any} */ co, /** @type {string} */ set, /** @type {string} */ id, /** @type {string} */ changeType) {
		if (stopped || !subs.size || !SUPPORTED.has(set)) return;
		pending.push({ companyId: co.meta.id, set, id, changeType, at: ctx.nowIso() });
		if (!timer) {
			timer = setTimeout(() => {
				timer = null;
				flush().catch(() => undefined);
			}, delayMs);
			timer.unref?.();
		}
	}

	/** Deliver everything pending now. */
	async function flush() {
		const batch = pending;
		pending = [];
		if (timer) {
			clearTimeout(timer);
			timer = null;
		}
		/** @type {Map<string, any[]>} notificationUrl → notifications */
		const byUrl = new Map();
		const now = Date.now();
		for (const s of [...subs.values()]) {
			if (Date.parse(s.expirationDateTime) < now) {
				subs.delete(s.subscriptionId);
				continue;
			}
			const mine = batch.filter((c) => c.companyId === s.companyId && c.set === s.entitySet);
			if (!mine.length) continue;
			/** @type {Map<string, any>} */
			const per = new Map();
			for (const c of mine) {
				const prev = per.get(c.id);
				if (!prev) per.set(c.id, { ...c });
				else {
					if (c.changeType === 'deleted') prev.changeType = 'deleted';
					prev.at = c.at;
				}
			}
			let notes;
			if (per.size > maxPerWindow) {
				const first = mine[0].at;
				notes = [
					{
						subscriptionId: s.subscriptionId,
						clientState: s.clientState,
						expirationDateTime: s.expirationDateTime,
						resource: `api/v2.0/companies(${s.companyId})/${s.entitySet}?$filter=lastModifiedDateTime%20gt%20${first}`,
						changeType: 'collection',
						lastModifiedDateTime: mine[mine.length - 1].at,
					},
				];
			} else {
				notes = [...per.values()].map((c) => ({
					subscriptionId: s.subscriptionId,
					clientState: s.clientState,
					expirationDateTime: s.expirationDateTime,
					resource: `api/v2.0/companies(${s.companyId})/${s.entitySet}(${c.id})`,
					changeType: c.changeType,
					lastModifiedDateTime: c.at,
				}));
			}
			if (!byUrl.has(s.notificationUrl)) byUrl.set(s.notificationUrl, []);
			/** @type {any[]} */ (byUrl.get(s.notificationUrl)).push(...notes);
		}
		await Promise.all([...byUrl.entries()].map(([url, value]) => deliver(url, value, 0)));
	}

	/** @param {string} url @param {any[]} value @param {number} attempt */
	async function deliver(url, value, attempt) {
		if (stopped) return;
		let status = 0;
		try {
			status = (await post(url, JSON.stringify({ value }))).status;
		} catch {
			status = 0;
		}
		deliveries.push({ at: new Date().toISOString(), url, count: value.length, status, attempt });
		if (deliveries.length > 500) deliveries.splice(0, deliveries.length - 500);
		if (status >= 200 && status < 300) return;
		if (status === 0 || status === 408 || status === 429 || status >= 500) {
			if (attempt < retryDelays.length) {
				const t = setTimeout(() => {
					retryTimers.delete(t);
					deliver(url, value, attempt + 1).catch(() => undefined);
				}, retryDelays[attempt]);
				t.unref?.();
				retryTimers.add(t);
			}
			return;
		}
		// any other non-2xx: BC deletes the subscription
		for (const v of value) subs.delete(v.subscriptionId);
	}

	return {
		record,
		handleAsync,
		mark: () => pending.length,
		/** @param {number} m */
		rollback: (m) => {
			pending = pending.slice(0, m);
		},
		clear() {
			subs.clear();
			pending = [];
			deliveries.length = 0;
		},
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			for (const t of retryTimers) clearTimeout(t);
			retryTimers.clear();
		},
		api: {
			/** current subscriptions (API shape) */
			list: () => [...subs.values()].map(view),
			/** deliver pending notifications now */
			flush,
			/** delivery attempts log */
			deliveries,
			/** number of pending change records */
			pending: () => pending.length,
		},
	};
}

module.exports = { createWebhooks, SUPPORTED };
