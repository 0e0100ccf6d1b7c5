/**
 * Business Central API v2.0 simulator — exercised over real HTTPS (node:https with the simulator's CA).
 */
import * as https from 'node:https';
import * as http from 'node:http';
import * as crypto from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sim = require('./business-central/index.js');

type Res = { status: number; headers: http.IncomingHttpHeaders; body: any };
type Sim = any;

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT_ID = '3f0c2a9e-7b1d-4c6e-9a8f-2d4e6b8c0a13';
const CLIENT_SECRET = 'test-secret~value';
const certDir = path.join(os.tmpdir(), 'ml-connector-sim-certs');

function request(bc: Sim, method: string, url: string, opts: { headers?: Record<string, string>; body?: unknown; form?: Record<string, string> } = {}): Promise<Res> {
	return new Promise((resolve, reject) => {
		const data = opts.form ? new URLSearchParams(opts.form).toString() : opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
		const headers: Record<string, string | number> = { ...(opts.headers || {}) };
		if (data !== undefined) {
			headers['content-type'] = opts.form ? 'application/x-www-form-urlencoded' : 'application/json';
			headers['content-length'] = Buffer.byteLength(data);
		}
		const req = https.request(new URL(url), { method, ca: bc.ca, headers, agent: false }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c) => (text += c));
			res.on('end', () => {
				let body: any = text;
				if (text && String(res.headers['content-type'] || '').includes('json')) body = JSON.parse(text);
				resolve({ status: res.statusCode || 0, headers: res.headers, body: text ? body : undefined });
			});
		});
		req.on('error', reject);
		req.end(data);
	});
}

async function tokenFor(bc: Sim, clientId = CLIENT_ID, secret = CLIENT_SECRET): Promise<string> {
	const r = await request(bc, 'POST', bc.tokenEndpoint, {
		form: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: 'https://api.businesscentral.dynamics.com/.default' },
	});
	expect(r.status).toBe(200);
	return r.body.access_token;
}

function assertion(bc: Sim, alg: 'RS256' | 'PS256', cert: any, overrides: Record<string, unknown> = {}): string {
	const now = Math.floor(Date.now() / 1000);
	const header: Record<string, string> = { alg, typ: 'JWT' };
	if (alg === 'RS256') header.x5t = Buffer.from(cert.thumbprint, 'hex').toString('base64url');
	else header['x5t#S256'] = Buffer.from(cert.thumbprintSha256, 'hex').toString('base64url');
	const payload = { aud: bc.tokenEndpoint, iss: CLIENT_ID, sub: CLIENT_ID, jti: crypto.randomUUID(), nbf: now, exp: now + 600, ...overrides };
	const enc = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
	const signing = `${enc(header)}.${enc(payload)}`;
	const key = crypto.createPrivateKey(cert.privateKeyPem);
	const sig =
		alg === 'RS256'
			? crypto.sign('sha256', Buffer.from(signing), key)
			: crypto.sign('sha256', Buffer.from(signing), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
	return `${signing}.${sig.toString('base64url')}`;
}

const correlation = /  CorrelationId:  [0-9a-f-]{36}\.$/;

describe('Business Central simulator', () => {
	let bc: Sim;
	let cert: any;
	let H: Record<string, string>;
	let base: string;

	beforeAll(async () => {
		cert = sim.createClientCertificate();
		bc = await sim.startBusinessCentralSimulator({
			port: 0,
			tenantId: TENANT,
			environment: 'sandbox',
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			certificateThumbprint: cert.thumbprint,
			certificateThumbprintSha256: cert.thumbprintSha256,
			certificatePublicKeyPem: cert.publicKeyPem,
			tokenLifetimeSeconds: 3600,
			pageSize: 100,
			limits: { requestsPer5Min: 6000, maxConcurrent: 5 },
			allowedPostingDates: { from: '2026-01-01', to: '2026-12-31' },
			workDate: '2026-06-15',
			seed: { seed: 1 },
			certDir,
		});
		H = { authorization: `Bearer ${await tokenFor(bc)}` };
		base = `${bc.apiBase}/companies(${bc.companyId})`;
	});

	afterAll(async () => {
		await bc.close();
	});

	const get = (url: string, headers: Record<string, string> = {}) => request(bc, 'GET', url, { headers: { ...H, ...headers } });
	const post = (url: string, body?: unknown, headers: Record<string, string> = {}) => request(bc, 'POST', url, { headers: { ...H, ...headers }, body });
	const patch = (url: string, body: unknown, headers: Record<string, string> = {}) => request(bc, 'PATCH', url, { headers: { ...H, ...headers }, body });
	const del = (url: string, headers: Record<string, string> = {}) => request(bc, 'DELETE', url, { headers: { ...H, ...headers } });
	const one = async (url: string) => {
		const r = await get(url);
		expect(r.status).toBe(200);
		return r.body.value;
	};

	describe('token side (Entra stand-in)', () => {
		it('serves OpenID discovery and instance discovery under the simulator URL', async () => {
			const oc = await request(bc, 'GET', `${bc.authority}/v2.0/.well-known/openid-configuration`);
			expect(oc.status).toBe(200);
			expect(oc.body.token_endpoint).toBe(`${bc.url}/${TENANT}/oauth2/v2.0/token`);
			expect(oc.body.authorization_endpoint.startsWith(bc.url)).toBe(true);
			expect(oc.body.jwks_uri.startsWith(bc.url)).toBe(true);
			expect(oc.body.issuer).toBe(`${bc.url}/${TENANT}/v2.0`);
			const inst = await request(bc, 'GET', `${bc.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(oc.body.authorization_endpoint)}`);
			expect(inst.status).toBe(200);
			expect(inst.body.tenant_discovery_endpoint).toBe(`${bc.authority}/v2.0/.well-known/openid-configuration`);
		});

		it('issues a token for a client secret and rejects bad requests in Entra shape', async () => {
			const form = { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: 'https://api.businesscentral.dynamics.com/.default' };
			const ok = await request(bc, 'POST', bc.tokenEndpoint, { form });
			expect(ok.status).toBe(200);
			expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600 });
			expect(typeof ok.body.access_token).toBe('string');

			const scope = await request(bc, 'POST', bc.tokenEndpoint, { form: { ...form, scope: 'https://graph.microsoft.com/.default' } });
			expect(scope.status).toBe(400);
			expect(scope.body.error).toBe('invalid_scope');

			const tenant = await request(bc, 'POST', `${bc.url}/99999999-0000-0000-0000-000000000000/oauth2/v2.0/token`, { form });
			expect(tenant.status).toBe(400);
			expect(tenant.body.error).toBe('invalid_request');
			expect(tenant.body.error_codes).toEqual([90002]);

			const client = await request(bc, 'POST', bc.tokenEndpoint, { form: { ...form, client_id: crypto.randomUUID() } });
			expect(client.status).toBe(400);
			expect(client.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });

			const secret = await request(bc, 'POST', bc.tokenEndpoint, { form: { ...form, client_secret: 'wrong' } });
			expect(secret.status).toBe(401);
			expect(secret.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
			expect(secret.body.error_description).toMatch(/^AADSTS7000215: /);
		});

		it('verifies certificate client assertions (RS256 + x5t and PS256 + x5t#S256)', async () => {
			for (const alg of ['RS256', 'PS256'] as const) {
				const r = await request(bc, 'POST', bc.tokenEndpoint, {
					form: {
						grant_type: 'client_credentials',
						client_id: CLIENT_ID,
						scope: 'https://api.businesscentral.dynamics.com/.default',
						client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
						client_assertion: assertion(bc, alg, cert),
					},
				});
				expect(r.status).toBe(200);
				const api = await request(bc, 'GET', `${bc.apiBase}/companies`, { headers: { authorization: `Bearer ${r.body.access_token}` } });
				expect(api.status).toBe(200);
			}
			const last = bc.tokenLog.slice(-2).map((t: any) => [t.credential, t.alg, t.thumbprintHeader]);
			expect(last).toEqual([
				['certificate', 'RS256', 'x5t'],
				['certificate', 'PS256', 'x5t#S256'],
			]);

			const form = (a: string) => ({
				grant_type: 'client_credentials',
				client_id: CLIENT_ID,
				scope: 'https://api.businesscentral.dynamics.com/.default',
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: a,
			});
			const good = assertion(bc, 'RS256', cert);
			const tampered = good.slice(0, -4) + (good.endsWith('AAAA') ? 'BBBB' : 'AAAA');
			const bad = await request(bc, 'POST', bc.tokenEndpoint, { form: form(tampered) });
			expect(bad.status).toBe(401);
			expect(bad.body.error_codes).toEqual([700027]);
			const expired = await request(bc, 'POST', bc.tokenEndpoint, { form: form(assertion(bc, 'RS256', cert, { exp: Math.floor(Date.now() / 1000) - 10 })) });
			expect(expired.status).toBe(401);
			expect(expired.body.error_codes).toEqual([700024]);
			const aud = await request(bc, 'POST', bc.tokenEndpoint, { form: form(assertion(bc, 'PS256', cert, { aud: 'https://login.microsoftonline.com/x/oauth2/v2.0/token' })) });
			expect(aud.status).toBe(401);
			const other = sim.createClientCertificate();
			const unknownCert = await request(bc, 'POST', bc.tokenEndpoint, { form: form(assertion(bc, 'RS256', other)) });
			expect(unknownCert.status).toBe(401);
			expect(unknownCert.body.error_codes).toEqual([700027]);
		});
	});

	describe('API authentication and authorization', () => {
		it('answers 401 Authentication_InvalidCredentials for missing, unknown and expired tokens', async () => {
			const none = await request(bc, 'GET', `${bc.apiBase}/companies`);
			expect(none.status).toBe(401);
			expect(none.body.error.code).toBe('Authentication_InvalidCredentials');
			expect(none.body.error.message).toMatch(/^The server has rejected the client credentials\.  CorrelationId:  [0-9a-f-]{36}\.$/);

			const token = await tokenFor(bc);
			const ok = await request(bc, 'GET', `${bc.apiBase}/companies`, { headers: { authorization: `Bearer ${token}` } });
			expect(ok.status).toBe(200);
			bc.expireTokens();
			const expired = await request(bc, 'GET', `${bc.apiBase}/companies`, { headers: { authorization: `Bearer ${token}` } });
			expect(expired.status).toBe(401);
			expect(expired.body.error.code).toBe('Authentication_InvalidCredentials');
			H = { authorization: `Bearer ${await tokenFor(bc)}` };
		});

		it('tells a client without BC permissions (403) and an unknown environment (404) apart', async () => {
			const t = await tokenFor(bc, bc.noPermissionClient.clientId, bc.noPermissionClient.clientSecret);
			const forbidden = await request(bc, 'GET', `${bc.apiBase}/companies`, { headers: { authorization: `Bearer ${t}` } });
			expect(forbidden.status).toBe(403);
			expect(forbidden.body.error.code).toMatch(/^Authorization_/);
			const env = await get(`${bc.url}/v2.0/${TENANT}/production/api/v2.0/companies`);
			expect(env.status).toBe(404);
			expect(env.body.error.code).toBe('Internal_TenantUnavailable');
			expect(env.body.error.message).toContain("'production'");
		});
	});

	describe('entities, etags and enums', () => {
		it('lists two companies; companies are read-only', async () => {
			const cos = await one(`${bc.apiBase}/companies`);
			expect(cos.map((c: any) => c.name)).toEqual(['CRONUS USA, Inc.', 'CRONUS Canada']);
			const r = await post(`${bc.apiBase}/companies`, { name: 'X' });
			expect(r.status).toBe(405);
			expect(r.body.error.code).toBe('BadRequest_MethodNotAllowed');
		});

		it('creates, updates with If-Match and deletes a customer', async () => {
			const c = await post(`${base}/customers`, { displayName: 'Test Customer' });
			expect(c.status).toBe(201);
			expect(c.body.number).toBe('C00070');
			expect(c.body.blocked).toBe('_x0020_');
			expect(c.body['@odata.etag']).toMatch(/^W\/"/);
			const url = `${base}/customers(${c.body.id})`;

			const noMatch = await patch(url, { phoneNumber: '555-1234' });
			expect(noMatch.status).toBe(400);
			expect(noMatch.body.error.code).toBe('BadRequest_InvalidToken');
			expect(noMatch.body.error.message).toMatch(correlation);

			const ok = await patch(url, { phoneNumber: '555-1234', blocked: 'Invoice' }, { 'if-match': c.body['@odata.etag'] });
			expect(ok.status).toBe(200);
			expect(ok.body.phoneNumber).toBe('555-1234');
			expect(ok.body.blocked).toBe('Invoice');
			expect(ok.body['@odata.etag']).not.toBe(c.body['@odata.etag']);
			expect(ok.body.lastModifiedDateTime > c.body.lastModifiedDateTime).toBe(true);

			const stale = await patch(url, { phoneNumber: '555-9999' }, { 'if-match': c.body['@odata.etag'] });
			expect(stale.status).toBe(409);
			expect(stale.body.error.code).toBe('Request_EntityChanged');

			const encoded = await patch(url, { blocked: '_x0020_' }, { 'if-match': '*' });
			expect(encoded.body.blocked).toBe('_x0020_');
			const badEnum = await patch(url, { blocked: 'Sometimes' }, { 'if-match': '*' });
			expect(badEnum.status).toBe(400);
			const unknownProp = await patch(url, { nickname: 'x' }, { 'if-match': '*' });
			expect(unknownProp.status).toBe(400);

			const dup = await post(`${base}/customers`, { number: 'C00010', displayName: 'dup' });
			expect(dup.status).toBe(400);
			expect(dup.body.error.code).toBe('Internal_EntityWithSameKeyExists');

			expect((await del(url)).status).toBe(400);
			expect((await del(url, { 'if-match': encoded.body['@odata.etag'] })).status).toBe(204);
			expect((await get(url)).status).toBe(404);
		});

		it('emits XML-encoded enum values and accepts plain or encoded ones', async () => {
			const glLines = await one(`${base}/journals?$filter=code eq 'DEFAULT'`);
			const jid = glLines[0].id;
			const plain = await post(`${base}/journals(${jid})/journalLines`, { accountType: 'G/L Account', accountNumber: '6200', amount: 12.5, description: 'fuel' });
			expect(plain.status).toBe(201);
			expect(plain.body.accountType).toBe('G_x002F_L_x0020_Account');
			const enc = await post(`${base}/journals(${jid})/journalLines`, { accountType: 'G_x002F_L_x0020_Account', accountNumber: '1200', amount: -12.5 });
			expect(enc.status).toBe(201);
			const filtered = await one(`${base}/journals(${jid})/journalLines?$filter=accountType eq 'G/L Account'`);
			expect(filtered.length).toBe(2);
			const acc = await one(`${base}/accounts?$filter=number eq '1999'`);
			expect(acc[0].accountType).toBe('End-Total');
			for (const l of [plain.body, enc.body]) expect((await del(`${base}/journalLines(${l.id})`, { 'if-match': '*' })).status).toBe(204);
		});
	});

	describe('OData queries', () => {
		it('pages with @odata.nextLink and Prefer: odata.maxpagesize', async () => {
			const all: any[] = [];
			let url: string | undefined = `${base}/items?$select=number,lastModifiedDateTime`;
			let pages = 0;
			while (url) {
				const r: Res = await get(url, { prefer: 'odata.maxpagesize=5' });
				expect(r.status).toBe(200);
				pages++;
				all.push(...r.body.value);
				url = r.body['@odata.nextLink'];
				if (url) {
					expect(url.startsWith(bc.url)).toBe(true);
					expect(url).toContain('$skiptoken=');
				}
			}
			expect(pages).toBe(3);
			expect(all.length).toBe(13);
			expect(new Set(all.map((i) => i.number)).size).toBe(13);
			expect(Object.keys(all[0]).sort()).toEqual(['@odata.etag', 'lastModifiedDateTime', 'number']);
		});

		it('filters with comparison, and/or, parentheses, escaped quotes, dates and functions', async () => {
			const items = await one(`${base}/items?$orderby=lastModifiedDateTime`);
			const cursor = items[9].lastModifiedDateTime;
			const newer = await one(`${base}/items?$filter=lastModifiedDateTime gt ${cursor}`);
			expect(newer.map((i: any) => i.number)).toEqual(items.slice(10).map((i: any) => i.number));

			const f = encodeURIComponent("(type eq 'Service' and unitPrice ge 100) or (number eq 'MAT-FILTER-16' and blocked eq false)");
			const mixed = await one(`${base}/items?$filter=${f}&$orderby=number`);
			expect(mixed.map((i: any) => i.number)).toEqual(['INST-FURN-80', 'INST-WH-50', 'MAT-FILTER-16', 'SVC-ELEC-PANEL', 'SVC-HVAC-DIAG', 'SVC-PLUMB-DRAIN']);

			const quoted = await get(`${base}/customers?$filter=${encodeURIComponent("displayName eq 'O''Brien' or startswith(displayName,'Riverside')")}`);
			expect(quoted.body.value.map((c: any) => c.number)).toEqual(['C00020']);

			const byGuid = await one(`${base}/customers?$filter=id eq ${quoted.body.value[0].id}`);
			expect(byGuid.length).toBe(1);

			const bad = await get(`${base}/items?$filter=${encodeURIComponent('unitPrice eq 5 add 1')}`);
			expect(bad.status).toBe(400);
			expect(bad.body.error.code).toBe('BadRequest');
			const typeMismatch = await get(`${base}/items?$filter=${encodeURIComponent("unitPrice eq '5'")}`);
			expect(typeMismatch.status).toBe(400);
			const unknownField = await get(`${base}/items?$filter=${encodeURIComponent("colour eq 'red'")}`);
			expect(unknownField.status).toBe(400);
			const top = await one(`${base}/items?$top=2`);
			expect(top.length).toBe(2);
		});

		it('requires a journal filter on company-level customerPayments and a document filter on lines', async () => {
			const r = await get(`${base}/customerPayments`);
			expect(r.status).toBe(400);
			expect(r.body.error.message).toMatch(/^You must specify a journal batch ID or a journal ID/);
			const l = await get(`${base}/salesInvoiceLines`);
			expect(l.status).toBe(400);
		});
	});

	describe('sales invoices', () => {
		it('deep-inserts, computes integer-cent totals, and posts keeping the id', async () => {
			const r = await post(`${base}/salesInvoices`, {
				customerNumber: 'C00020',
				externalDocumentNumber: 'ST-INV-1001',
				invoiceDate: '2026-06-14',
				salesInvoiceLines: [
					{ lineType: 'Item', lineObjectNumber: 'SVC-HVAC-DIAG', quantity: 1 },
					{ lineType: 'Item', lineObjectNumber: 'MAT-CAP-45', quantity: 1.5, unitPrice: 64.99 },
					{ lineType: 'Item', lineObjectNumber: 'MAT-FILTER-16', quantity: 3, unitPrice: 0.335 },
					{ lineType: 'Account', lineObjectNumber: '2200', description: 'Sales tax (ServiceTitan)', quantity: 1, unitPrice: 10.35 },
				],
			});
			expect(r.status).toBe(201);
			expect(r.body.status).toBe('Draft');
			expect(r.body.number).toMatch(/^S-INV\d{6}$/);
			// 129.00 + round(1.5 × 64.99 = 97.485) 97.49 + round(3 × 0.335 = 1.005) 1.01 + 10.35
			expect(r.body.totalAmountExcludingTax).toBe(237.85);
			expect(r.body.totalAmountIncludingTax).toBe(237.85);
			expect(r.body.totalTaxAmount).toBe(0);
			const id = r.body.id;
			const lines = await one(`${base}/salesInvoices(${id})/salesInvoiceLines`);
			expect(lines.map((l: any) => [l.sequence, l.lineType, l.amountExcludingTax])).toEqual([
				[10000, 'Item', 129],
				[20000, 'Item', 97.49],
				[30000, 'Item', 1.01],
				[40000, 'Account', 10.35],
			]);
			const viaCompany = await one(`${base}/salesInvoiceLines?$filter=documentId eq ${id}`);
			expect(viaCompany.length).toBe(4);

			const posted = await post(`${base}/salesInvoices(${id})/Microsoft.NAV.post`);
			expect(posted.status).toBe(204);
			expect(posted.body).toBeUndefined();
			const after = await get(`${base}/salesInvoices(${id})?$expand=salesInvoiceLines,dimensionSetLines`);
			expect(after.body.id).toBe(id);
			expect(after.body.number).toMatch(/^PS-INV\d{6}$/);
			expect(after.body.number).not.toBe(r.body.number);
			expect(after.body.status).toBe('Open');
			expect(after.body.remainingAmount).toBe(237.85);
			expect(after.body.salesInvoiceLines.length).toBe(4);
			const gl = await one(`${base}/generalLedgerEntries?$filter=documentNumber eq '${after.body.number}'`);
			const debit = gl.reduce((s: number, e: any) => s + Math.round(e.debitAmount * 100), 0);
			const credit = gl.reduce((s: number, e: any) => s + Math.round(e.creditAmount * 100), 0);
			expect(debit).toBe(credit);
			expect(gl.find((e: any) => e.accountNumber === '1100').debitAmount).toBe(237.85);

			const again = await post(`${base}/salesInvoices(${id})/Microsoft.NAV.post`);
			expect(again.status).toBe(400);
			expect(again.body.error.message).toMatch(/^The action can be applied to a draft invoice only\./);
			const edit = await patch(`${base}/salesInvoices(${id})`, { externalDocumentNumber: 'x' }, { 'if-match': '*' });
			expect(edit.status).toBe(400);
		});

		it('enforces posting rules: allowed dates, blocked customers, empty invoices, unknown items and non-direct accounts', async () => {
			const outside = await post(`${base}/salesInvoices`, { customerNumber: 'C00010', postingDate: '2025-12-31', salesInvoiceLines: [{ lineObjectNumber: 'TRIP', quantity: 1 }] });
			expect(outside.status).toBe(201);
			const p1 = await post(`${base}/salesInvoices(${outside.body.id})/Microsoft.NAV.post`);
			expect(p1.status).toBe(400);
			expect(p1.body.error.code).toBe('Application_DialogException');
			expect(p1.body.error.message).toMatch(/^Posting Date is not within your range of allowed posting dates\.  CorrelationId:  /);

			const blocked = await post(`${base}/salesInvoices`, { customerNumber: 'C00050', salesInvoiceLines: [{ lineObjectNumber: 'TRIP', quantity: 1 }] });
			expect(blocked.status).toBe(201);
			const p2 = await post(`${base}/salesInvoices(${blocked.body.id})/Microsoft.NAV.post`);
			expect(p2.status).toBe(400);
			expect(p2.body.error.message).toContain('blocked with type All');

			const empty = await post(`${base}/salesInvoices`, { customerNumber: 'C00010' });
			const p3 = await post(`${base}/salesInvoices(${empty.body.id})/Microsoft.NAV.post`);
			expect(p3.status).toBe(400);

			const noItem = await post(`${base}/salesInvoices(${empty.body.id})/salesInvoiceLines`, { lineType: 'Item', lineObjectNumber: 'NOPE', quantity: 1 });
			expect(noItem.status).toBe(400);
			expect(noItem.body.error.message).toMatch(/^Item does not exist\./);
			const noAcc = await post(`${base}/salesInvoices(${empty.body.id})/salesInvoiceLines`, { lineType: 'Account', lineObjectNumber: '9999', quantity: 1 });
			expect(noAcc.body.error.message).toMatch(/^Account does not exist\./);
			const control = await post(`${base}/salesInvoices(${empty.body.id})/salesInvoiceLines`, { lineType: 'Account', lineObjectNumber: '1100', quantity: 1, unitPrice: 5 });
			expect(control.status).toBe(400);
			expect(control.body.error.message).toContain('Direct Posting');

			const deepFail = await post(`${base}/salesInvoices`, { customerNumber: 'C00010', salesInvoiceLines: [{ lineObjectNumber: 'TRIP', quantity: 1 }, { lineObjectNumber: 'NOPE', quantity: 1 }] });
			expect(deepFail.status).toBe(400);
			const ext = await one(`${base}/salesInvoices?$filter=customerNumber eq 'C00010' and status eq 'Draft'`);
			expect(ext.length).toBe(2); // `outside` and `empty`: the failed deep insert left nothing behind

			const dupNo = await post(`${base}/salesInvoices`, { customerNumber: 'C00010', number: outside.body.number });
			expect(dupNo.status).toBe(400);
			expect(dupNo.body.error.code).toBe('Internal_EntityWithSameKeyExists');
			const noCustomer = await post(`${base}/salesInvoices`, { externalDocumentNumber: 'x' });
			expect(noCustomer.body.error.message).toMatch(/^A "customerNumber" or a "customerId" must be provided\./);
		});

		it('upserts dimension set lines keyed by dimension id', async () => {
			// C00030 has a default DEPARTMENT (HVAC-SVC): the new invoice carries it already
			const inv = await post(`${base}/salesInvoices`, { customerNumber: 'C00030', salesInvoiceLines: [{ lineObjectNumber: 'SVC-HVAC-TUNE', quantity: 1 }] });
			expect(inv.status).toBe(201);
			expect(inv.body.shortcutDimension1Code).toBe('HVAC-SVC');
			const dsl = `${base}/salesInvoices(${inv.body.id})/dimensionSetLines`;
			const existing = await one(dsl);
			expect(existing).toHaveLength(1);
			expect(existing[0]).toMatchObject({ code: 'DEPARTMENT', valueCode: 'HVAC-SVC', parentType: 'Sales_x0020_Invoice', parentId: inv.body.id });

			const dup = await post(dsl, { code: 'DEPARTMENT', valueCode: 'HVAC-INST' });
			expect(dup.status).toBe(400);
			expect(dup.body.error.message).toMatch(/^The dimension set line already exists\./);

			const lineUrl = `${dsl}(${existing[0].id})`;
			expect((await patch(lineUrl, { valueCode: 'HVAC-INST' })).status).toBe(400);
			const upd = await patch(lineUrl, { valueCode: 'HVAC-INST' }, { 'if-match': existing[0]['@odata.etag'] });
			expect(upd.status).toBe(200);
			expect(upd.body.valueCode).toBe('HVAC-INST');
			const area = await post(dsl, { code: 'AREA', valueCode: 'HVAC' });
			expect(area.status).toBe(201);
			expect(area.body.id).toBe(area.body.id.toLowerCase());
			const header = await get(`${base}/salesInvoices(${inv.body.id})`);
			expect([header.body.shortcutDimension1Code, header.body.shortcutDimension2Code]).toEqual(['HVAC-INST', 'HVAC']);
			// header dimensions flow to the lines
			const lines = await one(`${base}/salesInvoices(${inv.body.id})/salesInvoiceLines?$expand=dimensionSetLines`);
			expect(lines[0].dimensionSetLines.map((d: any) => `${d.code}=${d.valueCode}`).sort()).toEqual(['AREA=HVAC', 'DEPARTMENT=HVAC-INST']);
			const unknown = await post(dsl, { code: 'NOPE', valueCode: 'X' });
			expect(unknown.status).toBe(400);
			const immutable = await patch(lineUrl, { code: 'AREA' }, { 'if-match': '*' });
			expect(immutable.status).toBe(400);
		});
	});

	describe('customer payments', () => {
		it('posts a negative payment applied to a posted invoice and rejects a positive one', async () => {
			const inv = await post(`${base}/salesInvoices`, { customerNumber: 'C00060', salesInvoiceLines: [{ lineObjectNumber: 'SVC-PLUMB-DRAIN', quantity: 2 }] });
			const draftPay = await post(`${base}/customerPaymentJournals(${(await one(`${base}/customerPaymentJournals?$filter=code eq 'STPAYMENTS'`))[0].id})/customerPayments`, {
				amount: -10,
				appliesToInvoiceNumber: inv.body.number,
			});
			expect(draftPay.status).toBe(400); // applies-to must be a posted invoice
			expect((await post(`${base}/salesInvoices(${inv.body.id})/Microsoft.NAV.post`)).status).toBe(204);
			const invoice = (await get(`${base}/salesInvoices(${inv.body.id})`)).body;
			expect(invoice.totalAmountIncludingTax).toBe(298);

			const [journal] = await one(`${base}/customerPaymentJournals?$filter=code eq 'STPAYMENTS'`);
			expect(journal.balancingAccountNumber).toBe('CHECKING');
			const payUrl = `${base}/customerPaymentJournals(${journal.id})/customerPayments`;
			const positive = await post(payUrl, { amount: 100, appliesToInvoiceNumber: invoice.number, externalDocumentNumber: 'ST-PMT-1', postingDate: '2026-06-15' });
			expect(positive.status).toBe(201);
			expect(positive.body.amount).toBe(100); // stored as sent
			expect(positive.body.customerNumber).toBe('C00060');
			expect(positive.body.appliesToInvoiceId).toBe(invoice.id);

			const fail = await post(`${base}/journals(${journal.id})/Microsoft.NAV.post`);
			expect(fail.status).toBe(400);
			expect(fail.body.error.message).toMatch(/^Amount must be negative in Gen\. Journal Line/);
			expect(await one(`${base}/customerPayments?$filter=journalId eq ${journal.id}`)).toHaveLength(1);

			const fixed = await patch(`${payUrl}(${positive.body.id})`, { amount: -100 }, { 'if-match': positive.body['@odata.etag'] });
			expect(fixed.status).toBe(200);
			const ok = await post(`${base}/journals(${journal.id})/Microsoft.NAV.post`);
			expect(ok.status).toBe(204);
			expect(await one(payUrl)).toHaveLength(0);
			const paid = (await get(`${base}/salesInvoices(${invoice.id})`)).body;
			expect(paid.remainingAmount).toBe(198);
			expect(paid.status).toBe('Open');
			const cust = await one(`${base}/customers?$filter=number eq 'C00060'`);
			expect(cust[0].balanceDue).toBe(198);
			const bank = await one(`${base}/generalLedgerEntries?$filter=documentNumber eq '${positive.body.documentNumber}' and accountNumber eq '1310'`);
			expect(bank[0].debitAmount).toBe(100);

			// pay the rest by invoice id → Paid
			await post(payUrl, { amount: -198, appliesToInvoiceId: invoice.id });
			expect((await post(`${base}/journals(${journal.id})/Microsoft.NAV.post`)).status).toBe(204);
			const closed = (await get(`${base}/salesInvoices(${invoice.id})`)).body;
			expect([closed.status, closed.remainingAmount]).toEqual(['Paid', 0]);
			const nothing = await post(`${base}/journals(${journal.id})/Microsoft.NAV.post`);
			expect(nothing.status).toBe(400);
		});
	});

	describe('$batch', () => {
		it('runs independent requests without isolation and rolls everything back with Isolation: snapshot', async () => {
			const before = (await one(`${base}/customers`)).length;
			const requests = [
				{ id: '1', method: 'POST', url: `companies(${bc.companyId})/customers`, headers: { 'Content-Type': 'application/json' }, body: { displayName: 'Batch A' } },
				{ id: '2', method: 'POST', url: `companies(${bc.companyId})/customers`, headers: { 'Content-Type': 'application/json' }, body: { displayName: 'Batch B', number: 'C00010' } },
				{ id: '3', method: 'GET', url: `companies(${bc.companyId})/customers?$filter=displayName eq 'Batch A'` },
			];
			const loose = await post(`${bc.apiBase}/$batch`, { requests });
			expect(loose.status).toBe(200);
			expect(loose.body.responses.map((r: any) => [r.id, r.status])).toEqual([
				['1', 201],
				['2', 400],
				['3', 200],
			]);
			expect(loose.body.responses[1].body.error.code).toBe('Internal_EntityWithSameKeyExists');
			expect(loose.body.responses[2].body.value).toHaveLength(1);
			expect((await one(`${base}/customers`)).length).toBe(before + 1);

			const snap = await post(`${bc.apiBase}/$batch`, { requests: requests.map((r) => ({ ...r, body: r.body && { ...r.body, displayName: `${r.body.displayName} snap` } })) }, { isolation: 'snapshot' });
			expect(snap.status).toBe(200);
			expect(snap.body.responses.map((r: any) => r.status)).toEqual([201, 400]);
			expect((await one(`${base}/customers`)).length).toBe(before + 1);
			expect(await one(`${base}/customers?$filter=displayName eq 'Batch A snap'`)).toHaveLength(0);

			const good = await post(
				`${bc.apiBase}/$batch`,
				{ requests: [{ id: 'a', method: 'POST', url: `companies(${bc.companyId})/customers`, body: { displayName: 'Snap OK' } }] },
				{ isolation: 'snapshot' },
			);
			expect(good.body.responses[0].status).toBe(201);
			expect(await one(`${base}/customers?$filter=displayName eq 'Snap OK'`)).toHaveLength(1);

			const tooMany = await post(`${bc.apiBase}/$batch`, { requests: Array.from({ length: 101 }, (_, i) => ({ id: String(i), method: 'GET', url: 'companies' })) });
			expect(tooMany.status).toBe(400);
		});
	});

	describe('faults and throttling', () => {
		it('injects status, rate-limit and reset faults', async () => {
			bc.faults.push({ kind: 'status', status: 503, times: 1, match: '/customers' });
			const r503 = await get(`${base}/customers`);
			expect(r503.status).toBe(503);
			expect(r503.headers['retry-after']).toBe('1');
			expect((await get(`${base}/customers`)).status).toBe(200);
			bc.faults.push({ kind: 'rateLimit', times: 1, retryAfter: 7 });
			const r429 = await get(`${base}/items`);
			expect(r429.status).toBe(429);
			expect(r429.headers['retry-after']).toBe('7');
			bc.faults.push({ kind: 'reset', times: 1 });
			await expect(get(`${base}/items`)).rejects.toThrow();
			expect((await get(`${base}/items?$top=1`)).status).toBe(200);
		});

		it('answers 429 with Retry-After past the request window and the concurrency limit', async () => {
			const small = await sim.startBusinessCentralSimulator({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, limits: { requestsPer5Min: 3, maxConcurrent: 1 }, latencyMs: 150, certDir });
			try {
				const t = await tokenFor(small);
				const h = { authorization: `Bearer ${t}` };
				const g = () => request(small, 'GET', `${small.apiBase}/companies`, { headers: h });
				const parallel = await Promise.all([g(), g()]);
				expect(parallel.map((r) => r.status).sort()).toEqual([200, 429]);
				expect(parallel.find((r) => r.status === 429)!.headers['retry-after']).toBe('1');
				expect((await g()).status).toBe(200);
				expect((await g()).status).toBe(200);
				const over = await g();
				expect(over.status).toBe(429);
				expect(Number(over.headers['retry-after'])).toBeGreaterThan(200);
				expect(over.body.error.message).toMatch(correlation);
				expect(small.stats.throttled).toBe(2);
			} finally {
				await small.close();
			}
		});
	});

	describe('webhooks', () => {
		it('handshakes, then delivers batched notifications to a loopback receiver', async () => {
			const received: any[] = [];
			const server = http.createServer((req, res) => {
				const u = new URL(req.url || '/', 'http://127.0.0.1');
				let b = '';
				req.on('data', (c) => (b += c));
				req.on('end', () => {
					if (u.searchParams.get('validationToken')) {
						res.writeHead(200, { 'content-type': 'text/plain' });
						res.end(u.searchParams.get('validationToken'));
						return;
					}
					received.push(JSON.parse(b));
					res.writeHead(202);
					res.end();
				});
			});
			await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
			try {
				const port = (server.address() as any).port;
				const sub = await post(`${bc.apiBase}/subscriptions`, { notificationUrl: `http://127.0.0.1:${port}/hook`, resource: `/api/v2.0/companies(${bc.companyId})/customers`, clientState: 'secret-state' });
				expect(sub.status).toBe(201);
				const c = await post(`${base}/customers`, { displayName: 'Webhook Customer' });
				await bc.webhooks.flush();
				expect(received).toHaveLength(1);
				expect(received[0].value[0]).toMatchObject({ subscriptionId: sub.body.subscriptionId, clientState: 'secret-state', changeType: 'created', resource: `api/v2.0/companies(${bc.companyId})/customers(${c.body.id})` });
				const remote = await post(`${bc.apiBase}/subscriptions`, { notificationUrl: 'https://example.com/hook', resource: `/api/v2.0/companies(${bc.companyId})/customers` });
				expect(remote.status).toBe(400);
				expect((await del(`${bc.apiBase}/subscriptions('${sub.body.subscriptionId}')`, { 'if-match': '*' })).status).toBe(204);
			} finally {
				await new Promise((r) => server.close(r));
			}
		});
	});

	it('keeps its certificates in the shared cache folder', () => {
		expect(fs.existsSync(path.join(certDir, 'ca.pem'))).toBe(true);
		expect(bc.caCertPath).toBe(path.join(certDir, 'ca.pem'));
	});
});
