import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

import { CrossOriginRedirectError, describeHttpFailure, HttpRequestError } from '../../nodes/shared/http';
import { NtlmConnection, NtlmHandshakeError, ntlmRequest, WindowsAuthRefusedError, type WindowsCredentials } from '../../nodes/shared/ntlm';

/* eslint-disable @typescript-eslint/no-require-imports */
const { withWindowsAuth } = require('../simulators/shared/ntlm.js');
const { ensureServerCertificates } = require('../simulators/shared/certs.js');
const { startForeignOrigin } = require('../simulators/shared/foreign-origin.js');
/* eslint-enable @typescript-eslint/no-require-imports */

const PASSWORD = 'Winter-2026-Sn0w!';
const ACCESS_KEY = 'k3Yw9pQ2mZ7xR1vT8bN4cL6dF0gH5jS2aE9uI3oP7yW=';
const jane = { domain: 'CONTOSO', username: 'jane', password: PASSWORD };

type Handler = (req: http.IncomingMessage & { windowsUser?: string }, res: http.ServerResponse) => void;

interface Simulator {
	url: string;
	host: string;
	auth: {
		stats: { negotiations: number; authentications: number; refusals: number; basicLogins: number; requests: number };
		faults: { closeAfterChallenge: boolean; resetOnNegotiate: boolean; forgetAuthentication: boolean };
		options: { ntlmV1Only: boolean };
	};
	close: () => Promise<void>;
}

const servers: Simulator[] = [];
const connections: NtlmConnection[] = [];

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
	res.end(text);
}

/** An ERP stand-in behind Windows auth: echoes who called, what and with which body; /old redirects to /new; /steal to `foreignUrl`. */
function erp(foreignUrl = 'http://127.0.0.1:9'): Handler {
	return (req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			if (req.url === '/slow') return undefined;
			if (req.url === '/old') return json(res, 307, {}, { location: '/new' });
			if (req.url === '/steal') return json(res, 302, {}, { location: `${foreignUrl}/steal` });
			if (req.url === '/not-a-user') {
				return json(res, 401, { ErrorCode: 'NotAGpUser', Message: `The Windows account ${req.windowsUser} is not mapped to a Microsoft Dynamics GP user (password=${PASSWORD})` });
			}
			if (req.url === '/echo-error') {
				return json(res, 400, { error: { message: `Bad request. Authorization: ${req.headers.authorization ?? 'none'}; password=${PASSWORD}; key ${PASSWORD}` } });
			}
			const body = Buffer.concat(chunks).toString('utf8');
			return json(res, 200, { user: req.windowsUser, method: req.method, path: req.url, body: body ? JSON.parse(body) : null });
		});
	};
}

async function start(options: Record<string, unknown> = {}, tls?: { cert: string; key: string }, hostname = '127.0.0.1', handler: Handler = erp()): Promise<Simulator> {
	const auth = withWindowsAuth(handler, { users: [jane, { username: 'gp-service', password: PASSWORD, accessKey: ACCESS_KEY }], ...options });
	const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }, auth.listener) : http.createServer(auth.listener);
	await new Promise<void>((resolve) => server.listen(0, hostname, resolve));
	const { port } = server.address() as AddressInfo;
	const simulator: Simulator = {
		url: `${tls ? 'https' : 'http'}://${hostname}:${port}`,
		host: `${hostname}:${port}`,
		auth,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	servers.push(simulator);
	return simulator;
}

function connect(credentials: WindowsCredentials, options: ConstructorParameters<typeof NtlmConnection>[1] = {}): NtlmConnection {
	const connection = new NtlmConnection(credentials, options);
	connections.push(connection);
	return connection;
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the request to fail');
}

afterEach(async () => {
	for (const connection of connections.splice(0)) connection.close();
	for (const server of servers.splice(0)) await server.close();
});

describe('NTLM transport against the Windows-auth simulator', () => {
	it('authenticates once per connection: later requests on the kept-alive socket need no handshake', async () => {
		const sim = await start();
		const connection = connect(jane);
		const first = await connection.send({ url: `${sim.url}/customers` });
		const posted = await connection.send({ method: 'POST', url: `${sim.url}/customers`, body: { No: 'C-1', Name: 'Ace Plumbing' } });
		const third = await connection.send({ url: `${sim.url}/customers?$top=1` });
		expect(first).toMatchObject({ status: 200, body: { user: 'CONTOSO\\jane', method: 'GET', path: '/customers' } });
		expect(posted.body).toEqual({ user: 'CONTOSO\\jane', method: 'POST', path: '/customers', body: { No: 'C-1', Name: 'Ace Plumbing' } });
		expect(third.body).toMatchObject({ path: '/customers?$top=1' });
		expect(sim.auth.stats).toMatchObject({ negotiations: 1, authentications: 1, refusals: 0, requests: 4 });
	});

	it('requests sent at once on one connection go one after another, with one handshake', async () => {
		const sim = await start();
		const connection = connect(jane);
		const answers = await Promise.all(['/a', '/b', '/c'].map(async (path) => await connection.send({ url: `${sim.url}${path}` })));
		expect(answers.map((answer) => (answer.body as { path: string }).path)).toEqual(['/a', '/b', '/c']);
		expect(sim.auth.stats).toMatchObject({ negotiations: 1, authentications: 1 });
	});

	it('authenticates again, once, when the server forgot the connection (401 on an authenticated socket)', async () => {
		const sim = await start();
		const connection = connect(jane);
		await connection.send({ url: `${sim.url}/a` });
		sim.auth.faults.forgetAuthentication = true;
		const answer = await connection.send({ method: 'POST', url: `${sim.url}/b`, body: { No: 'C-2' } });
		expect(answer.body).toMatchObject({ user: 'CONTOSO\\jane', path: '/b', body: { No: 'C-2' } });
		expect(sim.auth.stats).toMatchObject({ negotiations: 2, authentications: 2 });
	});

	it('names the time it waited when the server does not answer', async () => {
		const sim = await start();
		const error = await failureOf(connect(jane).send({ url: `${sim.url}/slow`, timeoutMs: 300 }));
		expect(error.message).toBe(`${sim.host} sent no answer within 300 ms (timeout)`);
		expect(describeHttpFailure(error).networkCode).toBe('ETIMEDOUT');
	});

	it('a new connection authenticates again, and DOMAIN\\user in the user field works', async () => {
		const sim = await start();
		await connect(jane).send({ url: `${sim.url}/a` });
		const second = await ntlmRequest({ domain: '', username: 'CONTOSO\\jane', password: PASSWORD }, { url: `${sim.url}/b` });
		expect(second.body).toMatchObject({ user: 'CONTOSO\\jane', path: '/b' });
		expect(sim.auth.stats).toMatchObject({ negotiations: 2, authentications: 2 });
	});

	it('takes n8n request options (qs, JSON body, returnFullResponse) like httpRequestWithAuthentication', async () => {
		const sim = await start();
		const connection = connect(jane);
		const body = await connection.httpRequest({ method: 'PATCH', baseURL: sim.url, url: '/items', qs: { company: 'CRONUS' }, body: { Unit_Price: '12.50' }, json: true });
		expect(body).toEqual({ user: 'CONTOSO\\jane', method: 'PATCH', path: '/items?company=CRONUS', body: { Unit_Price: '12.50' } });
		const full = (await connection.httpRequest({ method: 'GET', url: `${sim.url}/x`, returnFullResponse: true })) as { statusCode: number; headers: Record<string, string> };
		expect(full.statusCode).toBe(200);
		expect(full.headers['content-type']).toMatch(/json/);
	});

	it('a wrong password is refused once, naming DOMAIN\\user and never the password', async () => {
		const sim = await start();
		const error = await failureOf(connect({ ...jane, password: 'Not-The-Password-1' }).send({ url: `${sim.url}/customers` }));
		expect(error).toBeInstanceOf(WindowsAuthRefusedError);
		expect(error.message).toBe(`Windows authentication refused for CONTOSO\\jane (wrong password, or not a user of this server) by ${sim.host}`);
		expect(describeHttpFailure(error).status).toBe(401);
		expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('Not-The-Password-1');
		expect(sim.auth.stats).toMatchObject({ negotiations: 1, refusals: 1, authentications: 0 });
	});

	it('an unknown user is refused the same way', async () => {
		const sim = await start();
		const error = await failureOf(connect({ domain: 'CONTOSO', username: 'mallory', password: PASSWORD }).send({ url: `${sim.url}/customers` }));
		expect(error.message).toContain('Windows authentication refused for CONTOSO\\mallory');
		expect(sim.auth.stats.refusals).toBe(1);
	});

	it('redacts the password and echoed NTLM tokens from an error body', async () => {
		const sim = await start();
		const error = await failureOf(connect(jane).send({ url: `${sim.url}/echo-error` }));
		expect(error).toBeInstanceOf(HttpRequestError);
		const failure = describeHttpFailure(error);
		expect(failure.status).toBe(400);
		const text = JSON.stringify(failure);
		expect(text).not.toContain(PASSWORD);
		expect(text).not.toMatch(/NTLM\s+TlRM/);
		expect(text).toContain('NTLM [redacted]');
	});

	it('follows a same-origin redirect with a fresh handshake', async () => {
		const sim = await start();
		const answer = await connect(jane).send({ url: `${sim.url}/old` });
		expect(answer.body).toMatchObject({ path: '/new', user: 'CONTOSO\\jane' });
		expect(sim.auth.stats.negotiations).toBe(2);
	});

	it('refuses a redirect to another origin, naming its host, and sends nothing there', async () => {
		const foreign = await startForeignOrigin();
		try {
			const sim = await start({}, undefined, '127.0.0.1', erp(foreign.url));
			const error = await failureOf(connect(jane).send({ url: `${sim.url}/steal` }));
			expect(error).toBeInstanceOf(CrossOriginRedirectError);
			expect(error.message).toContain(foreign.host);
			expect(foreign.requests).toHaveLength(0);
		} finally {
			await foreign.close();
		}
	});

	it('a server that closes the connection after its challenge gives a clear error', async () => {
		const sim = await start();
		sim.auth.faults.closeAfterChallenge = true;
		const error = await failureOf(connect(jane).send({ url: `${sim.url}/customers` }));
		expect(error).toBeInstanceOf(NtlmHandshakeError);
		expect(error.message).toContain(`${sim.host} closed the connection after its NTLM challenge`);
		expect(sim.auth.stats.authentications).toBe(0);
	});

	it('a server that drops the connection at the first handshake step gives a clear error', async () => {
		const sim = await start();
		sim.auth.faults.resetOnNegotiate = true;
		const error = await failureOf(connect(jane).send({ url: `${sim.url}/customers` }));
		expect(error).toBeInstanceOf(NtlmHandshakeError);
		expect(error.message).toContain(`${sim.host} closed the connection during the Windows authentication handshake`);
	});

	it('refuses to answer an NTLMv1-only challenge', async () => {
		const sim = await start({ ntlmV1Only: true });
		const error = await failureOf(connect(jane).send({ url: `${sim.url}/customers` }));
		expect(error.message).toContain('offered only NTLMv1');
		expect(sim.auth.stats.refusals).toBe(0);
	});

	it('sends NTLM inside Negotiate to a server that offers only Negotiate', async () => {
		const sim = await start({ ntlmScheme: false });
		const connection = connect(jane);
		await connection.send({ url: `${sim.url}/a` });
		const answer = await connection.send({ url: `${sim.url}/b` });
		expect(answer.body).toMatchObject({ user: 'CONTOSO\\jane', path: '/b' });
		expect(sim.auth.stats).toMatchObject({ negotiations: 1, authentications: 1, refusals: 0 });
	});

	it('says so when the server offers no NTLM', async () => {
		const sim = await start({ ntlm: false, basic: true });
		const error = await failureOf(connect(jane).send({ url: `${sim.url}/customers` }));
		expect(error.message).toContain('did not answer with an NTLM challenge (HTTP 401, it offers Basic)');
	});
});

describe('Basic mode of the same transport', () => {
	it('sends user and access key, and names the user when refused', async () => {
		const sim = await start({ basic: true });
		const answer = await ntlmRequest({ kind: 'basic', username: 'gp-service', password: ACCESS_KEY }, { url: `${sim.url}/vendors` });
		expect(answer.body).toMatchObject({ user: 'CONTOSO\\gp-service' });
		const error = await failureOf(ntlmRequest({ kind: 'basic', domain: 'CONTOSO', username: 'jane', password: 'wrong-password' }, { url: `${sim.url}/vendors` }));
		expect(error).toBeInstanceOf(WindowsAuthRefusedError);
		expect(error.message).toBe(`Basic authentication refused for CONTOSO\\jane (wrong user name, password or web service access key) by ${sim.host}`);
		expect(sim.auth.stats).toMatchObject({ basicLogins: 1, refusals: 1, negotiations: 0 });
	});
});

describe('NTLM over TLS with the shared test CA', () => {
	let certificates: { ca: string; cert: string; key: string };
	beforeAll(async () => {
		certificates = await ensureServerCertificates();
	});

	it('authenticates over HTTPS when the CA is given', async () => {
		const sim = await start({}, certificates);
		const connection = connect(jane, { ca: certificates.ca });
		await connection.send({ url: `${sim.url}/a` });
		const answer = await connection.send({ url: `${sim.url}/b` });
		expect(answer.body).toMatchObject({ user: 'CONTOSO\\jane', path: '/b' });
		expect(sim.auth.stats.negotiations).toBe(1);
	});

	it('names an untrusted certificate', async () => {
		const sim = await start({}, certificates);
		const error = await failureOf(connect(jane).send({ url: `${sim.url}/a` }));
		expect(error.message).toContain(`The TLS certificate of ${sim.host} is not signed by a trusted authority`);
		expect(sim.auth.stats.requests).toBe(0);
	});

	it('names a certificate issued for another host name', async () => {
		const sim = await start({}, certificates, '127.0.0.2');
		const error = await failureOf(connect(jane, { ca: certificates.ca }).send({ url: `${sim.url}/a` }));
		expect(error.message).toContain(`The TLS certificate of ${sim.host} is not issued for that host name (ERR_TLS_CERT_ALTNAME_INVALID)`);
	});
});

it("keeps what the server said with its refusal (redacted): GP's \"not mapped to a GP user\" reaches the product", async () => {
	const simulator = await start();
	const error = await connect(jane)
		.httpRequest({ method: 'GET', url: `${simulator.url}/not-a-user`, json: true })
		.then(() => undefined, (failure: unknown) => failure);
	expect(error).toBeInstanceOf(WindowsAuthRefusedError);
	const body = JSON.stringify((error as WindowsAuthRefusedError).failure.body);
	expect(body).toContain('not mapped to a Microsoft Dynamics GP user');
	expect(body).not.toContain(PASSWORD);
});
