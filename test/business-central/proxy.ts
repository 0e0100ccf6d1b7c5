import { createServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';

import type { BusinessCentralSimulator } from './setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureServerCertificates } = require('../simulators/shared/certs');

/**
 * What the wire does to one kind of request on its way back: `drop` lets Business Central carry it
 * out and then cuts the connection before the answer arrives (a lost answer); a function rewrites
 * the JSON answer (e.g. a record without its @odata.etag).
 */
export interface WireRule {
	/** Tested against "METHOD /path?query". */
	match: RegExp;
	/** Also tested against the request body, when set (e.g. which actions a `$batch` carries). */
	body?: RegExp;
	/** How many matching requests it affects (default 1). */
	times?: number;
	/** `cut` closes the connection before the request reaches Business Central. */
	action: 'drop' | 'cut' | ((body: Record<string, unknown>) => Record<string, unknown>);
}

export interface WireProxy {
	url: string;
	rules: WireRule[];
	close(): Promise<void>;
}

/**
 * An HTTPS proxy on 127.0.0.1 in front of the Business Central simulator, with the simulator's own
 * certificate: requests reach the real simulator; only what comes back can be lost or rewritten.
 */
export async function startWireProxy(sim: BusinessCentralSimulator): Promise<WireProxy> {
	const certificates = await ensureServerCertificates();
	const rules: WireRule[] = [];
	const server = createServer({ key: certificates.key, cert: certificates.cert }, (request, response) => {
		const body: Buffer[] = [];
		request.on('data', (chunk: Buffer) => body.push(chunk));
		request.on('end', () => {
			const line = `${request.method} ${request.url}`;
			const text = Buffer.concat(body).toString('utf8');
			const rule = rules.find((candidate) => (candidate.times ?? 1) > 0 && candidate.match.test(line) && (!candidate.body || candidate.body.test(text)));
			if (rule) rule.times = (rule.times ?? 1) - 1;
			if (rule?.action === 'cut') {
				request.socket.destroy();
				return;
			}
			const headers = { ...request.headers, host: `127.0.0.1:${sim.port}` };
			delete headers['accept-encoding'];
			const upstream = httpsRequest({ host: '127.0.0.1', port: sim.port, method: request.method, path: request.url, headers, ca: sim.ca }, (answer) => {
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('end', () => {
					if (rule?.action === 'drop') {
						request.socket.destroy();
						return;
					}
					let payload = Buffer.concat(chunks);
					if (rule && typeof rule.action === 'function') payload = Buffer.from(JSON.stringify(rule.action(JSON.parse(payload.toString('utf8')))));
					const answerHeaders = { ...answer.headers };
					delete answerHeaders['content-length'];
					delete answerHeaders['transfer-encoding'];
					response.writeHead(answer.statusCode ?? 502, { ...answerHeaders, 'content-length': String(payload.length) });
					response.end(payload);
				});
			});
			upstream.on('error', () => request.socket.destroy());
			upstream.end(Buffer.concat(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
		rules,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** A rewrite that removes every @odata.etag from an answer (one record or a collection). */
export function withoutEtags(body: Record<string, unknown>): Record<string, unknown> {
	const strip = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([key]) => key !== '@odata.etag'));
	return Array.isArray(body.value) ? { ...body, value: (body.value as Array<Record<string, unknown>>).map(strip) } : strip(body);
}
