'use strict';
/**
 * Microsoft Entra (login.microsoftonline.com) stand-in: OpenID discovery, instance discovery, JWKS
 * and the v2.0 token endpoint for the client-credentials grant (client secret or certificate client
 * assertion), plus verification of the issued access tokens on the API side. ERP-neutral: the
 * caller names the resource it serves (`scopeResource`), the roles a client gets and the error an
 * invalid bearer token raises.
 */
const crypto = require('node:crypto');

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** @param {string} s */
const b64urlJson = (s) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));

/**
 * @typedef {Object} ClientConfig
 * @property {string} clientId
 * @property {string} [clientSecret]
 * @property {string} [certificateThumbprint] SHA-1 hex
 * @property {string} [certificateThumbprintSha256] SHA-256 hex
 * @property {string} [certificatePublicKeyPem]
 * @property {string} [displayName]
 * (ERP simulators add their own fields, e.g. BC's `bcAccess`, F&O's `foUser`.)
 */

/**
 * @param {{
 *   tenantId: string, tokenLifetimeSeconds: number, clients: ClientConfig[], baseUrl: () => string,
 *   signingKey?: crypto.KeyObject, publicKey?: crypto.KeyObject, kid?: string, now?: () => number,
 *   onTokenIssued: (info: { clientId: string, credential: string, alg?: string, thumbprintHeader?: string, expiresAt: string }) => void,
 *   scope: string | (() => string),
 *   scopeResource: (scope: string) => string | null,
 *   rolesFor: (client: any) => string[],
 *   invalidToken: (wwwAuthenticate: string) => Error,
 * }} o `scope`: the scope named in error texts; `scopeResource`: the resource (token `aud`) a
 *   requested scope stands for, null when this simulator does not issue tokens for it;
 *   `invalidToken`: the error `verifyBearer` throws (the API's own 401); without a signing key one
 *   is made (RSA-2048), `now` defaults to the clock
 */
function createAuth(options) {
	const keys = options.signingKey && options.publicKey ? null : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
	const publicKey = options.publicKey || /** @type {any} */ (keys).publicKey;
	const o = {
		...options,
		signingKey: options.signingKey || /** @type {any} */ (keys).privateKey,
		publicKey,
		kid: options.kid || crypto.createHash('sha1').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url'),
		now: options.now || (() => Date.now()),
	};
	/** @type {Map<string, { clientId: string, exp: number, revoked: boolean }>} */
	const tokens = new Map();
	const tenant = o.tenantId.toLowerCase();

	const tokenEndpoint = () => `${o.baseUrl()}/${o.tenantId}/oauth2/v2.0/token`;

	/**
	 * Entra-shaped error.
	 * @param {number} status @param {string} error @param {number} code @param {string} text
	 */
	function entraError(status, error, code, text) {
		const trace = crypto.randomUUID();
		const corr = crypto.randomUUID();
		const ts = new Date(o.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
		return {
			status,
			headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store, no-cache' },
			body: {
				error,
				error_description: `AADSTS${code}: ${text} Trace ID: ${trace} Correlation ID: ${corr} Timestamp: ${ts}`,
				error_codes: [code],
				timestamp: ts,
				trace_id: trace,
				correlation_id: corr,
				error_uri: `${o.baseUrl()}/error?code=${code}`,
			},
		};
	}

	/** @param {string} t */
	const knownTenant = (t) => String(t).toLowerCase() === tenant;

	/** @param {string} t */
	function openidConfiguration(t) {
		const base = `${o.baseUrl()}/${t}`;
		return {
			token_endpoint: `${base}/oauth2/v2.0/token`,
			token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
			jwks_uri: `${base}/discovery/v2.0/keys`,
			response_modes_supported: ['query', 'fragment', 'form_post'],
			subject_types_supported: ['pairwise'],
			id_token_signing_alg_values_supported: ['RS256'],
			response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
			scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
			issuer: `${base}/v2.0`,
			request_uri_parameter_supported: false,
			userinfo_endpoint: `${base}/openid/userinfo`,
			authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
			device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
			http_logout_supported: true,
			frontchannel_logout_supported: true,
			end_session_endpoint: `${base}/oauth2/v2.0/logout`,
			claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'tid', 'ver', 'oid'],
			kerberos_endpoint: `${base}/kerberos`,
			tenant_region_scope: 'NA',
			cloud_instance_name: 'microsoftonline.com',
			cloud_graph_host_name: 'graph.windows.net',
			msgraph_host: 'graph.microsoft.com',
			rbac_url: 'https://pas.windows.net',
		};
	}

	/**
	 * Token-side routes. Returns null when the path is not a token-side path.
	 * @param {string} method @param {URL} url @param {string} rawBody @param {Record<string,string>} headers
	 * @returns {{ route: string, status: number, headers: Record<string,string>, body: any } | null}
	 */
	function handle(method, url, rawBody, headers) {
		const p = url.pathname.replace(/\/+$/, '');
		let m;
		if (p === '/common/discovery/instance' && method === 'GET') {
			const host = new URL(o.baseUrl()).host;
			const ae = url.searchParams.get('authorization_endpoint') || '';
			const tm = /^https?:\/\/[^/]+\/([^/]+)\//.exec(ae);
			const t = tm ? tm[1] : o.tenantId;
			return {
				route: 'instance-discovery',
				status: 200,
				headers: { 'content-type': 'application/json; charset=utf-8' },
				body: {
					tenant_discovery_endpoint: `${o.baseUrl()}/${t}/v2.0/.well-known/openid-configuration`,
					'api-version': '1.1',
					metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
				},
			};
		}
		if ((m = /^\/([^/]+)(?:\/v2\.0)?\/\.well-known\/openid-configuration$/.exec(p)) && method === 'GET') {
			if (!knownTenant(m[1])) {
				return { route: 'openid-configuration', ...entraError(400, 'invalid_tenant', 90002, `Tenant '${m[1]}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`) };
			}
			return { route: 'openid-configuration', status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: openidConfiguration(m[1]) };
		}
		if ((m = /^\/([^/]+)\/discovery(?:\/v2\.0)?\/keys$/.exec(p)) && method === 'GET') {
			const jwk = o.publicKey.export({ format: 'jwk' });
			return { route: 'jwks', status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { keys: [{ kty: 'RSA', use: 'sig', kid: o.kid, x5t: o.kid, n: jwk.n, e: jwk.e }] } };
		}
		if ((m = /^\/([^/]+)\/oauth2(?:\/v2\.0)?\/token$/.exec(p))) {
			if (method !== 'POST') return { route: 'token', ...entraError(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.') };
			return { route: 'token', ...token(m[1], rawBody, headers) };
		}
		return null;
	}

	/**
	 * @param {string} t tenant from the path @param {string} rawBody @param {Record<string,string>} headers
	 */
	function token(t, rawBody, headers) {
		if (!knownTenant(t)) {
			return entraError(400, 'invalid_request', 90002, `Tenant '${t}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`);
		}
		const f = new URLSearchParams(rawBody);
		let clientId = f.get('client_id') || '';
		let secret = f.get('client_secret');
		const basic = /^Basic\s+(.+)$/i.exec(headers.authorization || '');
		if (basic) {
			const [id, sec] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
			clientId = clientId || decodeURIComponent(id || '');
			secret = secret || decodeURIComponent(sec || '');
		}
		const grant = f.get('grant_type');
		if (!grant) return entraError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
		if (grant !== 'client_credentials') return entraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`);
		if (!clientId) return entraError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
		const client = o.clients.find((c) => c.clientId.toLowerCase() === clientId.toLowerCase());
		if (!client) {
			return entraError(
				400,
				'unauthorized_client',
				700016,
				`Application with identifier '${clientId}' was not found in the directory '${o.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
			);
		}
		const scope = f.get('scope');
		if (!scope) return entraError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
		const scopes = scope.split(/\s+/).filter((s) => s && !['openid', 'profile', 'offline_access'].includes(s));
		const resource = scopes.length === 1 ? o.scopeResource(scopes[0]) : null;
		if (!resource) {
			return entraError(
				400,
				'invalid_scope',
				1002012,
				`The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI). This simulator only issues tokens for ${typeof o.scope === 'function' ? o.scope() : o.scope}.`,
			);
		}
		const assertion = f.get('client_assertion');
		let credential = 'secret';
		/** @type {{ alg?: string, thumbprintHeader?: string }} */
		let credentialDetail = {};
		if (assertion || f.get('client_assertion_type')) {
			if (f.get('client_assertion_type') !== ASSERTION_TYPE) {
				return entraError(400, 'invalid_request', 50027, `Invalid client_assertion_type '${f.get('client_assertion_type')}'. Expected '${ASSERTION_TYPE}'.`);
			}
			const err = verifyAssertion(client, assertion || '');
			if (err) return err;
			credential = 'certificate';
			try {
				const h = b64urlJson(String(assertion).split('.')[0]);
				credentialDetail = { alg: h.alg, thumbprintHeader: h['x5t#S256'] ? 'x5t#S256' : h.x5t ? 'x5t' : 'kid' };
			} catch {
				/* verified above */
			}
		} else if (secret) {
			if (!client.clientSecret || secret !== client.clientSecret) {
				return entraError(
					401,
					'invalid_client',
					7000215,
					`Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.clientId}'.`,
				);
			}
		} else {
			return entraError(401, 'invalid_client', 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
		}
		return issue(client, resource, credential, credentialDetail);
	}

	/**
	 * Verify a client assertion JWT (RS256 + x5t, or PS256 + x5t#S256).
	 * @param {ClientConfig} client @param {string} jwt
	 */
	function verifyAssertion(client, jwt) {
		const parts = jwt.split('.');
		if (parts.length !== 3) return entraError(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.');
		let header;
		let payload;
		try {
			header = b64urlJson(parts[0]);
			payload = b64urlJson(parts[1]);
		} catch {
			return entraError(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.');
		}
		if (!client.certificatePublicKeyPem) {
			return entraError(401, 'invalid_client', 700027, `Client assertion failed signature validation. No certificate is registered on application '${client.clientId}'.`);
		}
		const alg = header.alg;
		if (alg !== 'RS256' && alg !== 'PS256') return entraError(401, 'invalid_client', 5002738, `Invalid JWT token. '${alg}' is not a supported signature algorithm. Supported: RS256, PS256.`);
		const x5t = header.x5t;
		const x5tS256 = header['x5t#S256'];
		if (!x5t && !x5tS256 && !header.kid) return entraError(401, 'invalid_client', 700027, 'Client assertion contains no certificate thumbprint (x5t or x5t#S256).');
		const hexToB64u = (/** @type {string} */ h) => Buffer.from(h.replace(/[^0-9a-f]/gi, ''), 'hex').toString('base64url');
		const notRegistered = () =>
			entraError(401, 'invalid_client', 700027, 'The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found.]');
		if (x5t && client.certificateThumbprint && x5t !== hexToB64u(client.certificateThumbprint)) return notRegistered();
		if (x5tS256 && client.certificateThumbprintSha256 && x5tS256 !== hexToB64u(client.certificateThumbprintSha256)) return notRegistered();
		if (alg === 'PS256' && !x5tS256 && x5t === undefined) return notRegistered();
		const data = Buffer.from(`${parts[0]}.${parts[1]}`);
		const sig = Buffer.from(parts[2], 'base64url');
		let ok = false;
		try {
			const key = crypto.createPublicKey(client.certificatePublicKeyPem);
			ok =
				alg === 'RS256'
					? crypto.verify('sha256', data, key, sig)
					: crypto.verify('sha256', data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_AUTO }, sig);
		} catch {
			ok = false;
		}
		if (!ok) return entraError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
		const nowS = Math.floor(o.now() / 1000);
		if (typeof payload.exp !== 'number' || payload.exp <= nowS || (typeof payload.nbf === 'number' && payload.nbf > nowS + 300)) {
			return entraError(
				401,
				'invalid_client',
				700024,
				`Client assertion is not within its valid time range. Current time: ${new Date(nowS * 1000).toISOString()}, assertion valid from ${payload.nbf ? new Date(payload.nbf * 1000).toISOString() : 'n/a'}, expiry time of assertion ${payload.exp ? new Date(payload.exp * 1000).toISOString() : 'n/a'}.`,
			);
		}
		if (String(payload.iss).toLowerCase() !== client.clientId.toLowerCase() || String(payload.sub).toLowerCase() !== client.clientId.toLowerCase()) {
			return entraError(401, 'invalid_client', 700021, "Client assertion application identifier doesn't match 'client_id' parameter. (iss and sub must both be the client id.)");
		}
		const norm = (/** @type {string} */ s) => String(s).replace(/\/+$/, '').toLowerCase();
		const auds = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
		if (!auds.some((a) => norm(a) === norm(tokenEndpoint()))) {
			return entraError(401, 'invalid_client', 700212, `Client assertion audience claim does not match the token endpoint. Expected '${tokenEndpoint()}', got '${payload.aud}'.`);
		}
		return null;
	}

	/** @param {ClientConfig} client @param {string} resource @param {string} credential @param {{ alg?: string, thumbprintHeader?: string }} detail */
	function issue(client, resource, credential, detail) {
		const nowS = Math.floor(o.now() / 1000);
		const exp = nowS + o.tokenLifetimeSeconds;
		const jti = crypto.randomUUID();
		const header = { typ: 'JWT', alg: 'RS256', x5t: o.kid, kid: o.kid };
		const payload = {
			aud: resource,
			iss: `https://sts.windows.net/${o.tenantId}/`,
			iat: nowS,
			nbf: nowS,
			exp,
			aio: 'sim',
			app_displayname: client.displayName || 'ml-connector',
			appid: client.clientId,
			appidacr: credential === 'certificate' ? '2' : '1',
			idp: `https://sts.windows.net/${o.tenantId}/`,
			oid: client.clientId,
			roles: o.rolesFor(client),
			sub: client.clientId,
			tid: o.tenantId,
			uti: jti,
			ver: '1.0',
		};
		const enc = (/** @type {any} */ x) => Buffer.from(JSON.stringify(x)).toString('base64url');
		const signing = `${enc(header)}.${enc(payload)}`;
		const sig = crypto.sign('sha256', Buffer.from(signing), o.signingKey).toString('base64url');
		tokens.set(jti, { clientId: client.clientId, exp, revoked: false });
		o.onTokenIssued({ clientId: client.clientId, credential, ...detail, expiresAt: new Date(exp * 1000).toISOString() });
		return {
			status: 200,
			headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
			body: { token_type: 'Bearer', expires_in: o.tokenLifetimeSeconds, ext_expires_in: o.tokenLifetimeSeconds, access_token: `${signing}.${sig}` },
		};
	}

	/**
	 * Validate `Authorization: Bearer …` for the API side.
	 * @param {string|undefined} authorization
	 * @returns {{ clientId: string, client: ClientConfig, tenantId: string, audience: string }}
	 */
	function verifyBearer(authorization) {
		const bad = () => o.invalidToken(`Bearer authorization_uri="${o.baseUrl()}/${o.tenantId}/oauth2/authorize", error="invalid_token"`);
		const m = /^Bearer\s+(\S+)$/i.exec(authorization || '');
		if (!m) throw bad();
		const parts = m[1].split('.');
		if (parts.length !== 3) throw bad();
		let payload;
		try {
			payload = b64urlJson(parts[1]);
			const ok = crypto.verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), o.publicKey, Buffer.from(parts[2], 'base64url'));
			if (!ok) throw new Error('sig');
		} catch {
			throw bad();
		}
		const rec = tokens.get(payload.uti);
		if (!rec || rec.revoked || rec.exp <= Math.floor(o.now() / 1000)) throw bad();
		const client = o.clients.find((c) => c.clientId === rec.clientId);
		if (!client) throw bad();
		return { clientId: client.clientId, client, tenantId: payload.tid, audience: payload.aud };
	}

	/** Make every issued token expire now. */
	function expireTokens() {
		for (const t of tokens.values()) t.revoked = true;
	}

	return { handle, verifyBearer, expireTokens, tokenEndpoint, openidConfiguration };
}

module.exports = { createAuth, ASSERTION_TYPE };
