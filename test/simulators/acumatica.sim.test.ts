/**
 * Acumatica contract-based REST simulator — exercised over real HTTPS on loopback (node:https with
 * the simulator's CA): sign-in, licence limits, value objects, queries, upsert, validation, actions.
 */
import * as https from 'node:https';
import * as http from 'node:http';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sim = require('./acumatica/index.js');

type Res = { status: number; headers: http.IncomingHttpHeaders; body: any; ms: number };
type Sim = any;
type Opts = { headers?: Record<string, string>; body?: unknown; form?: Record<string, string>; raw?: string };

function request(acu: Sim, method: string, url: string, opts: Opts = {}): Promise<Res> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const data = opts.raw ?? (opts.form ? new URLSearchParams(opts.form).toString() : opts.body !== undefined ? JSON.stringify(opts.body) : undefined);
		const headers: Record<string, string | number> = { ...(opts.headers || {}) };
		if (data !== undefined) {
			headers['content-type'] = headers['content-type'] || (opts.form ? 'application/x-www-form-urlencoded' : 'application/json');
			headers['content-length'] = Buffer.byteLength(data);
		}
		const full = url.startsWith('/') ? `${acu.url}${url}` : url;
		const req = https.request(new URL(full), { method, ca: acu.ca, headers, agent: false }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c) => (text += c));
			res.on('end', () => {
				let body: any = text || undefined;
				if (text && String(res.headers['content-type'] || '').includes('json')) body = JSON.parse(text);
				resolve({ status: res.statusCode || 0, headers: res.headers, body, ms: Date.now() - started });
			});
		});
		req.on('error', reject);
		req.end(data);
	});
}

const V = '24.200.001';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const val = (v: unknown) => ({ value: v });

async function password(acu: Sim, form: Record<string, string> = {}): Promise<Res> {
	return request(acu, 'POST', acu.tokenEndpoint, {
		form: { grant_type: 'password', client_id: acu.clientId, client_secret: acu.clientSecret, username: acu.user.name, password: acu.user.password, scope: 'api offline_access', ...form },
	});
}

async function bearer(acu: Sim, scope = 'api offline_access'): Promise<Record<string, string>> {
	const r = await password(acu, { scope });
	expect(r.status).toBe(200);
	return { authorization: `Bearer ${r.body.access_token}` };
}

async function login(acu: Sim, body: Record<string, unknown> = {}): Promise<Res> {
	return request(acu, 'POST', `${acu.instanceUrl}/entity/auth/login`, { body: { name: acu.user.name, password: acu.user.password, tenant: acu.tenant, ...body } });
}

const cookieHeader = (r: Res) => ({ cookie: ((r.headers['set-cookie'] || []) as string[]).map((c) => c.split(';')[0]).join('; ') });

const invoiceBody = (o: Record<string, unknown> = {}) => ({
	Customer: val('C000002'),
	CustomerOrder: val('ST-INV-1001'),
	Description: val('ServiceTitan invoice 1001'),
	Hold: val(false),
	Details: [
		{ TransactionDescription: val('Diagnostic'), Qty: val(1), UnitPrice: val(129), Account: val('40000'), Subaccount: val('HVACSVC'), Branch: val('HEADOFFICE') },
		{ TransactionDescription: val('Filter'), Qty: val(3), UnitPrice: val(24.99), Account: val('40200'), Subaccount: val('HVACSVC'), Branch: val('HEADOFFICE') },
		{ TransactionDescription: val('Sales tax'), Amount: val(6.67), Account: val('22000'), Subaccount: val('000000'), Branch: val('HEADOFFICE') },
	],
	...o,
});

/** Start an action and poll its Location until it is no longer 202. */
async function runAction(acu: Sim, H: Record<string, string>, entity: string, action: string, entityKeys: Record<string, unknown>) {
	const start = await request(acu, 'POST', `${acu.endpointUrl(V)}/${entity}/${action}`, { headers: H, body: { entity: entityKeys, parameters: {} } });
	expect(start.status).toBe(202);
	const location = String(start.headers.location);
	const polls: number[] = [];
	for (let i = 0; i < 50; i++) {
		const p = await request(acu, 'GET', location, { headers: H });
		polls.push(p.status);
		if (p.status !== 202) return { start, location, last: p, polls };
		await wait(30);
	}
	throw new Error('action never finished');
}

describe('Acumatica simulator', () => {
	let acu: Sim;
	let H: Record<string, string>;
	let base: string;
	const extra: Sim[] = [];
	const startExtra = async (o: Record<string, unknown>) => {
		const s = await sim.startAcumaticaSimulator({ port: 0, ...o });
		extra.push(s);
		return s;
	};

	beforeAll(async () => {
		acu = await sim.startAcumaticaSimulator({ port: 0, actionMs: 120, licence: { maxApiUsers: 50, maxConcurrentRequests: 10, requestsPerMinute: 100000 } });
		base = acu.endpointUrl(V);
	});
	beforeEach(async () => {
		acu.reset();
		H = await bearer(acu);
	});
	afterAll(async () => {
		await acu.close();
		for (const s of extra) await s.close();
	});

	describe('instance URL and endpoint versions', () => {
		it('serves the site under its virtual directory and lists endpoints without sign-in', async () => {
			expect(acu.instanceUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/AcumaticaERP$/);
			const r = await request(acu, 'GET', `${acu.instanceUrl}/entity`);
			expect(r.status).toBe(200);
			expect(r.body.version.acumaticaBuildVersion).toEqual(expect.any(String));
			expect(r.body.endpoints.map((e: any) => e.version)).toEqual(['20.200.001', '22.200.001', '23.200.001', '24.200.001', '25.200.001']);
			expect(r.body.endpoints[3]).toEqual({ name: 'Default', version: V, href: `/AcumaticaERP/entity/Default/${V}/` });
			expect((await request(acu, 'GET', '/entity')).status).toBe(404); // no site path
		});

		it('answers 404 for a version or endpoint the instance does not serve', async () => {
			for (const v of ['21.200.001', '25.100.001', '26.200.001']) {
				const r = await request(acu, 'GET', `${acu.instanceUrl}/entity/Default/${v}/Customer`, { headers: H });
				expect(r.status).toBe(404);
				expect(r.body.message).toContain('No HTTP resource was found');
			}
			const s = await startExtra({ versions: ['22.200.001', '23.200.001'] });
			expect((await request(s, 'GET', `${s.instanceUrl}/entity`)).body.endpoints.map((e: any) => e.version)).toEqual(['22.200.001', '23.200.001']);
			const t = (await password(s)).body.access_token;
			expect((await request(s, 'GET', `${s.endpointUrl(V)}/Customer`, { headers: { authorization: `Bearer ${t}` } })).status).toBe(404);
			expect((await request(s, 'GET', `${s.endpointUrl('23.200.001')}/Customer`, { headers: { authorization: `Bearer ${t}` } })).status).toBe(200);
		});

		it('has the fields of each version', async () => {
			const pay = { CustomerID: val('C000001'), PaymentMethod: val('CHECK'), CashAccount: val('10100'), PaymentAmount: val(10), ExternalRef: val('ST-PMT-1'), PaymentRef: val('ST-PMT-1') };
			const put = await request(acu, 'PUT', `${base}/Payment`, { headers: H, body: pay });
			expect(put.status).toBe(200);
			expect(put.body.ExternalRef).toEqual(val('ST-PMT-1'));
			const v20 = await request(acu, 'GET', `${acu.endpointUrl('20.200.001')}/Payment`, { headers: H });
			expect(v20.body[0]).not.toHaveProperty('ExternalRef');
			expect(v20.body[0].PaymentRef).toEqual(val('ST-PMT-1'));
			const sel = await request(acu, 'GET', `${acu.endpointUrl('20.200.001')}/Payment?$select=ExternalRef`, { headers: H });
			expect(sel.status).toBe(400);
			// a field of a newer version sent to an older one is not stored
			const old = await request(acu, 'PUT', `${acu.endpointUrl('20.200.001')}/Payment`, { headers: H, body: { ...pay, ExternalRef: val('ST-PMT-2') } });
			expect(old.status).toBe(200);
			expect((await request(acu, 'GET', `${base}/Payment/Payment/${old.body.ReferenceNbr.value}`, { headers: H })).body.ExternalRef).toEqual({});
			const c22 = await request(acu, 'GET', `${acu.endpointUrl('22.200.001')}/Customer/C000001`, { headers: H });
			const c23 = await request(acu, 'GET', `${acu.endpointUrl('23.200.001')}/Customer/C000001`, { headers: H });
			expect(c22.body).not.toHaveProperty('Email');
			expect(c23.body.Email).toEqual(val('jane.cooper@example.com'));
			const v24 = await request(acu, 'GET', `${base}/Vendor/V000001`, { headers: H });
			const v25 = await request(acu, 'GET', `${acu.endpointUrl('25.200.001')}/Vendor/V000001`, { headers: H });
			expect(v24.body.VendorIsLaborUnion).toEqual(val(false));
			expect(v25.body).not.toHaveProperty('VendorIsLaborUnion');
		});
	});

	describe('OAuth 2.0', () => {
		it('issues tokens for the resource owner password flow with client_id@Tenant', async () => {
			const r = await password(acu);
			expect(r.status).toBe(200);
			expect(r.body).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer', scope: 'api offline_access', refresh_token: expect.any(String) });
			const noRefresh = await password(acu, { scope: 'api' });
			expect(noRefresh.body.refresh_token).toBeUndefined();
			const api = await request(acu, 'GET', `${base}/Customer`, { headers: { authorization: `Bearer ${r.body.access_token}` } });
			expect(api.status).toBe(200);
		});

		it('refuses client credentials, a client_id without tenant, wrong secrets and passwords', async () => {
			const cc = await request(acu, 'POST', acu.tokenEndpoint, { form: { grant_type: 'client_credentials', client_id: acu.clientId, client_secret: acu.clientSecret, scope: 'api' } });
			expect(cc.status).toBe(400);
			expect(cc.body.error).toBe('unsupported_grant_type');
			const noTenant = await password(acu, { client_id: acu.clientId.split('@')[0] });
			expect(noTenant.status).toBe(400);
			expect(noTenant.body.error).toBe('invalid_client');
			expect((await password(acu, { client_id: `${acu.clientId.split('@')[0]}@Other` })).body.error).toBe('invalid_client');
			expect((await password(acu, { client_secret: 'wrong' })).body.error).toBe('invalid_client');
			const pw = await password(acu, { password: 'wrong' });
			expect(pw.status).toBe(400);
			expect(pw.body.error).toBe('invalid_grant');
			expect((await password(acu, { scope: 'offline_access' })).body.error).toBe('invalid_scope');
		});

		it('rotates refresh tokens: a used refresh token is refused afterwards', async () => {
			const first = await password(acu);
			const refresh = (rt: string) =>
				request(acu, 'POST', acu.tokenEndpoint, { form: { grant_type: 'refresh_token', client_id: acu.clientId, client_secret: acu.clientSecret, refresh_token: rt } });
			const second = await refresh(first.body.refresh_token);
			expect(second.status).toBe(200);
			expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
			const reused = await refresh(first.body.refresh_token);
			expect(reused.status).toBe(400);
			expect(reused.body.error).toBe('invalid_grant');
			const third = await refresh(second.body.refresh_token);
			expect(third.status).toBe(200);
			expect((await request(acu, 'GET', `${base}/Customer`, { headers: { authorization: `Bearer ${third.body.access_token}` } })).status).toBe(200);
		});

		it('runs the authorization code flow: authorize redirects with the code, which works once', async () => {
			const redirectUri = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
			const auth = await request(
				acu,
				'GET',
				`${acu.authorizeEndpoint}?response_type=code&client_id=${encodeURIComponent(acu.clientId)}&redirect_uri=${encodeURIComponent(redirectUri)}&scope=${encodeURIComponent('api offline_access')}&state=xyz`,
			);
			expect(auth.status).toBe(302);
			const loc = new URL(String(auth.headers.location));
			expect(`${loc.origin}${loc.pathname}`).toBe(redirectUri);
			expect(loc.searchParams.get('state')).toBe('xyz');
			const code = String(loc.searchParams.get('code'));
			const exchange = (c: string, uri = redirectUri) =>
				request(acu, 'POST', acu.tokenEndpoint, { form: { grant_type: 'authorization_code', code: c, redirect_uri: uri, client_id: acu.clientId, client_secret: acu.clientSecret } });
			const tok = await exchange(code);
			expect(tok.status).toBe(200);
			expect(tok.body.refresh_token).toEqual(expect.any(String));
			expect((await exchange(code)).body.error).toBe('invalid_grant');
			expect((await exchange(acu.authorizationCode({ redirectUri }), 'http://127.0.0.1:9/other')).body.error).toBe('invalid_grant');
			const foreign = await request(acu, 'GET', `${acu.authorizeEndpoint}?response_type=code&client_id=${encodeURIComponent(acu.clientId)}&redirect_uri=${encodeURIComponent('https://evil.example.com/cb')}&scope=api`);
			expect(foreign.status).toBe(400);
			expect(foreign.headers.location).toBeUndefined();
		});

		it('answers 401 without credentials and once an access token expired', async () => {
			expect((await request(acu, 'GET', `${base}/Customer`)).status).toBe(401);
			expect((await request(acu, 'GET', `${base}/Customer`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
			acu.expireTokens();
			const r = await request(acu, 'GET', `${base}/Customer`, { headers: H });
			expect(r.status).toBe(401);
			expect(r.body.message).toEqual(expect.any(String));
			const s = await startExtra({ tokenLifetimeSeconds: 1 });
			const t = await password(s);
			expect(t.body.expires_in).toBe(1);
			const hs = { authorization: `Bearer ${t.body.access_token}` };
			expect((await request(s, 'GET', `${s.endpointUrl(V)}/Account`, { headers: hs })).status).toBe(200);
			await wait(1100);
			expect((await request(s, 'GET', `${s.endpointUrl(V)}/Account`, { headers: hs })).status).toBe(401);
		});
	});

	describe('session login and the licence API-user limit', () => {
		it('logs in with the cookies Acumatica sets, works with them, and logs out', async () => {
			const r = await login(acu, { branch: 'HEADOFFICE' });
			expect(r.status).toBe(204);
			const names = ((r.headers['set-cookie'] || []) as string[]).map((c) => c.split('=')[0]);
			expect(names).toEqual(expect.arrayContaining(['.ASPXAUTH', 'ASP.NET_SessionId', 'UserBranch', 'Locale', 'CompanyID']));
			const C = cookieHeader(r);
			expect((await request(acu, 'GET', `${base}/Customer?$top=1`, { headers: C })).status).toBe(200);
			expect(acu.sessions().some((s: any) => s.via === 'cookie')).toBe(true);
			expect((await request(acu, 'POST', `${acu.instanceUrl}/entity/auth/logout`, { headers: C })).status).toBe(204);
			expect((await request(acu, 'GET', `${base}/Customer?$top=1`, { headers: C })).status).toBe(401);
			expect(acu.sessions().some((s: any) => s.via === 'cookie')).toBe(false);
		});

		it('refuses wrong credentials, an unknown branch and both tenant and company', async () => {
			const bad = await login(acu, { password: 'wrong' });
			expect(bad.status).toBe(500);
			expect(bad.body.exceptionMessage).toContain('Invalid credentials');
			expect((await login(acu, { branch: 'NOPE' })).status).toBe(500);
			expect((await login(acu, { company: 'Other' })).status).toBe(400);
			expect((await login(acu, { tenant: undefined, company: acu.tenant })).status).toBe(204);
			const multi = await startExtra({ tenants: ['Company', 'Training'] });
			const noTenant = await login(multi, { tenant: undefined });
			expect(noTenant.status).toBe(500);
			expect(noTenant.body.exceptionMessage).toContain('proper company id cannot be determined');
		});

		it('answers "API Login Limit" once the licence API users are all signed in, cookie or OAuth', async () => {
			const s = await startExtra({ licence: { maxApiUsers: 2 } });
			const a = await login(s);
			const b = await login(s);
			expect([a.status, b.status]).toEqual([204, 204]);
			const c = await login(s);
			expect(c.status).toBe(429);
			expect(c.body.message).toContain('API Login Limit');
			// an OAuth token opens its session on first use, and counts too
			const t = await password(s);
			const api = await request(s, 'GET', `${s.endpointUrl(V)}/Customer`, { headers: { authorization: `Bearer ${t.body.access_token}` } });
			expect(api.status).toBe(429);
			expect(JSON.stringify(api.body)).toContain('API Login Limit');
			expect(s.stats.loginLimitRefusals).toBe(2);
			expect((await request(s, 'POST', `${s.instanceUrl}/entity/auth/logout`, { headers: cookieHeader(a) })).status).toBe(204);
			expect((await request(s, 'GET', `${s.endpointUrl(V)}/Customer`, { headers: { authorization: `Bearer ${t.body.access_token}` } })).status).toBe(200);
			// refreshing keeps the grant's one session
			const r2 = await request(s, 'POST', s.tokenEndpoint, { form: { grant_type: 'refresh_token', client_id: s.clientId, client_secret: s.clientSecret, refresh_token: t.body.refresh_token } });
			expect((await request(s, 'GET', `${s.endpointUrl(V)}/Customer`, { headers: { authorization: `Bearer ${r2.body.access_token}` } })).status).toBe(200);
			expect(s.sessions()).toHaveLength(2);
			// logging out with the bearer token frees its session
			expect((await request(s, 'POST', `${s.instanceUrl}/entity/auth/logout`, { headers: { authorization: `Bearer ${r2.body.access_token}` } })).status).toBe(204);
			expect(s.sessions()).toHaveLength(1);
		});

		it('closes idle sessions after the timeout', async () => {
			const s = await startExtra({ sessionIdleMs: 400, licence: { maxApiUsers: 1 } });
			const a = await login(s);
			expect((await login(s)).status).toBe(429);
			await wait(500);
			expect((await request(s, 'GET', `${s.endpointUrl(V)}/Customer`, { headers: cookieHeader(a) })).status).toBe(401);
			expect((await login(s)).status).toBe(204);
			expect(s.authLog.some((e: any) => e.event === 'expired')).toBe(true);
		});
	});

	describe('value objects and queries', () => {
		it('renders value objects, {} for empty fields, system fields, and details only when expanded', async () => {
			const r = await request(acu, 'GET', `${base}/Customer/C000002`, { headers: H });
			expect(r.status).toBe(200);
			expect(r.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), rowNumber: 1, note: { value: '' }, custom: {}, CustomerID: val('C000002'), TaxZone: {} });
			expect(r.body._links.self).toBe(`/AcumaticaERP/entity/Default/${V}/Customer/${r.body.id}`);
			expect(r.body).not.toHaveProperty('MainContact');
			const ex = await request(acu, 'GET', `${base}/Customer/C000002?$expand=MainContact/Address`, { headers: H });
			expect(ex.body.MainContact.Email).toEqual(val('ap@riverside.example.com'));
			expect(ex.body.MainContact.Address.City).toEqual(val('Austin'));
			const inv = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: invoiceBody() });
			expect(inv.body).not.toHaveProperty('Details');
			const withLines = await request(acu, 'GET', `${base}/Invoice/${inv.body.id}?$expand=Details`, { headers: H });
			expect(withLines.body.Details.map((d: any) => [d.rowNumber, typeof d.id, d.Amount.value])).toEqual([
				[1, 'string', 129],
				[2, 'string', 74.97],
				[3, 'string', 6.67],
			]);
		});

		it('takes value objects in: a bare value is a 400, note and custom fields round-trip', async () => {
			const bare = await request(acu, 'PUT', `${base}/Customer`, { headers: H, body: { CustomerID: 'C9', CustomerName: val('x') } });
			expect(bare.status).toBe(400);
			expect(Object.keys(bare.body.modelState)[0]).toContain('CustomerID');
			const put = await request(acu, 'PUT', `${base}/Customer?$custom=Document.UsrStId`, {
				headers: H,
				body: { CustomerID: val('ST10001'), CustomerName: val('Acme Homes'), note: val('from ServiceTitan'), custom: { Document: { UsrStId: { type: 'CustomStringField', value: '10001' } } } },
			});
			expect(put.status).toBe(200);
			expect(put.body.note).toEqual(val('from ServiceTitan'));
			expect(put.body.custom).toEqual({ Document: { UsrStId: { type: 'CustomStringField', value: '10001' } } });
			expect((await request(acu, 'GET', `${base}/Customer/ST10001`, { headers: H })).body.custom).toEqual({});
			const bad = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: invoiceBody({ Date: val('not a date') }) });
			expect(bad.status).toBe(400);
		});

		it('filters with $filter (datetimeoffset, functions, linked paths), selects and pages', async () => {
			const all = await request(acu, 'GET', `${base}/Customer`, { headers: H });
			expect(all.body).toHaveLength(6);
			const f = (q: string) => request(acu, 'GET', `${base}/Customer?$filter=${encodeURIComponent(q)}`, { headers: H });
			expect((await f("Status eq 'Inactive'")).body.map((c: any) => c.CustomerID.value)).toEqual(['C000006']);
			expect((await f("startswith(CustomerName,'Harbor')")).body).toHaveLength(1);
			expect((await f("substringof('Oakwood',CustomerName) or CustomerID eq 'C000001'")).body).toHaveLength(2);
			expect((await f("MainContact/Email eq 'marcus.lee@example.com'")).body.map((c: any) => c.CustomerID.value)).toEqual(['C000004']);
			await request(acu, 'PUT', `${base}/Customer`, { headers: H, body: { CustomerID: val('C000004'), CustomerName: val('Marcus J. Lee') } });
			const since = acu.list('Customer')[0].LastModifiedDateTime.value;
			expect((await f(`LastModifiedDateTime gt datetimeoffset'${since}'`)).body.map((c: any) => c.CustomerID.value)).toEqual(['C000004']);
			// an unencoded '+' arrives as a blank
			const plus = await request(acu, 'GET', `${base}/Customer?$filter=LastModifiedDateTime gt datetimeoffset'2020-01-01T00:00:00+00:00'`.replace(/ /g, '%20'), { headers: H });
			expect(plus.status).toBe(400);
			expect((await request(acu, 'GET', `${base}/Invoice?$filter=${encodeURIComponent("Details/Account eq '40000'")}`, { headers: H })).status).toBe(400);
			expect((await f("Nope eq 'x'")).status).toBe(400);
			const page = await request(acu, 'GET', `${base}/Customer?$top=2&$skip=2&$select=CustomerID`, { headers: H });
			expect(page.body.map((c: any) => c.CustomerID.value)).toEqual(['C000003', 'C000004']);
			expect(page.body[0]).not.toHaveProperty('CustomerName');
		});
	});

	describe('PUT upsert and errors', () => {
		it('updates the record with the same key instead of adding a second one; If-None-Match / If-Match', async () => {
			const body = { CustomerID: val('ST20002'), CustomerName: val('First name'), CustomerClass: val('RESIDENTIAL') };
			const a = await request(acu, 'PUT', `${base}/Customer`, { headers: H, body });
			const b = await request(acu, 'PUT', `${base}/Customer`, { headers: H, body: { ...body, CustomerName: val('Second name') } });
			expect(b.body.id).toBe(a.body.id);
			expect(b.body.CustomerName).toEqual(val('Second name'));
			expect(acu.list('Customer').filter((c: any) => c.CustomerID.value === 'ST20002')).toHaveLength(1);
			const byId = await request(acu, 'PUT', `${base}/Customer`, { headers: H, body: { id: a.body.id, CustomerName: val('Third') } });
			expect(byId.body.CustomerID).toEqual(val('ST20002'));
			const byFilter = await request(acu, 'PUT', `${base}/Customer?$filter=${encodeURIComponent("CustomerName eq 'Third'")}`, { headers: H, body: { CustomerName: val('Fourth') } });
			expect(byFilter.body.id).toBe(a.body.id);
			expect(byFilter.body.CustomerName).toEqual(val('Fourth'));
			expect((await request(acu, 'PUT', `${base}/Customer`, { headers: { ...H, 'if-none-match': '*' }, body })).status).toBe(412);
			expect((await request(acu, 'PUT', `${base}/Customer`, { headers: { ...H, 'if-match': '*' }, body: { ...body, CustomerID: val('NEW1') } })).status).toBe(412);
			const missing = await request(acu, 'GET', `${base}/Customer/NOPE`, { headers: H });
			expect(missing.status).toBe(500);
			expect(missing.body.exceptionMessage).toBe('No entity satisfies the condition.');
			expect((await request(acu, 'GET', `${base}/Branch`, { headers: H })).status).toBe(404);
			const lines = [{ Amount: val(10), Account: val('40000'), Subaccount: val('ELECSVC') }];
			const north = await request(acu, 'PUT', `${base}/Invoice?$expand=Details`, { headers: { ...H, 'PX-CbApiBranch': 'NORTH' }, body: invoiceBody({ Details: lines }) });
			expect(north.body.Details[0].Branch).toEqual(val('NORTH'));
			const dflt = await request(acu, 'PUT', `${base}/Invoice?$expand=Details`, { headers: H, body: invoiceBody({ Details: lines }) });
			expect(dflt.body.Details[0].Branch).toEqual(val('HEADOFFICE'));
			const dated = await request(acu, 'PUT', `${base}/Invoice`, { headers: { ...H, 'PX-CbApiBusinessDate': '03/15/2026' }, body: invoiceBody({ Details: lines }) });
			expect(dated.body).toMatchObject({ Date: val('2026-03-15T00:00:00+00:00'), PostPeriod: val('032026') });
			const contact = await request(acu, 'PUT', `${base}/Customer?$expand=MainContact/Address`, {
				headers: H,
				body: { CustomerID: val('ST20002'), MainContact: { Email: val('new@example.com'), Address: { City: val('Round Rock') } } },
			});
			expect(contact.body.MainContact.Email).toEqual(val('new@example.com'));
			expect(contact.body.MainContact.Address).toMatchObject({ City: val('Round Rock'), State: {} });
			expect(contact.body.CustomerName).toEqual(val('Fourth'));
		});

		it('answers 422 with the errors inside the value objects, at any depth, and saves nothing', async () => {
			const r = await request(acu, 'PUT', `${base}/Invoice`, {
				headers: H,
				body: invoiceBody({ Customer: val('NOPE'), Details: [{ Amount: val(5), Account: val('40000'), Subaccount: val('HVACSVC') }, { Amount: val(5), Account: val('69000'), Subaccount: val('NOSUB'), Branch: val('HEADOFFICE') }] }),
			});
			expect(r.status).toBe(422);
			expect(r.body.error).toContain("'AR Invoice' record raised at least one error");
			expect(r.body.ReferenceNbr).toEqual(val('<NEW>'));
			expect(r.body.Customer).toEqual({ value: 'NOPE', error: "Customer 'NOPE' cannot be found in the system." });
			expect(r.body.Details[0].Account.error).toBeUndefined();
			expect(r.body.Details[1].Account.error).toBe("Account '69000' is inactive.");
			expect(r.body.Details[1].Subaccount.error).toBe("Subaccount 'NOSUB' cannot be found in the system.");
			expect(acu.list('Invoice')).toHaveLength(0);
			const line = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: invoiceBody({ Details: [{ Qty: val(1), UnitPrice: val(1.005), Account: val('40000'), Subaccount: val('000000') }] }) });
			expect(line.status).toBe(200); // a unit price may have more decimals; the line amount is rounded half away from zero
			expect(line.body.Amount).toEqual(val(1.01));
			expect((await request(acu, 'DELETE', `${base}/Invoice/${line.body.id}`, { headers: H })).status).toBe(204);
			const subCent = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: invoiceBody({ Details: [{ Amount: val(1.005), Account: val('40000'), Subaccount: val('000000') }] }) });
			expect(subCent.status).toBe(422);
			expect(subCent.body.Details[0].Amount.error).toContain('decimals');
			const inactive = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: invoiceBody({ Customer: val('C000006') }) });
			expect(inactive.body.Customer.error).toContain('Inactive');
			const ok = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: invoiceBody() });
			expect(ok.body.ReferenceNbr).toEqual(val('AR000002')); // failed inserts took no number
			const used = await request(acu, 'DELETE', `${base}/Customer/C000002`, { headers: H });
			expect(used.status).toBe(500);
			expect(used.body.exceptionMessage).toContain('documents refer to it');
			expect((await request(acu, 'DELETE', `${base}/Customer/C000005`, { headers: H })).status).toBe(204);
			expect((await request(acu, 'GET', `${base}/Invoice?$filter=${encodeURIComponent('Amount gt 210.63 and Amount lt 210.65')}`, { headers: H })).body).toHaveLength(1);
			expect((await request(acu, 'GET', `${base}/Invoice?$filter=${encodeURIComponent('Amount gt 210.64')}`, { headers: H })).body).toHaveLength(0);
		});
	});

	describe('documents and release actions', () => {
		it('creates an AR invoice with GL-coded lines and releases it: 202 + Location, polled to 204', async () => {
			const held = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: invoiceBody({ Hold: undefined }) });
			expect(held.body.Status).toEqual(val('On Hold')); // Hold Documents on Entry
			const failed = await runAction(acu, H, 'Invoice', 'ReleaseInvoice', { id: held.body.id });
			expect(failed.last.status).toBe(500);
			expect(failed.last.body.exceptionMessage).toContain('on hold');
			const put = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: { id: held.body.id, Hold: val(false) } });
			expect(put.body).toMatchObject({ Status: val('Balanced'), Amount: val(210.64), Balance: val(210.64), CustomerOrder: val('ST-INV-1001') });
			const run = await runAction(acu, H, 'Invoice', 'ReleaseInvoice', { Type: val('Invoice'), ReferenceNbr: put.body.ReferenceNbr });
			expect(run.location).toMatch(new RegExp(`^/AcumaticaERP/entity/Default/${V}/Invoice/ReleaseInvoice/status/[0-9a-f-]{36}$`));
			expect(run.last.status).toBe(204);
			const after = await request(acu, 'GET', `${base}/Invoice/Invoice/${put.body.ReferenceNbr.value}`, { headers: H });
			expect(after.body).toMatchObject({ Status: val('Open'), Balance: val(210.64) });
			const again = await runAction(acu, H, 'Invoice', 'ReleaseInvoice', { id: held.body.id });
			expect(again.last.status).toBe(500);
			expect(again.last.body.exceptionMessage).toContain('already been released');
			const change = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: { id: held.body.id, Description: val('changed') } });
			expect(change.status).toBe(422);
			expect(change.body.Description.error).toContain('released');
			const del = await request(acu, 'DELETE', `${base}/Invoice/${held.body.id}`, { headers: H });
			expect(del.status).toBe(500);
			expect(del.body.exceptionMessage).toContain('released');
		});

		it('refuses to release an out-of-balance document', async () => {
			const put = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: invoiceBody({ Amount: val(200) }) });
			expect(put.body.Amount).toEqual(val(200));
			const run = await runAction(acu, H, 'Invoice', 'ReleaseInvoice', { id: put.body.id });
			expect(run.last.status).toBe(500);
			expect(run.last.body.exceptionMessage).toContain('out of balance');
			expect((await request(acu, 'GET', `${base}/Invoice/${put.body.id}`, { headers: H })).body.Status).toEqual(val('Balanced'));
		});

		it('answers 409 to the same session on that screen while a release runs', async () => {
			const put = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: invoiceBody() });
			acu.options.actionMs = 1500;
			let start: Res;
			try {
				start = await request(acu, 'POST', `${base}/Invoice/ReleaseInvoice`, { headers: H, body: { entity: { id: put.body.id } } });
			} finally {
				acu.options.actionMs = 120;
			}
			expect(start.status).toBe(202);
			const busy = await request(acu, 'GET', `${base}/Invoice`, { headers: H });
			expect(busy.status).toBe(409);
			expect(busy.body.message).toContain('A long operation is running');
			expect((await request(acu, 'GET', `${base}/Customer`, { headers: H })).status).toBe(200);
			expect((await request(acu, 'GET', `${base}/Invoice`, { headers: await bearer(acu) })).status).toBe(200);
			expect((await request(acu, 'GET', String(start.headers.location), { headers: H })).status).toBe(202);
			let done = 0;
			for (let i = 0; i < 100 && done !== 204; i++) {
				await wait(50);
				done = (await request(acu, 'GET', String(start.headers.location), { headers: H })).status;
			}
			expect(done).toBe(204);
			expect((await request(acu, 'GET', `${base}/Invoice`, { headers: H })).status).toBe(200);
		});

		it('applies a payment to a released invoice: releasing it reduces the open balance', async () => {
			const inv = await request(acu, 'PUT', `${base}/Invoice`, { headers: H, body: invoiceBody() });
			const payBody = (amount: number, refNbr: string) => ({
				CustomerID: val('C000002'),
				PaymentMethod: val('CHECK'),
				CashAccount: val('10100'),
				PaymentRef: val('ST-PMT-77'),
				PaymentAmount: val(amount),
				Hold: val(false),
				DocumentsToApply: [{ DocType: val('INV'), ReferenceNbr: val(refNbr), AmountPaid: val(amount) }],
			});
			const early = await request(acu, 'PUT', `${base}/Payment?$expand=DocumentsToApply`, { headers: H, body: payBody(100, inv.body.ReferenceNbr.value) });
			expect(early.status).toBe(422);
			expect(early.body.DocumentsToApply[0].ReferenceNbr.error).toContain('cannot be found');
			expect((await runAction(acu, H, 'Invoice', 'ReleaseInvoice', { id: inv.body.id })).last.status).toBe(204);
			const over = await request(acu, 'PUT', `${base}/Payment`, { headers: H, body: payBody(300, inv.body.ReferenceNbr.value) });
			expect(over.status).toBe(422);
			expect(over.body.DocumentsToApply[0].AmountPaid.error).toContain('exceeds the balance');
			const pay = await request(acu, 'PUT', `${base}/Payment?$expand=DocumentsToApply`, { headers: H, body: payBody(100.64, inv.body.ReferenceNbr.value) });
			expect(pay.status).toBe(200);
			expect(pay.body.ReferenceNbr).toEqual(val('000001'));
			expect(pay.body.DocumentsToApply[0].DocType).toEqual(val('Invoice'));
			expect((await runAction(acu, H, 'Payment', 'ReleasePayment', { Type: val('Payment'), ReferenceNbr: val('000001') })).last.status).toBe(204);
			const open = await request(acu, 'GET', `${base}/Invoice/${inv.body.id}?$expand=ApplicationsDefault`, { headers: H });
			expect(open.body).toMatchObject({ Status: val('Open'), Balance: val(110) });
			expect(open.body.ApplicationsDefault[0]).toMatchObject({ ReferenceNbr: val('000001'), AmountPaid: val(100.64) });
			expect((await request(acu, 'GET', `${base}/Payment/Payment/000001`, { headers: H })).body.Status).toEqual(val('Closed'));
			const rest = await request(acu, 'PUT', `${base}/Payment`, { headers: H, body: payBody(110, inv.body.ReferenceNbr.value) });
			expect((await runAction(acu, H, 'Payment', 'Release', { id: rest.body.id })).last.status).toBe(204);
			expect((await request(acu, 'GET', `${base}/Invoice/${inv.body.id}`, { headers: H })).body).toMatchObject({ Status: val('Closed'), Balance: val(0) });
		});

		it('creates and releases an AP bill; vendor reference rules follow the AP preferences', async () => {
			const bill = (ref: string | undefined) => ({
				Vendor: val('V000001'),
				...(ref ? { VendorRef: val(ref) } : {}),
				Hold: val(false),
				BranchID: val('HEADOFFICE'),
				Details: [{ TransactionDescription: val('PO 501 receipt'), Qty: val(4), UnitCost: val(12.345), Account: val('12100'), Subaccount: val('PLMBSVC') }],
			});
			expect((await request(acu, 'PUT', `${base}/Bill`, { headers: H, body: bill(undefined) })).body.VendorRef.error).toContain('cannot be empty');
			const put = await request(acu, 'PUT', `${base}/Bill?$expand=Details`, { headers: H, body: bill('ST-BILL-501') });
			expect(put.status).toBe(200);
			expect(put.body).toMatchObject({ Type: val('Bill'), ReferenceNbr: val('AP000001'), Amount: val(49.38), Status: val('Balanced') });
			expect(put.body.Details[0]).toMatchObject({ ExtendedCost: val(49.38), Branch: val('HEADOFFICE') });
			expect((await runAction(acu, H, 'Bill', 'ReleaseBill', { id: put.body.id })).last.status).toBe(204);
			expect((await request(acu, 'GET', `${base}/Bill/Bill/AP000001`, { headers: H })).body).toMatchObject({ Status: val('Open'), Balance: val(49.38) });
			expect((await request(acu, 'PUT', `${base}/Bill`, { headers: H, body: bill('ST-BILL-501') })).status).toBe(200); // a warning only, by default
			acu.options.raiseErrorOnDuplicateVendorRef = true;
			try {
				const dup = await request(acu, 'PUT', `${base}/Bill`, { headers: H, body: bill('st-bill-501') });
				expect(dup.status).toBe(422);
				expect(dup.body.VendorRef.error).toContain("Document with this Vendor Ref. already exists for this Vendor - see document with reference number 'AP000001'");
			} finally {
				acu.options.raiseErrorOnDuplicateVendorRef = false;
			}
		});

		it('reads GL accounts (with the sales-tax account), subaccounts and branches', async () => {
			const accounts = await request(acu, 'GET', `${base}/Account?$filter=${encodeURIComponent("Type eq 'Liability'")}`, { headers: H });
			expect(accounts.body.map((a: any) => [a.AccountCD.value, a.Description.value])).toEqual([
				['20000', 'Accounts Payable'],
				['22000', 'Sales Tax Payable'],
			]);
			const subs = await request(acu, 'GET', `${base}/Subaccount?$filter=Active eq true`, { headers: H });
			expect(subs.body.map((s: any) => s.SubaccountCD.value)).toEqual(['000000', 'HVACSVC', 'HVACINS', 'PLMBSVC', 'ELECSVC']);
			expect(acu.businessUnitSubaccounts[33].subaccount).toBe('PLMBSVC');
			const br = await request(acu, 'PUT', `${base}/CompaniesStructure?$expand=Results`, { headers: H, body: {} });
			expect(br.status).toBe(200);
			expect(br.body.Results.map((b: any) => b.BranchID.value)).toEqual(['HEADOFFICE', 'NORTH']);
		});

		it('seeds deterministically', async () => {
			const s = await startExtra({ seed: { seed: 1, now: '2026-11-01T00:00:00+00:00' } });
			const t = await startExtra({ seed: { seed: 1, now: '2026-11-01T00:00:00+00:00' } });
			expect(s.list('Customer')).toEqual(t.list('Customer'));
			expect(s.list('Account').map((a: any) => a.id)).toEqual(t.list('Account').map((a: any) => a.id));
		});
	});

	describe('licence limits, faults and stats', () => {
		it('answers 429 with Retry-After for an injected rate-limit fault', async () => {
			acu.faults.push({ kind: 'rateLimit', retryAfter: 3, match: 'GET ' });
			const r = await request(acu, 'GET', `${base}/Customer`, { headers: H });
			expect(r.status).toBe(429);
			expect(r.headers['retry-after']).toBe('3');
			expect((await request(acu, 'GET', `${base}/Customer`, { headers: H })).status).toBe(200);
		});

		it('queues requests beyond the concurrency limit and declines beyond 20 waiting (429, no Retry-After)', async () => {
			const s = await startExtra({ licence: { maxApiUsers: 5, maxConcurrentRequests: 2, requestsPerMinute: 100000, maxQueueWaitMs: 60000 } });
			const hs = await bearer(s);
			await request(s, 'GET', `${s.endpointUrl(V)}/Account?$top=1`, { headers: hs }); // opens the session
			s.resetStats();
			// two slow requests hold both processing cores while 22 more arrive
			s.faults.push({ kind: 'delay', ms: 2000, times: 2, match: 'Subaccount' });
			const slow = [0, 1].map(() => request(s, 'GET', `${s.endpointUrl(V)}/Subaccount?$top=1`, { headers: hs }));
			for (let i = 0; i < 100 && s.stats.inFlight < 2; i++) await wait(10);
			const results = await Promise.all(Array.from({ length: 22 }, () => request(s, 'GET', `${s.endpointUrl(V)}/Account?$top=1`, { headers: hs })));
			expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
			const declined = results.filter((r) => r.status === 429);
			expect(declined).toHaveLength(2);
			expect(results.filter((r) => r.status === 200)).toHaveLength(20);
			expect(declined[0].headers['retry-after']).toBeUndefined();
			expect(declined[0].body.exceptionMessage).toContain('20 API requests are already waiting');
			expect(s.stats.peakConcurrent).toBe(2);
			expect(s.stats.peakQueued).toBe(20);
			expect(s.stats.throttled).toBe(2);
		});

		it('declines a request that waited longer than the queue allows', async () => {
			const s = await startExtra({ licence: { maxApiUsers: 5, maxConcurrentRequests: 1, maxQueueWaitMs: 300 } });
			const hs = await bearer(s);
			await request(s, 'GET', `${s.endpointUrl(V)}/Account?$top=1`, { headers: hs });
			s.faults.push({ kind: 'delay', ms: 1000, match: 'Subaccount' });
			const slow = request(s, 'GET', `${s.endpointUrl(V)}/Subaccount?$top=1`, { headers: hs });
			for (let i = 0; i < 100 && s.stats.inFlight < 1; i++) await wait(10);
			const waited = await request(s, 'GET', `${s.endpointUrl(V)}/Account?$top=1`, { headers: hs });
			expect(waited.status).toBe(429);
			expect(waited.body.exceptionMessage).toContain('waited in the API request queue longer than');
			expect((await slow).status).toBe(200);
		});

		it('sends Retry-After on a declined request only when the licence option sets it', async () => {
			const s = await startExtra({ licence: { maxApiUsers: 5, maxConcurrentRequests: 1, queueLimit: 1, retryAfterSeconds: 5 } });
			const hs = await bearer(s);
			await request(s, 'GET', `${s.endpointUrl(V)}/Account?$top=1`, { headers: hs });
			s.faults.push({ kind: 'delay', ms: 800, match: 'Subaccount' });
			const slow = request(s, 'GET', `${s.endpointUrl(V)}/Subaccount?$top=1`, { headers: hs });
			for (let i = 0; i < 100 && s.stats.inFlight < 1; i++) await wait(10);
			const queued = request(s, 'GET', `${s.endpointUrl(V)}/Account?$top=1`, { headers: hs });
			for (let i = 0; i < 100 && s.stats.peakQueued < 1; i++) await wait(10);
			const declined = await request(s, 'GET', `${s.endpointUrl(V)}/Account?$top=1`, { headers: hs });
			expect(declined.status).toBe(429);
			expect(declined.headers['retry-after']).toBe('5');
			expect([(await slow).status, (await queued).status]).toEqual([200, 200]);
		});

		it('delays requests once half of the per-minute limit is used', async () => {
			const s = await startExtra({ licence: { maxApiUsers: 5, maxConcurrentRequests: 4, requestsPerMinute: 10, windowMs: 1000 } });
			const hs = await bearer(s);
			const started = Date.now();
			for (let i = 0; i < 8; i++) expect((await request(s, 'GET', `${s.endpointUrl(V)}/Subaccount?$top=1`, { headers: hs })).status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(300);
			expect(s.stats.delayed).toBeGreaterThan(0);
			expect(s.stats.throttled).toBe(0);
		});

		it('adds latencyMs to every request and counts requests per route', async () => {
			const s = await startExtra({ latencyMs: 120 });
			const hs = await bearer(s);
			s.resetStats();
			const r = await request(s, 'GET', `${s.endpointUrl(V)}/Customer/C000001`, { headers: hs });
			expect(r.ms).toBeGreaterThanOrEqual(110);
			await request(s, 'GET', `${s.endpointUrl(V)}/Customer`, { headers: hs });
			expect(s.stats.byRoute).toEqual({ 'GET Customer/{key}': 1, 'GET Customer': 1 });
			expect(s.stats.requests).toBe(2);
			expect(s.stats.apiRequests).toBe(2);
			s.resetStats();
			expect(s.stats.requests).toBe(0);
			expect(s.stats.byRoute).toEqual({});
		});
	});
});
