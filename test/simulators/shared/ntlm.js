'use strict';
/**
 * The server side of Windows authentication for the NAV and GP simulators, as IIS does it:
 *
 * - NTLM (or Negotiate carrying NTLM): type 1 → 401 `WWW-Authenticate: NTLM <type 2>` with a fresh
 *   server challenge → type 3, whose NTLMv2 response is recomputed from the configured user's
 *   password (NT hash: MD4 from js-md4, OpenSSL 3 has none; HMAC-MD5 from node:crypto). The
 *   identity then belongs to the TCP connection: later requests on it pass without a header, a new
 *   connection authenticates again. NTLMv1 answers, wrong passwords and unknown users get a 401.
 * - Basic (when `basic: true`): user (or DOMAIN\user) and password or web service access key, per request.
 * - Without credentials: 401 with `WWW-Authenticate: Negotiate` and `WWW-Authenticate: NTLM`
 *   (and `Basic realm=…` when Basic is on), as a Windows-auth IIS site answers.
 *
 *   const auth = withWindowsAuth((req, res) => …, { users: [{ domain: 'CONTOSO', username: 'jane', password: '…' }] });
 *   http.createServer(auth.listener)   // req.windowsUser is 'CONTOSO\jane' inside the handler
 *   auth.stats.negotiations            // type 1 messages received (handshakes begun)
 *   auth.faults.closeAfterChallenge = true   // answer the type 1, then close the connection
 *   auth.faults.resetOnNegotiate = true      // drop the connection when a type 1 arrives
 *   auth.faults.forgetAuthentication = true  // once: the next request on an authenticated connection gets a 401 (session expired)
 *   auth.options.ntlmV1Only = true           // challenge without NTLMv2 (extended session security, target info)
 *   auth.options.ntlmScheme = false          // offer (and take) only `Negotiate`, as an IIS site with the Negotiate provider alone
 */
const crypto = require('node:crypto');
const md4 = require('js-md4');

const SIGNATURE = Buffer.from('NTLMSSP\0', 'ascii');

const FLAG = {
	UNICODE: 0x00000001,
	OEM: 0x00000002,
	REQUEST_TARGET: 0x00000004,
	NTLM: 0x00000200,
	ALWAYS_SIGN: 0x00008000,
	TARGET_TYPE_DOMAIN: 0x00010000,
	EXTENDED_SESSION_SECURITY: 0x00080000,
	TARGET_INFO: 0x00800000,
	VERSION: 0x02000000,
	N128: 0x20000000,
	N56: 0x80000000,
};

/** @param {string} text */
const utf16 = (text) => Buffer.from(text, 'utf16le');

/** @param {Buffer} message @param {number} at */
function securityBuffer(message, at) {
	const length = message.readUInt16LE(at);
	const offset = message.readUInt32LE(at + 4);
	if (offset + length > message.length) throw new Error('security buffer out of range');
	return message.subarray(offset, offset + length);
}

/** @param {number} id @param {Buffer} value */
const avPair = (id, value) => {
	const head = Buffer.alloc(4);
	head.writeUInt16LE(id, 0);
	head.writeUInt16LE(value.length, 2);
	return Buffer.concat([head, value]);
};

/**
 * @param {{ domain: string, computer: string, challenge: Buffer, unicode: boolean, v1Only: boolean }} o
 * @returns {Buffer} the type 2 (challenge) message
 */
function challengeMessage(o) {
	const encode = (/** @type {string} */ text) => (o.unicode ? utf16(text) : Buffer.from(text, 'ascii'));
	const target = encode(o.domain.toUpperCase());
	const filetime = Buffer.alloc(8);
	filetime.writeBigUInt64LE((BigInt(Date.now()) + 11644473600000n) * 10000n);
	const info = o.v1Only
		? Buffer.alloc(0)
		: Buffer.concat([
				avPair(2, utf16(o.domain.toUpperCase())),
				avPair(1, utf16(o.computer.toUpperCase())),
				avPair(4, utf16(`${o.domain.toLowerCase()}.local`)),
				avPair(3, utf16(`${o.computer.toLowerCase()}.${o.domain.toLowerCase()}.local`)),
				avPair(7, filetime),
				avPair(0, Buffer.alloc(0)),
			]);
	let flags =
		(o.unicode ? FLAG.UNICODE : FLAG.OEM) | FLAG.REQUEST_TARGET | FLAG.NTLM | FLAG.ALWAYS_SIGN | FLAG.TARGET_TYPE_DOMAIN | FLAG.VERSION | FLAG.N128 | FLAG.N56;
	if (!o.v1Only) flags |= FLAG.EXTENDED_SESSION_SECURITY | FLAG.TARGET_INFO;
	const header = Buffer.alloc(56);
	SIGNATURE.copy(header, 0);
	header.writeUInt32LE(2, 8);
	header.writeUInt16LE(target.length, 12);
	header.writeUInt16LE(target.length, 14);
	header.writeUInt32LE(56, 16);
	header.writeUInt32LE(flags >>> 0, 20);
	o.challenge.copy(header, 24);
	header.writeUInt16LE(info.length, 40);
	header.writeUInt16LE(info.length, 42);
	header.writeUInt32LE(56 + target.length, 44);
	// Version: Windows 10.0 build 17763 (Server 2019), NTLM revision 15.
	Buffer.from([10, 0, 0x63, 0x45, 0, 0, 0, 15]).copy(header, 48);
	return Buffer.concat([header, target, info]);
}

/** @param {Buffer} message @param {boolean} unicode */
function readAuthenticate(message, unicode) {
	const text = (/** @type {Buffer} */ raw) => raw.toString(unicode ? 'utf16le' : 'ascii');
	return {
		ntResponse: securityBuffer(message, 20),
		domain: text(securityBuffer(message, 28)),
		username: text(securityBuffer(message, 36)),
		workstation: text(securityBuffer(message, 44)),
	};
}

/** @param {string} password */
const ntHash = (password) => Buffer.from(md4.arrayBuffer(utf16(password)));

/**
 * The NTLMv2 check: HMAC-MD5(NTOWFv2, server challenge ‖ blob) must equal the proof the client sent.
 * @param {{ ntResponse: Buffer, domain: string, username: string }} answer @param {string} password @param {Buffer} challenge
 */
function ntlmV2Valid(answer, password, challenge) {
	if (answer.ntResponse.length <= 24) return false;
	const proof = answer.ntResponse.subarray(0, 16);
	const blob = answer.ntResponse.subarray(16);
	const ntowfV2 = crypto.createHmac('md5', ntHash(password)).update(utf16(answer.username.toUpperCase() + answer.domain)).digest();
	const expected = crypto.createHmac('md5', ntowfV2).update(Buffer.concat([challenge, blob])).digest();
	return crypto.timingSafeEqual(expected, proof);
}

/**
 * @typedef {{ domain?: string, username: string, password: string, accessKey?: string }} WindowsUser
 * @typedef {{ users: WindowsUser[], domain?: string, computer?: string, basic?: boolean, ntlm?: boolean, ntlmScheme?: boolean, ntlmV1Only?: boolean, realm?: string }} WindowsAuthOptions
 */

/**
 * @param {(req: import('node:http').IncomingMessage & { windowsUser?: string }, res: import('node:http').ServerResponse) => void} handler
 * @param {WindowsAuthOptions} options
 */
function withWindowsAuth(handler, options) {
	const config = { domain: 'CONTOSO', computer: 'ERPSRV01', basic: false, ntlm: true, ntlmScheme: true, ntlmV1Only: false, realm: 'ERP', ...options };
	const faults = { closeAfterChallenge: false, resetOnNegotiate: false, forgetAuthentication: false };
	/** refusals: credentials that were wrong (a request without any only gets the 401 challenge) */
	const stats = { negotiations: 0, authentications: 0, refusals: 0, basicLogins: 0, requests: 0 };
	/** @type {WeakMap<import('node:net').Socket, { challenge?: Buffer, unicode?: boolean, identity?: string }>} */
	const connections = new WeakMap();

	/** @param {string} domain @param {string} username */
	const findUser = (domain, username) =>
		config.users.find(
			(user) => user.username.toLowerCase() === username.toLowerCase() && (user.domain ?? config.domain).toLowerCase() === (domain || config.domain).toLowerCase(),
		);

	/** @param {import('node:http').ServerResponse} res @param {string[]} [challenge] */
	function unauthorized(res, challenge) {
		const windows = config.ntlm ? ['Negotiate', ...(config.ntlmScheme ? ['NTLM'] : [])] : [];
		const offers = challenge ?? [...windows, ...(config.basic ? [`Basic realm="${config.realm}"`] : [])];
		const body = challenge ? '' : JSON.stringify({ error: { code: 'Unauthorized', message: 'The server has rejected the client credentials.' } });
		res.writeHead(401, {
			'www-authenticate': offers,
			'content-type': 'application/json; charset=utf-8',
			'content-length': String(Buffer.byteLength(body)),
			...(challenge && faults.closeAfterChallenge ? { connection: 'close' } : {}),
		});
		res.end(body);
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	function refuse(req, res) {
		stats.refusals++;
		req.resume();
		unauthorized(res);
	}

	/** @param {string} credentials base64 */
	function basicUser(credentials) {
		const decoded = Buffer.from(credentials, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		const login = decoded.slice(0, colon);
		const secret = decoded.slice(colon + 1);
		const slash = login.indexOf('\\');
		const user = findUser(slash > 0 ? login.slice(0, slash) : '', slash > 0 ? login.slice(slash + 1) : login);
		return colon > 0 && user && (secret === user.password || (user.accessKey !== undefined && secret === user.accessKey))
			? `${(user.domain ?? config.domain).toUpperCase()}\\${user.username}`
			: undefined;
	}

	/**
	 * @param {import('node:http').IncomingMessage & { windowsUser?: string }} req
	 * @param {import('node:http').ServerResponse} res
	 */
	function listener(req, res) {
		stats.requests++;
		const socket = req.socket;
		const state = connections.get(socket) ?? {};
		connections.set(socket, state);
		const authorization = req.headers.authorization ?? '';
		const [scheme = '', token = ''] = authorization.trim().split(/\s+/, 2);

		if (/^basic$/i.test(scheme)) {
			const identity = config.basic ? basicUser(token) : undefined;
			if (!identity) return refuse(req, res);
			stats.basicLogins++;
			req.windowsUser = identity;
			return handler(req, res);
		}
		if (config.ntlm && /^ntlm$/i.test(scheme) && !config.ntlmScheme) {
			req.resume();
			return unauthorized(res);
		}
		if (config.ntlm && /^(ntlm|negotiate)$/i.test(scheme)) {
			const message = Buffer.from(token, 'base64');
			const type = message.length >= 12 && message.subarray(0, 8).equals(SIGNATURE) ? message.readUInt32LE(8) : 0;
			if (type === 1) {
				stats.negotiations++;
				if (faults.resetOnNegotiate) return void socket.destroy();
				state.identity = undefined;
				state.challenge = crypto.randomBytes(8);
				state.unicode = (message.readUInt32LE(12) & FLAG.UNICODE) !== 0;
				const type2 = challengeMessage({ domain: config.domain, computer: config.computer, challenge: state.challenge, unicode: state.unicode, v1Only: config.ntlmV1Only });
				req.resume();
				return unauthorized(res, [`${scheme} ${type2.toString('base64')}`]);
			}
			if (type === 3 && state.challenge) {
				const challenge = state.challenge;
				state.challenge = undefined;
				let answer;
				try {
					answer = readAuthenticate(message, state.unicode === true);
				} catch {
					return refuse(req, res);
				}
				const user = findUser(answer.domain, answer.username);
				if (!user || !ntlmV2Valid(answer, user.password, challenge)) return refuse(req, res);
				stats.authentications++;
				state.identity = `${(user.domain ?? config.domain).toUpperCase()}\\${user.username}`;
				req.windowsUser = state.identity;
				return handler(req, res);
			}
			return refuse(req, res);
		}
		if (state.identity && !authorization && faults.forgetAuthentication) {
			faults.forgetAuthentication = false;
			state.identity = undefined;
		}
		if (state.identity && !authorization) {
			req.windowsUser = state.identity;
			return handler(req, res);
		}
		if (authorization) return refuse(req, res);
		req.resume();
		return unauthorized(res);
	}

	return { listener, stats, faults, options: config };
}

module.exports = { withWindowsAuth, ntHash };
