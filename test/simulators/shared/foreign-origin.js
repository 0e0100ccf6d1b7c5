'use strict';

/**
 * Another origin on loopback (plain HTTP, its own port): the target of a redirect that must never
 * be followed. It records every request it receives (method, path, headers, body) and answers
 * 200 with `body` — by default `{"value":[]}`, which a client that followed the redirect would
 * take for an empty OData collection.
 *
 *   const foreign = await startForeignOrigin();
 *   sim.faults.push({ kind: 'redirect', location: `${foreign.url}/steal` });
 *   … foreign.requests.length === 0
 *   await foreign.close();
 */

const http = require('node:http');

async function startForeignOrigin(options = {}) {
	const requests = [];
	const body = JSON.stringify(options.body === undefined ? { value: [] } : options.body);
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			requests.push({ method: req.method, path: req.url, headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
			res.end(body);
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || 0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}`,
		host: `127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startForeignOrigin };
