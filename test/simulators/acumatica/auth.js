'use strict';
/**
 * Sign-in (fact sheet §1.4–1.6): OAuth 2.0 at `/identity/connect/token` (resource owner password,
 * authorization code and refresh token; client credentials is not a flow Acumatica supports),
 * `client_id@Tenant`, rotating refresh tokens; cookie sessions through `/entity/auth/login` and
 * `/entity/auth/logout`. Every API session counts against the licence's API-user limit ("API Login
 * Limit"); idle sessions close after `sessionIdleMs`.
 */
const crypto = require('node:crypto');
const { AcuError, failure, badRequest, notLoggedIn } = require('./errors.js');

const rnd = () => crypto.randomBytes(24).toString('base64url');

/**
 * @param {{
 *   tenants: string[], users: Array<{ name: string, password: string }>,
 *   clients: Array<{ clientId: string, clientSecret: string, redirectUris?: string[] }>,
 *   branches: () => string[], tokenLifetimeSeconds: number, refreshLifetimeDays: number, sessionIdleMs: number,
 *   maxApiUsers: () => number, authorizeUser: string, stats: any,
 * }} o
 */
function createAuth(o) {
	/** @type {Map<string, any>} */ const tokens = new Map();
	/** @type {Map<string, any>} */ const refreshTokens = new Map();
	/** @type {Map<string, any>} */ const codes = new Map();
	/** @type {Map<string, any>} */ const sessions = new Map();
	const log = /** @type {Array<{ at: string, event: string, user?: string, tenant?: string, sessionId?: string, via?: string }>} */ ([]);
	const note = (/** @type {string} */ event, /** @type {any} */ s = {}) => {
		log.push({ at: new Date().toISOString(), event, user: s.user, tenant: s.tenant, sessionId: s.id, via: s.via });
		if (log.length > 1000) log.splice(0, log.length - 1000);
	};

	/** Close sessions idle too long, and OAuth sessions whose token (api scope only) expired. */
	function prune() {
		const now = Date.now();
		for (const s of sessions.values()) {
			if (now - s.lastSeen > o.sessionIdleMs || (s.expiresAt && now >= s.expiresAt)) {
				sessions.delete(s.id);
				note('expired', s);
			}
		}
	}

	/** @param {{ user: string, tenant: string, branch: string, via: 'cookie'|'oauth', key?: string, expiresAt?: number }} p */
	function openSession(p) {
		prune();
		if (sessions.size >= o.maxApiUsers()) {
			o.stats.loginLimitRefusals++;
			note('refused: API Login Limit', p);
			throw new AcuError(429, 'API Login Limit', {
				exceptionMessage: `API Login Limit: the licence allows ${o.maxApiUsers()} concurrent API sessions and all are in use. Log out of sessions you no longer need, wait for idle sessions to close (${Math.round(o.sessionIdleMs / 60000)} minutes), or restart the site.`,
				exceptionType: 'PX.Data.PXException',
			});
		}
		const s = { id: crypto.randomUUID(), cookie: rnd(), aspSession: rnd().slice(0, 24), lastSeen: Date.now(), ...p };
		sessions.set(s.id, s);
		o.stats.sessionsOpened++;
		note('login', s);
		return s;
	}

	/** @param {string|undefined} header */
	const cookiesOf = (header) => Object.fromEntries(String(header || '').split(';').map((c) => c.trim().split('=')).filter((kv) => kv[0]).map(([k, ...v]) => [k, v.join('=')]));

	/** @param {string} clientIdAtTenant @param {string|undefined} secret */
	function client(clientIdAtTenant, secret) {
		const [clientId, tenant] = String(clientIdAtTenant || '').split('@');
		const c = o.clients.find((x) => x.clientId.toLowerCase() === clientId.toLowerCase());
		if (!c || c.clientSecret !== secret) throw oauthError(400, 'invalid_client');
		if (!tenant || !o.tenants.some((t) => t.toLowerCase() === tenant.toLowerCase())) throw oauthError(400, 'invalid_client', `The client_id must name the tenant: '<client id>@<tenant login name>' (tenants: ${o.tenants.join(', ')}).`);
		return { client: c, tenant: /** @type {string} */ (o.tenants.find((t) => t.toLowerCase() === tenant.toLowerCase())) };
	}

	/** @param {string} scope */
	function checkScope(scope) {
		const parts = String(scope || '').split(/\s+/).filter(Boolean);
		if (!parts.includes('api') && !parts.includes('openid')) throw oauthError(400, 'invalid_scope', "Ask for the 'api' scope (and 'offline_access' for a refresh token).");
		const bad = parts.find((p) => !['api', 'offline_access', 'openid', 'profile', 'email', 'api:concurrent_access'].includes(p));
		if (bad) throw oauthError(400, 'invalid_scope', `Unknown scope '${bad}'.`);
		return parts;
	}

	/** @param {{ clientId: string, tenant: string, user: string, scope: string[], grantId?: string, chainExpiresAt?: number }} g */
	function issue(g) {
		const grantId = g.grantId || crypto.randomUUID();
		const access = rnd();
		const expiresAt = Date.now() + o.tokenLifetimeSeconds * 1000;
		tokens.set(access, { ...g, grantId, expiresAt });
		o.stats.tokensIssued++;
		/** @type {Record<string, any>} */
		const body = { access_token: access, expires_in: o.tokenLifetimeSeconds, token_type: 'Bearer', scope: g.scope.join(' ') };
		if (g.scope.includes('offline_access')) {
			const rt = rnd();
			refreshTokens.set(rt, { ...g, grantId, chainExpiresAt: g.chainExpiresAt || Date.now() + o.refreshLifetimeDays * 86400000, used: false });
			body.refresh_token = rt;
		}
		return body;
	}

	/** `POST /identity/connect/token`. @param {string} contentType @param {string} bodyText */
	function token(contentType, bodyText) {
		if (!/application\/x-www-form-urlencoded/i.test(contentType || '')) throw oauthError(400, 'invalid_request', 'The token request must be application/x-www-form-urlencoded.');
		const f = new URLSearchParams(bodyText);
		const grant = f.get('grant_type');
		if (!grant) throw oauthError(400, 'invalid_request', 'grant_type is missing.');
		if (!['password', 'authorization_code', 'refresh_token'].includes(grant)) throw oauthError(400, 'unsupported_grant_type');
		const { client: c, tenant } = client(f.get('client_id') || '', f.get('client_secret') || undefined);
		if (grant === 'password') {
			const scope = checkScope(f.get('scope') || '');
			const user = o.users.find((u) => u.name.toLowerCase() === String(f.get('username')).toLowerCase());
			if (!user || user.password !== f.get('password')) throw oauthError(400, 'invalid_grant', 'invalid_username_or_password');
			return issue({ clientId: c.clientId, tenant, user: user.name, scope });
		}
		if (grant === 'authorization_code') {
			const code = codes.get(f.get('code') || '');
			if (!code || code.used || Date.now() > code.expiresAt || code.clientId !== c.clientId || code.tenant !== tenant) throw oauthError(400, 'invalid_grant');
			if (code.redirectUri !== f.get('redirect_uri')) throw oauthError(400, 'invalid_grant', 'redirect_uri does not match the one of the authorization request.');
			code.used = true;
			return issue({ clientId: c.clientId, tenant, user: code.user, scope: code.scope });
		}
		const rt = refreshTokens.get(f.get('refresh_token') || '');
		if (!rt || rt.used || Date.now() > rt.chainExpiresAt || rt.clientId !== c.clientId || rt.tenant !== tenant) throw oauthError(400, 'invalid_grant');
		rt.used = true; // rotation: a refresh token works once
		return issue({ clientId: rt.clientId, tenant: rt.tenant, user: rt.user, scope: rt.scope, grantId: rt.grantId, chainExpiresAt: rt.chainExpiresAt });
	}

	/** @param {string} uri */
	const allowedRedirect = (/** @type {any} */ c, uri) => {
		if (c.redirectUris && c.redirectUris.length) return c.redirectUris.includes(uri);
		try {
			return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(uri).hostname);
		} catch {
			return false;
		}
	};

	/** An authorization code for `user` (the sign-in page is not simulated). @param {{ clientId: string, redirectUri: string, scope: string, user?: string, state?: string }} p */
	function authorizationCode(p) {
		const [clientId, tenant] = String(p.clientId || '').split('@');
		const c = o.clients.find((x) => x.clientId.toLowerCase() === clientId.toLowerCase());
		if (!c) throw badRequest('unauthorized_client: unknown client_id.');
		const t = o.tenants.find((x) => x.toLowerCase() === String(tenant || '').toLowerCase());
		if (!t) throw badRequest('invalid_request: the client_id must end with @<tenant>.');
		if (!allowedRedirect(c, p.redirectUri)) throw badRequest('invalid_request: redirect_uri is not registered for this client.');
		let scope;
		try {
			scope = checkScope(p.scope);
		} catch {
			throw badRequest("invalid_scope: ask for the 'api' scope.");
		}
		const code = rnd();
		codes.set(code, { clientId: c.clientId, tenant: t, user: p.user || o.authorizeUser, scope, redirectUri: p.redirectUri, expiresAt: Date.now() + 300000, used: false });
		return code;
	}

	/** `GET /identity/connect/authorize?response_type=code&…` → 302 to the redirect URI with the code. @param {URL} url */
	function authorize(url) {
		const q = url.searchParams;
		if (q.get('response_type') !== 'code') throw badRequest('unsupported_response_type: this simulator signs in with response_type=code.');
		const redirectUri = q.get('redirect_uri') || '';
		const code = authorizationCode({ clientId: q.get('client_id') || '', redirectUri, scope: q.get('scope') || '', state: q.get('state') || undefined });
		const to = new URL(redirectUri);
		to.searchParams.set('code', code);
		if (q.get('state') !== null) to.searchParams.set('state', /** @type {string} */ (q.get('state')));
		to.searchParams.set('scope', q.get('scope') || '');
		return { status: 302, headers: { location: to.toString() } };
	}

	/** `POST /entity/auth/login`. @param {any} body */
	function login(body) {
		if (!body || typeof body !== 'object') throw badRequest('The request is invalid.');
		if (body.tenant && body.company && String(body.tenant).toLowerCase() !== String(body.company).toLowerCase()) throw badRequest("Send either 'tenant' or its legacy name 'company', not both.");
		const tenantName = body.tenant || body.company;
		let tenant = o.tenants.find((t) => t.toLowerCase() === String(tenantName || '').toLowerCase());
		if (!tenantName && o.tenants.length === 1) tenant = o.tenants[0];
		if (!tenantName && o.tenants.length > 1) throw failure('You are not authorized to access this site: proper company id cannot be determined. Specify the tenant.');
		const user = o.users.find((u) => u.name.toLowerCase() === String(body.name || '').toLowerCase());
		if (!tenant || !user || user.password !== body.password) throw failure('Invalid credentials. Please try again.', 'PX.Data.PXException');
		const branches = o.branches();
		const branch = body.branch ? branches.find((b) => b.toLowerCase() === String(body.branch).toLowerCase()) : branches[0];
		if (!branch) throw failure(`Branch '${body.branch}' cannot be found in the system.`);
		const s = openSession({ user: user.name, tenant, branch, via: 'cookie' });
		return {
			status: 204,
			headers: {
				'set-cookie': [
					`.ASPXAUTH=${s.cookie}; path=/; secure; HttpOnly`,
					`ASP.NET_SessionId=${s.aspSession}; path=/; secure; HttpOnly; SameSite=Lax`,
					`UserBranch=${branches.indexOf(branch) + 1}; path=/; secure`,
					`Locale=Culture=en-US&TimeZone=GMTM0000G; path=/; secure`,
					`CompanyID=${tenant}; path=/; secure`,
				],
			},
		};
	}

	/** The session of a request: its `.ASPXAUTH` cookie, or its bearer token (an OAuth session is opened on first use). @param {Record<string,string>} headers */
	function authenticate(headers) {
		prune();
		const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization || '');
		if (bearer) {
			const t = tokens.get(bearer[1].trim());
			if (!t || Date.now() >= t.expiresAt) throw notLoggedIn();
			// with offline_access one session serves the whole grant across refreshes; with api only, one per token
			const key = t.scope.includes('offline_access') ? `grant:${t.grantId}` : `token:${bearer[1].trim()}`;
			let s = [...sessions.values()].find((x) => x.key === key);
			if (!s) s = openSession({ user: t.user, tenant: t.tenant, branch: o.branches()[0], via: 'oauth', key, expiresAt: t.scope.includes('offline_access') ? undefined : t.expiresAt });
			s.lastSeen = Date.now();
			return s;
		}
		const c = cookiesOf(headers.cookie)['.ASPXAUTH'];
		const s = c && [...sessions.values()].find((x) => x.cookie === c);
		if (!s) throw notLoggedIn();
		s.lastSeen = Date.now();
		return s;
	}

	/** `POST /entity/auth/logout` with the cookies or the bearer token → 204 (also when nothing was open). @param {Record<string,string>} headers */
	function logout(headers) {
		let s = null;
		try {
			s = authenticateNoOpen(headers);
		} catch {
			s = null;
		}
		if (s) {
			sessions.delete(s.id);
			o.stats.sessionsClosed++;
			note('logout', s);
		}
		return { status: 204, headers: { 'set-cookie': ['.ASPXAUTH=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/', 'ASP.NET_SessionId=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'] } };
	}

	/** @param {Record<string,string>} headers */
	function authenticateNoOpen(headers) {
		const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization || '');
		if (bearer) {
			const t = tokens.get(bearer[1].trim());
			if (!t) return null;
			const key = t.scope.includes('offline_access') ? `grant:${t.grantId}` : `token:${bearer[1].trim()}`;
			return [...sessions.values()].find((x) => x.key === key) || null;
		}
		const c = cookiesOf(headers.cookie)['.ASPXAUTH'];
		return (c && [...sessions.values()].find((x) => x.cookie === c)) || null;
	}

	return {
		token,
		authorize,
		authorizationCode,
		login,
		logout,
		authenticate,
		/** live sessions (idle ones pruned first) */
		sessions: () => {
			prune();
			return [...sessions.values()].map((s) => ({ id: s.id, user: s.user, tenant: s.tenant, branch: s.branch, via: s.via, lastSeen: new Date(s.lastSeen).toISOString() }));
		},
		log,
		expireTokens: () => {
			for (const t of tokens.values()) t.expiresAt = 0;
		},
		expireSessions: () => {
			for (const s of sessions.values()) note('expired', s);
			sessions.clear();
		},
		clear: () => {
			tokens.clear();
			refreshTokens.clear();
			codes.clear();
			sessions.clear();
			log.length = 0;
		},
	};
}

/** An OAuth error as the identity server answers it. @param {number} status @param {string} error @param {string} [description] */
function oauthError(status, error, description) {
	return new AcuError(status, error, { body: description ? { error, error_description: description } : { error } });
}

module.exports = { createAuth };
