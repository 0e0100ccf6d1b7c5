'use strict';
/**
 * Fault injection shared by the ERP simulators: tests push fault specs, the simulator asks
 * `apply()` before it processes a request. The ERP supplies its own error body.
 *
 * Fault spec: { kind: 'status'|'rateLimit'|'delay'|'reset'|'html'|'redirect'|'echo', times?, match?,
 * status?, retryAfter?, ms?, body?, title?, location? } — see the README beside this file.
 */
const { htmlPage, echoLines } = require('./fault-pages.js');

/**
 * @typedef {Object} FaultSpec
 * @property {'status'|'rateLimit'|'delay'|'reset'|'html'|'redirect'|'echo'} kind
 * @property {number} [times] how many matching requests it affects (default 1; Infinity allowed)
 * @property {string|RegExp|((r: {method: string, path: string, url: string}) => boolean)} [match]
 *   tested against `"<METHOD> <path>"`; default: every API request, never the token side
 * @property {number} [status] for 'status' (default 503), 'html' (502), 'redirect' (302), 'echo' (400)
 * @property {number} [retryAfter] seconds for 429/502/503 (default 1)
 * @property {number} [ms] for kind 'delay'
 * @property {any} [body] override response body for kind 'status'
 * @property {string} [title] for kind 'html': the page title
 * @property {string|((r: {method: string, path: string, url: string}) => string)} [location] for kind 'redirect'
 */

/**
 * @param {{
 *   baseUrl: () => string,
 *   send: (res: import('node:http').ServerResponse, status: number, headers: Record<string,string>, body?: any, raw?: string) => void,
 *   errorBody: (kind: 'echo'|'rateLimit'|'status', status: number, message: string, correlationId: string) => any,
 *   correlationHeaders: (correlationId: string) => Record<string,string>,
 *   onThrottled: () => void,
 * }} o
 */
function createFaultInjector(o) {
	/** @type {FaultSpec[]} */
	const faults = [];

	/** @param {FaultSpec} f @param {string} method @param {string} path @param {boolean} isApi */
	const matches = (f, method, path, isApi) => {
		if ((f.times ?? 1) <= 0) return false;
		if (f.match === undefined || f.match === null) return isApi;
		const line = `${method} ${path}`;
		if (typeof f.match === 'string') return line.includes(f.match);
		if (f.match instanceof RegExp) return f.match.test(line);
		if (typeof f.match === 'function') return !!f.match({ method, path, url: `${o.baseUrl()}${path}` });
		return false;
	};

	/**
	 * Apply the first matching fault. Resolves true when the request was answered (or the socket reset).
	 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
	 * @param {string} method @param {string} path @param {boolean} isApi @param {string} correlationId @param {string} [bodyText]
	 */
	async function apply(req, res, method, path, isApi, correlationId, bodyText = '') {
		for (;;) {
			const f = faults.find((x) => matches(x, method, path, isApi));
			if (!f) return false;
			f.times = (f.times ?? 1) - 1;
			if (f.kind === 'delay') {
				await new Promise((r) => setTimeout(r, f.ms || 0));
				continue; // a delay may be followed by another fault, then normal processing
			}
			if (f.kind === 'reset') {
				req.socket.destroy();
				return true;
			}
			if (f.kind === 'html') {
				const status = f.status || 502;
				o.send(res, status, { 'content-type': 'text/html; charset=utf-8' }, undefined, htmlPage(status, f.title));
				return true;
			}
			if (f.kind === 'redirect') {
				const location = typeof f.location === 'function' ? f.location({ method, path, url: `${o.baseUrl()}${path}` }) : String(f.location);
				o.send(res, f.status || 302, { location, 'content-type': 'text/plain' }, undefined, '');
				return true;
			}
			if (f.kind === 'echo') {
				// an error whose message shows the request it failed on, Authorization header included
				const status = f.status || 400;
				const echo = echoLines(method, path, req.headers, bodyText).join(' | ');
				o.send(res, status, o.correlationHeaders(correlationId), o.errorBody('echo', status, `The request could not be processed: ${echo}.`, correlationId));
				return true;
			}
			if (f.kind === 'rateLimit') {
				o.onThrottled();
				const body = o.errorBody('rateLimit', 429, 'Too many requests reached. Retry after the time given in the Retry-After header.', correlationId);
				o.send(res, 429, { 'retry-after': String(f.retryAfter ?? 1), ...o.correlationHeaders(correlationId) }, body);
				return true;
			}
			if (f.kind === 'status') {
				const status = f.status || 503;
				const h = o.correlationHeaders(correlationId);
				if (status === 503 || status === 502 || status === 429 || f.retryAfter !== undefined) h['retry-after'] = String(f.retryAfter ?? 1);
				if (status === 429) o.onThrottled();
				o.send(res, status, h, f.body !== undefined ? f.body : o.errorBody('status', status, `Simulated fault: HTTP ${status}.`, correlationId));
				return true;
			}
			return false;
		}
	}

	return { faults, apply };
}

module.exports = { createFaultInjector };
