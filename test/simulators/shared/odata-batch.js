'use strict';
/**
 * OData v4 multipart `$batch` wire format (what F&O and other OData v4 services take): parse a
 * `multipart/mixed` batch with nested changesets into inner requests, and write the multipart
 * response. Running the parts is the simulator's job.
 */
const crypto = require('node:crypto');

const REASONS = /** @type {Record<number,string>} */ ({
	200: 'OK',
	201: 'Created',
	204: 'No Content',
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	412: 'Precondition Failed',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable',
});

/**
 * @typedef {{ kind: 'request', contentId: string | null, method: string, url: string, headers: Record<string,string>, body: string }} BatchRequest
 * @typedef {{ kind: 'changeset', requests: BatchRequest[] }} BatchChangeset
 * @typedef {BatchRequest | BatchChangeset} BatchItem
 */

/** @param {string} contentType @returns {string | null} */
function boundaryOf(contentType) {
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType || '');
	return m ? m[1] || m[2] : null;
}

/** @param {string} text @returns {{ headers: Record<string,string>, body: string }} */
function splitHead(text) {
	const m = /\r?\n\r?\n/.exec(text);
	const head = m ? text.slice(0, m.index) : text;
	const body = m ? text.slice(m.index + m[0].length) : '';
	/** @type {Record<string,string>} */
	const headers = {};
	for (const line of head.split(/\r?\n/)) {
		const i = line.indexOf(':');
		if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
	}
	return { headers, body };
}

/** @param {string} text @param {string} boundary @returns {string[]} the parts between the delimiters */
function splitParts(text, boundary) {
	const delim = `--${boundary}`;
	const end = text.indexOf(`${delim}--`);
	if (end < 0) throw new Error(`The batch is missing its closing delimiter '${delim}--'.`);
	const chunks = text.slice(0, end).split(delim).slice(1);
	return chunks.map((c) => c.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, ''));
}

/** @param {string} part @returns {BatchRequest} */
function parseHttpPart(part) {
	const outer = splitHead(part);
	if (!/^application\/http/i.test(outer.headers['content-type'] || '')) throw new Error(`A batch part must have Content-Type application/http, not '${outer.headers['content-type'] || ''}'.`);
	const lines = outer.body.replace(/^\s+/, '');
	const nl = lines.search(/\r?\n/);
	const requestLine = nl < 0 ? lines : lines.slice(0, nl);
	const m = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/1\.1)?\s*$/.exec(requestLine);
	if (!m) throw new Error(`The batch part's request line '${requestLine}' is not an HTTP request line.`);
	const inner = splitHead(nl < 0 ? '' : lines.slice(nl).replace(/^\r?\n/, ''));
	return { kind: 'request', contentId: outer.headers['content-id'] ?? inner.headers['content-id'] ?? null, method: m[1], url: m[2], headers: inner.headers, body: inner.body.trim() };
}

/**
 * @param {string} contentType the outer Content-Type header @param {string} text the body
 * @returns {BatchItem[]} throws an Error with a readable message when the batch is malformed
 */
function parseMultipartBatch(contentType, text) {
	if (!/^multipart\/mixed/i.test(contentType || '')) throw new Error(`A $batch request needs Content-Type multipart/mixed with a boundary, not '${contentType || ''}'.`);
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new Error('The multipart/mixed Content-Type of the $batch has no boundary.');
	return splitParts(text, boundary).map((part) => {
		const { headers, body } = splitHead(part);
		const ct = headers['content-type'] || '';
		if (/^multipart\/mixed/i.test(ct)) {
			const inner = boundaryOf(ct);
			if (!inner) throw new Error('A changeset has no boundary.');
			const requests = splitParts(body, inner).map(parseHttpPart);
			const get = requests.find((r) => r.method === 'GET');
			if (get) throw new Error(`A changeset may not contain a GET request (${get.url}).`);
			return /** @type {BatchChangeset} */ ({ kind: 'changeset', requests });
		}
		return parseHttpPart(part);
	});
}

/** @typedef {{ status: number, headers?: Record<string,string>, body?: any, contentId?: string | null }} PartResponse */

/** @param {PartResponse} r */
function httpPart(r) {
	const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
	const head = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
	if (r.contentId) head.push(`Content-ID: ${r.contentId}`);
	const inner = [`HTTP/1.1 ${r.status} ${REASONS[r.status] || 'Status'}`];
	const h = { ...(body ? { 'Content-Type': 'application/json; odata.metadata=minimal' } : {}), ...(r.headers || {}) };
	for (const [k, v] of Object.entries(h)) inner.push(`${k}: ${v}`);
	return `${head.join('\r\n')}\r\n\r\n${inner.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * @param {Array<PartResponse | { changeset: PartResponse[] }>} items one entry per batch item: a
 *   plain response, or the responses of a changeset (a failed changeset answers with its one error)
 * @returns {{ contentType: string, body: string }}
 */
function writeMultipartBatch(items) {
	const boundary = `batchresponse_${crypto.randomUUID()}`;
	const out = [];
	for (const item of items) {
		if ('changeset' in item) {
			const cs = `changesetresponse_${crypto.randomUUID()}`;
			const parts = item.changeset.map((r) => `--${cs}\r\n${httpPart(r)}\r\n`).join('');
			out.push(`--${boundary}\r\nContent-Type: multipart/mixed; boundary=${cs}\r\n\r\n${parts}--${cs}--\r\n`);
		} else out.push(`--${boundary}\r\n${httpPart(item)}\r\n`);
	}
	return { contentType: `multipart/mixed; boundary=${boundary}`, body: `${out.join('')}--${boundary}--\r\n` };
}

/**
 * Read a multipart batch response (for tests and clients of the simulators).
 * @param {string} contentType @param {string} text
 * @returns {Array<{ status: number, headers: Record<string,string>, body: any, contentId: string | null, changeset: boolean }>}
 */
function readMultipartResponse(contentType, text) {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new Error('no boundary');
	/** @param {string} part @param {boolean} changeset */
	const one = (part, changeset) => {
		const outer = splitHead(part);
		const nl = outer.body.search(/\r?\n/);
		const status = Number(/^HTTP\/1\.1 (\d+)/.exec(outer.body)?.[1] ?? 0);
		const inner = splitHead(outer.body.slice(nl).replace(/^\r?\n/, ''));
		const raw = inner.body.trim();
		let body = raw;
		try {
			body = raw ? JSON.parse(raw) : undefined;
		} catch {
			/* not JSON */
		}
		return { status, headers: inner.headers, body, contentId: outer.headers['content-id'] ?? null, changeset };
	};
	return splitParts(text, boundary).flatMap((part) => {
		const { headers, body } = splitHead(part);
		const ct = headers['content-type'] || '';
		if (/^multipart\/mixed/i.test(ct)) return splitParts(body, /** @type {string} */ (boundaryOf(ct))).map((p) => one(p, true));
		return [one(part, false)];
	});
}

module.exports = { parseMultipartBatch, writeMultipartBatch, readMultipartResponse, REASONS };
