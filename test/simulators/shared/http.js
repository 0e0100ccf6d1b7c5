'use strict';
/**
 * HTTP plumbing shared by the ERP simulators: write a response with its length, read a request
 * body (50 MB cap), start a request (its parts and its request-log line), split an OData path
 * into segments with their key parentheses intact.
 */
const crypto = require('node:crypto');

/**
 * @param {import('node:http').ServerResponse} res @param {number} status @param {Record<string,string>} headers @param {any} [body] @param {string} [raw]
 */
function send(res, status, headers, body, raw) {
	if (res.writableEnded || res.destroyed) return;
	const payload = raw !== undefined ? raw : body === undefined ? '' : JSON.stringify(body);
	const h = { ...headers };
	if (payload && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json; charset=utf-8';
	h['content-length'] = String(Buffer.byteLength(payload));
	res.writeHead(status, h);
	res.end(payload);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer|null>} null when too large
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooBig = false;
		req.on('data', (c) => {
			size += c.length;
			if (size > 50 * 1024 * 1024) tooBig = true;
			else chunks.push(c);
		});
		req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * The parts of a request every simulator needs, and its line in the request log (last 2000) once
 * answered; set `clientId` on the result when the caller is known.
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} baseUrl
 * @param {Array<{ at: string, method: string, path: string, status: number, ms: number, clientId?: string }>} requestLog
 */
function startRequest(req, res, baseUrl, requestLog) {
	const started = Date.now();
	const url = new URL(req.url || '/', baseUrl);
	/** @type {Record<string,string>} */
	const headers = {};
	for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v ?? '');
	const rq = { method: (req.method || 'GET').toUpperCase(), url, path: url.pathname, correlationId: crypto.randomUUID(), headers, clientId: /** @type {string|undefined} */ (undefined) };
	res.on('finish', () => {
		requestLog.push({ at: new Date(started).toISOString(), method: rq.method, path: `${rq.path}${url.search}`, status: res.statusCode, ms: Date.now() - started, clientId: rq.clientId });
		if (requestLog.length > 2000) requestLog.splice(0, requestLog.length - 2000);
	});
	return rq;
}

/** Split an API path into segments, keeping parentheses (keys) intact. @param {string} p */
function splitPath(p) {
	const out = [];
	let cur = '';
	let depth = 0;
	let inStr = false;
	for (const ch of decodeURIComponentSafe(p)) {
		if (ch === "'") inStr = !inStr;
		if (!inStr && ch === '(') depth++;
		if (!inStr && ch === ')') depth--;
		if (ch === '/' && depth === 0 && !inStr) {
			if (cur) out.push(cur);
			cur = '';
		} else cur += ch;
	}
	if (cur) out.push(cur);
	return out;
}

/** @param {string} s */
function decodeURIComponentSafe(s) {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

module.exports = { send, readBody, splitPath, startRequest };
