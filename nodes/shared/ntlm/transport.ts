import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import type { IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { HttpRequestError } from '../http/failure';
import { sendSameOriginOnly, targetUrl } from '../http/redirects';
import { cleanVendorText, redactValue } from '../redact';
import { networkFailure, NtlmHandshakeError, WindowsAuthRefusedError } from './errors';
import { accountName, accountOf, authenticateToken, challengeToken, negotiateToken, offeredSchemes, type AuthScheme } from './messages';

/**
 * Windows authentication (NTLM, or Basic) for NAV and GP on-premises: the one place of the package
 * that does HTTP itself rather than through n8n's httpRequestWithAuthentication, because NTLM
 * authenticates a TCP connection, not a request, and n8n's helpers do not keep one.
 *
 * An NtlmConnection belongs to its caller (one per node execution: no module-level state). It keeps
 * one kept-alive connection per origin and sends its requests one after another on it, so the
 * handshake (type 1 → 401 with the server's challenge → type 3 on the same socket) is done once per
 * connection and later requests go through on the authenticated socket.
 */

export interface NtlmCredentials {
	kind?: 'ntlm';
	domain?: string;
	username: string;
	password: string;
	workstation?: string;
}

/** NAV's web service access key and GP's Basic mode: user (DOMAIN\user when a domain is given) and password or key. */
export interface BasicCredentials {
	kind: 'basic';
	domain?: string;
	username: string;
	password: string;
}

export type WindowsCredentials = NtlmCredentials | BasicCredentials;

export interface ConnectionOptions {
	rejectUnauthorized?: boolean;
	/** PEM certificate(s) of the CA that signed the server's certificate */
	ca?: string | Buffer | Array<string | Buffer>;
}

export interface WindowsAuthRequest {
	method?: string;
	url: string;
	headers?: Record<string, string>;
	/** an object or array is sent as JSON */
	body?: unknown;
	timeoutMs?: number;
}

export interface WindowsAuthResponse {
	status: number;
	headers: Record<string, string>;
	/** parsed JSON, or the text ('' when empty) */
	body: unknown;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** Response headers a failure keeps; the rest (cookies, tracing, challenges) never travels with an error. */
const KEPT_HEADERS = ['retry-after', 'content-type', 'location'];

/** An echoed Authorization header: the type 3 answer can be cracked offline, so it is never shown. */
const NTLM_TOKEN = /\b(NTLM|Negotiate)\s+[A-Za-z0-9+/]{8,}=*/gi;

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

interface Outgoing {
	method: string;
	url: URL;
	headers: Record<string, string>;
	body?: Buffer;
	timeoutMs: number;
}

/** What one leg sends: its Authorization header, whether the request body goes with it, whether it is part of a handshake. */
interface Leg {
	authorization?: string;
	withBody: boolean;
	handshake: boolean;
}

interface Exchange {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
	socket: Socket;
}

interface FullResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: unknown;
}

function outgoing(options: IHttpRequestOptions): Outgoing {
	let url: URL;
	try {
		url = new URL(targetUrl(options));
	} catch {
		throw new HttpRequestError({ headers: {}, message: 'The server URL is not a valid URL: check it in the credential' });
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new HttpRequestError({ headers: {}, message: `${url.protocol} URLs are not supported: use https:// or http://` });
	// Credentials come from the credential, never from the URL.
	url.username = '';
	url.password = '';
	for (const [key, value] of Object.entries(options.qs ?? {})) {
		for (const entry of Array.isArray(value) ? value : [value]) if (entry !== undefined && entry !== null) url.searchParams.append(key, String(entry));
	}
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (value !== undefined && value !== null && name.toLowerCase() !== 'authorization') headers[name.toLowerCase()] = String(value);
	}
	if (options.json) headers.accept ??= 'application/json';
	let body: Buffer | undefined;
	if (Buffer.isBuffer(options.body)) body = options.body;
	else if (typeof options.body === 'string') body = options.body === '' ? undefined : Buffer.from(options.body, 'utf8');
	else if (options.body !== undefined && options.body !== null) {
		body = Buffer.from(JSON.stringify(options.body), 'utf8');
		headers['content-type'] ??= 'application/json';
	}
	return { method: String(options.method ?? 'GET').toUpperCase(), url, headers, body, timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS };
}

function wwwAuthenticate(headers: http.IncomingHttpHeaders): string[] {
	const value = headers['www-authenticate'];
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
	return flat;
}

function parsedBody(text: string, contentType: string | undefined): unknown {
	if (!/json/i.test(contentType ?? '') && !/^\s*[[{]/.test(text)) return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

export class NtlmConnection {
	private readonly agents = new Map<string, http.Agent>();

	private authenticated = new WeakSet<Socket>();

	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly credentials: WindowsCredentials,
		private readonly options: ConnectionOptions = {},
	) {}

	/**
	 * Sends a request the way n8n's httpRequestWithAuthentication does (url/baseURL, qs, headers,
	 * JSON body, timeout, returnFullResponse): same-origin redirects are followed (at most 5, each
	 * hop authenticated afresh), another origin is refused; an answer of 400 or more throws an
	 * HttpRequestError whose body is redacted.
	 */
	async httpRequest(options: IHttpRequestOptions): Promise<unknown> {
		let hops = 0;
		return await this.serially(async () => await sendSameOriginOnly(async (hop) => await this.sendHop(hop, hops++ > 0), options));
	}

	/** One request, answered with status, headers and parsed body (throws as httpRequest does). */
	async send(request: WindowsAuthRequest): Promise<WindowsAuthResponse> {
		const response = (await this.httpRequest({
			method: (request.method ?? 'GET').toUpperCase() as IHttpRequestMethods,
			url: request.url,
			headers: request.headers,
			body: request.body as IHttpRequestOptions['body'],
			timeout: request.timeoutMs,
			json: true,
			returnFullResponse: true,
		})) as FullResponse;
		return { status: response.statusCode, headers: response.headers, body: response.body };
	}

	/** Closes the kept-alive connections. */
	close(): void {
		for (const agent of this.agents.values()) agent.destroy();
		this.agents.clear();
	}

	private async serially<T>(work: () => Promise<T>): Promise<T> {
		const result = this.queue.then(work);
		this.queue = result.catch(() => undefined);
		return await result;
	}

	private async sendHop(options: IHttpRequestOptions, afterRedirect: boolean): Promise<FullResponse> {
		if (afterRedirect) this.authenticated = new WeakSet();
		const out = outgoing(options);
		const exchange = this.credentials.kind === 'basic' ? await this.sendBasic(out, this.credentials) : await this.sendNtlm(out, this.credentials);
		const headers = flatHeaders(exchange.headers);
		if (exchange.status < 400) return { statusCode: exchange.status, headers, body: parsedBody(exchange.body.toString('utf8'), headers['content-type']) };
		throw this.statusFailure(out.url.host, exchange.status, headers, exchange.body.toString('utf8'));
	}

	/** What the server said with its refusal, redacted as any failure's body. */
	private refusalBody(host: string, exchange: Exchange): unknown {
		const headers = flatHeaders(exchange.headers);
		return this.statusFailure(host, exchange.status, headers, exchange.body.toString('utf8')).failure.body;
	}

	private statusFailure(host: string, status: number, headers: Record<string, string>, text: string): HttpRequestError {
		const secrets = [this.credentials.password];
		const body = parsedBody(text.replace(NTLM_TOKEN, '$1 [redacted]'), headers['content-type']);
		const kept: Record<string, string> = {};
		for (const name of KEPT_HEADERS) if (headers[name] !== undefined) kept[name] = headers[name];
		return new HttpRequestError({
			status,
			host,
			headers: kept,
			body: typeof body === 'string' ? cleanVendorText(body, { host, secrets }) : redactValue(body, secrets),
			message: `${host} answered HTTP ${status}`,
		});
	}

	private async sendBasic(out: Outgoing, credentials: BasicCredentials): Promise<Exchange> {
		const account = accountName(accountOf(credentials));
		const authorization = `Basic ${Buffer.from(`${account}:${credentials.password}`, 'utf8').toString('base64')}`;
		const response = await this.exchange(out, () => ({ authorization, withBody: true, handshake: false }));
		if (response.status === 401) throw new WindowsAuthRefusedError(out.url.host, account, 'basic', this.refusalBody(out.url.host, response));
		return response;
	}

	private negotiateLeg(scheme: AuthScheme, credentials: NtlmCredentials): Leg {
		return { authorization: `${scheme} ${negotiateToken(credentials.workstation)}`, withBody: false, handshake: true };
	}

	private async sendNtlm(out: Outgoing, credentials: NtlmCredentials): Promise<Exchange> {
		let onAuthenticatedSocket = false;
		let response = await this.exchange(out, (socket) => {
			onAuthenticatedSocket = this.authenticated.has(socket);
			return onAuthenticatedSocket ? { withBody: true, handshake: false } : this.negotiateLeg('NTLM', credentials);
		});
		if (onAuthenticatedSocket) {
			if (response.status !== 401) return response;
			// The server forgot this connection's authentication: one fresh handshake.
			this.authenticated.delete(response.socket);
			response = await this.exchange(out, () => this.negotiateLeg('NTLM', credentials));
		}
		return await this.completeHandshake(out, response, credentials);
	}

	private async completeHandshake(out: Outgoing, negotiated: Exchange, credentials: NtlmCredentials): Promise<Exchange> {
		const host = out.url.host;
		// No authentication asked for: the request goes as it is (the negotiate leg carried no body).
		if (negotiated.status !== 401) return out.body ? await this.exchange(out, () => ({ withBody: true, handshake: false })) : negotiated;
		let response = negotiated;
		let scheme: AuthScheme = 'NTLM';
		let schemes = offeredSchemes(wwwAuthenticate(response.headers));
		if (!challengeToken(wwwAuthenticate(response.headers)) && schemes.some((name) => /^negotiate$/i.test(name)) && !schemes.some((name) => /^ntlm$/i.test(name))) {
			scheme = 'Negotiate';
			response = await this.exchange(out, () => this.negotiateLeg(scheme, credentials));
			schemes = offeredSchemes(wwwAuthenticate(response.headers));
		}
		const token = challengeToken(wwwAuthenticate(response.headers));
		if (response.status !== 401 || !token) {
			throw new NtlmHandshakeError(
				host,
				`${host} did not answer with an NTLM challenge (HTTP ${response.status}, it offers ${schemes.length ? schemes.join(', ') : 'no Windows authentication'}): ` +
					'check that Windows authentication (NTLM) is enabled for this service, or use Basic',
			);
		}
		const authorization = `${scheme} ${authenticateToken(token, credentials, host)}`;
		const challengeSocket = response.socket;
		const final = await this.exchange(out, (socket) => {
			if (socket !== challengeSocket) {
				throw new NtlmHandshakeError(
					host,
					`${host} closed the connection after its NTLM challenge, before the answer could be sent on it; NTLM needs the connection kept alive between its steps — check a proxy or load balancer in between`,
				);
			}
			return { authorization, withBody: true, handshake: true };
		});
		if (final.status === 401) throw new WindowsAuthRefusedError(host, accountName(accountOf(credentials)), 'ntlm', this.refusalBody(host, final));
		this.authenticated.add(final.socket);
		return final;
	}

	private agentFor(url: URL): http.Agent {
		let agent = this.agents.get(url.origin);
		if (!agent) {
			// One socket per origin: the handshake's steps and the requests after it share it.
			agent =
				url.protocol === 'https:'
					? new https.Agent({ keepAlive: true, maxSockets: 1, ca: this.options.ca, rejectUnauthorized: this.options.rejectUnauthorized ?? true })
					: new http.Agent({ keepAlive: true, maxSockets: 1 });
			this.agents.set(url.origin, agent);
		}
		return agent;
	}

	/** One HTTP exchange; `legFor` picks what to send once the socket is known (it may throw to refuse that socket). */
	private async exchange(out: Outgoing, legFor: (socket: Socket) => Leg): Promise<Exchange> {
		const host = out.url.host;
		let leg: Leg | undefined;
		try {
			return await new Promise<Exchange>((resolve, reject) => {
				const transport = out.url.protocol === 'https:' ? https : http;
				const request = transport.request(out.url, { method: out.method, headers: out.headers, agent: this.agentFor(out.url) });
				request.setTimeout(out.timeoutMs, () => request.destroy(Object.assign(new Error(`no answer within ${out.timeoutMs} ms (timeout)`), { code: 'ETIMEDOUT' })));
				request.on('error', reject);
				let assigned: Socket | undefined;
				request.once('socket', (socket: Socket) => {
					assigned = socket;
					try {
						leg = legFor(socket);
					} catch (error) {
						request.destroy(error as Error);
						return;
					}
					if (leg.authorization) request.setHeader('authorization', leg.authorization);
					const body = leg.withBody ? out.body : undefined;
					if (body || METHODS_WITH_BODY.has(out.method)) request.setHeader('content-length', String(body?.length ?? 0));
					request.end(body);
				});
				request.once('response', (response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.once('error', reject);
					response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), socket: assigned ?? response.socket }));
				});
			});
		} catch (error) {
			throw networkFailure(error, host, leg?.handshake ?? false);
		}
	}
}

/**
 * One request with a connection of its own (closed afterwards), or on `options.connection` when
 * the caller keeps one for several requests.
 */
export async function ntlmRequest(
	credentials: WindowsCredentials,
	request: WindowsAuthRequest,
	options: ConnectionOptions & { connection?: NtlmConnection } = {},
): Promise<WindowsAuthResponse> {
	const connection = options.connection ?? new NtlmConnection(credentials, options);
	try {
		return await connection.send(request);
	} finally {
		if (!options.connection) connection.close();
	}
}
