'use strict';

/**
 * Answers both simulators give for the faults that real deployments produce outside the vendor's
 * API contract: an HTML page from a proxy, and an error text that echoes the request (headers and
 * body), as misconfigured gateways and some vendor 500/400 pages do.
 */

const REASONS = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

/** An nginx-style error page (or any HTML page, e.g. a proxy's login form, with `title`). */
function htmlPage(status, title) {
	const heading = title || `${status} ${REASONS[status] || 'Error'}`;
	return (
		`<!DOCTYPE html>\r\n<html>\r\n<head><title>${heading}</title>\r\n<style>body{font-family:sans-serif}</style></head>\r\n` +
		`<body>\r\n<center><h1>${heading}</h1></center>\r\n<form action="/login" method="post"><input name="user"><input type="password" name="pass"></form>\r\n` +
		`<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n`
	);
}

/** The request as an echoing error page shows it: method, path, every header, the body. */
function echoLines(method, path, headers, body) {
	const lines = [`${method} ${path}`];
	for (const [name, value] of Object.entries(headers || {})) lines.push(`${name}: ${Array.isArray(value) ? value.join(', ') : value}`);
	if (body) lines.push('', body);
	return lines;
}

module.exports = { htmlPage, echoLines };
