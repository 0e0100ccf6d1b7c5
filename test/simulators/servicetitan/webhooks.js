'use strict';
/**
 * Webhook delivery for the ServiceTitan simulator.
 *
 * ServiceTitan V2 webhooks' payload shape, event names and signature encoding are NOT documented
 * (servicetitan.md §7, U1). This simulator DEFINES them as:
 *
 *   POST <targetUrl>
 *   content-type: application/json
 *   x-servicetitan-signature: [prefix]HMAC-SHA256(key, rawBody) as hex (default) or base64
 *   x-servicetitan-event: <eventType>
 *   x-servicetitan-webhook-id: <eventId>
 *
 *   {"eventId":"<uuid>","eventType":"invoice.created","tenantId":1000001,
 *    "createdOn":"<iso>","data":{ ...the full record as the API returns it... }}
 *
 * For a recordId that is not in state, `data` is `{"id": recordId}`. The signature covers the exact
 * raw body bytes that are signed; `tamper` may change the bytes after signing.
 * Retries (opt-in): on a non-2xx answer or a network error, retry after 10, 30, 60 and 300 seconds
 * (× retryScale), i.e. at most 5 attempts, with the same eventId and body.
 */

const crypto = require('node:crypto');

const RETRY_SCHEDULE_SECONDS = [10, 30, 60, 300];

/** event-type prefix (before the first '.') → state collection */
const EVENT_COLLECTIONS = {
	invoice: 'invoices',
	invoices: 'invoices',
	payment: 'payments',
	payments: 'payments',
	inventorybill: 'inventoryBills',
	inventorybills: 'inventoryBills',
	bill: 'inventoryBills',
	customer: 'customers',
	customers: 'customers',
	location: 'locations',
	job: 'jobs',
	jobs: 'jobs',
	vendor: 'vendors',
	purchaseorder: 'purchaseOrders',
	businessunit: 'businessUnits',
	service: 'services',
	material: 'materials',
	glaccount: 'glAccounts',
};

/**
 * HMAC-SHA256 of `rawBody` with `key`, encoded as hex or base64.
 * @param {string|Buffer} rawBody
 * @param {string|Buffer} key
 * @param {'hex'|'base64'} [encoding='hex']
 * @returns {string}
 */
function signWebhookBody(rawBody, key, encoding) {
	return crypto.createHmac('sha256', key).update(rawBody).digest(encoding === 'base64' ? 'base64' : 'hex');
}

/** @param {string} eventType @returns {string|null} */
function collectionForEvent(eventType) {
	const prefix = String(eventType || '')
		.split(/[.:/]/)[0]
		.toLowerCase()
		.replace(/[-_\s]/g, '');
	return EVENT_COLLECTIONS[prefix] || null;
}

/** Only loopback targets are allowed: the simulator never sends traffic elsewhere. */
function assertLoopback(targetUrl) {
	let u;
	try {
		u = new URL(targetUrl);
	} catch {
		throw new Error(`sendWebhook: invalid URL ${targetUrl}`);
	}
	const host = u.hostname.replace(/^\[|\]$/g, '');
	if (!['127.0.0.1', 'localhost', '::1'].includes(host) || !/^https?:$/.test(u.protocol)) {
		throw new Error(`sendWebhook: refusing to deliver to ${u.host}; only http(s)://127.0.0.1|localhost targets are allowed`);
	}
	return u;
}

/**
 * Deliver one webhook event (see file comment for the wire format).
 * @param {any} sim simulator instance
 * @param {string} targetUrl
 * @param {{eventType:string, recordId?:number, data?:any, tenantId?:number|string}} event
 * @param {object} [opts]
 * @returns {Promise<{status:number, body:string, eventId:string, rawBody:string, signedBody:string, signature:string|null, headers:Record<string,string>, attempts:{status:number, error?:string, at:string}[], error?:string}>}
 */
async function sendWebhook(sim, targetUrl, event, opts) {
	const o = opts || {};
	assertLoopback(targetUrl);
	if (!event || typeof event.eventType !== 'string') throw new Error('sendWebhook: event.eventType is required');
	const eventId = o.eventId || crypto.randomUUID();
	let data = event.data;
	if (data === undefined) {
		const coll = collectionForEvent(event.eventType);
		const rec = coll && event.recordId != null ? sim.indexes.findById(sim.state[coll] || [], Number(event.recordId)) : undefined;
		data = rec ? JSON.parse(JSON.stringify(rec)) : { id: event.recordId == null ? null : event.recordId };
	}
	const payload = {
		eventId,
		eventType: event.eventType,
		tenantId: Number(event.tenantId != null ? event.tenantId : sim.tenantId),
		createdOn: new Date().toISOString(),
		data,
	};
	const signedBody = JSON.stringify(payload);
	const key = o.key !== undefined ? o.key : sim.options.webhookSigningKey;
	const encoding = o.encoding === 'base64' ? 'base64' : 'hex';
	let signature;
	if (o.signature !== undefined) signature = o.signature;
	else signature = key ? `${o.prefix || ''}${signWebhookBody(signedBody, key, encoding)}` : null;
	let rawBody = signedBody;
	if (typeof o.tamper === 'function') {
		const t = o.tamper(signedBody);
		rawBody = Buffer.isBuffer(t) ? t.toString('utf8') : String(t);
	}
	/** @type {Record<string,string>} */
	const headers = {
		'content-type': 'application/json',
		'user-agent': 'ServiceTitan-Webhooks-Simulator/1.0',
		'x-servicetitan-event': event.eventType,
		'x-servicetitan-webhook-id': eventId,
	};
	if (signature != null) headers[(o.header || 'x-servicetitan-signature').toLowerCase()] = signature;
	Object.assign(headers, o.headers || {});

	const scale = o.retryScale == null ? 1 : Number(o.retryScale);
	const maxAttempts = o.retries ? 1 + RETRY_SCHEDULE_SECONDS.length : 1;
	const attempts = [];
	let last = { status: 0, body: '', error: undefined };
	for (let i = 0; i < maxAttempts; i++) {
		if (i > 0) await sim._sleep(RETRY_SCHEDULE_SECONDS[i - 1] * 1000 * scale);
		if (sim.closed) break;
		const at = new Date().toISOString();
		try {
			const res = await fetch(targetUrl, {
				method: 'POST',
				headers,
				body: rawBody,
				redirect: 'manual',
				signal: AbortSignal.timeout(o.timeoutMs || 15000),
			});
			const body = await res.text();
			last = { status: res.status, body, error: undefined };
			attempts.push({ status: res.status, at });
		} catch (err) {
			last = { status: 0, body: '', error: String((err && err.message) || err) };
			attempts.push({ status: 0, error: last.error, at });
		}
		sim.stats.webhooksSent++;
		if (last.status >= 200 && last.status < 300) break;
	}
	const result = { status: last.status, body: last.body, eventId, rawBody, signedBody, signature, headers, attempts };
	if (last.error) result.error = last.error;
	sim.webhookLog.push({ url: targetUrl, eventId, eventType: event.eventType, status: last.status, attempts: attempts.length });
	if (sim.webhookLog.length > 1000) sim.webhookLog.splice(0, sim.webhookLog.length - 1000);
	return result;
}

module.exports = { sendWebhook, signWebhookBody, collectionForEvent, assertLoopback, RETRY_SCHEDULE_SECONDS };
