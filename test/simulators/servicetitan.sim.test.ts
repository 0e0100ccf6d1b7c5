/**
 * Tests of the ServiceTitan simulator itself (test/simulators/servicetitan/). They prove the
 * simulator behaves like the fact sheet (../shared/reference/servicetitan.md, beside the repository) says, so the
 * node tests built on it can be trusted.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { generateSeed, startServiceTitanSimulator } from './servicetitan';
import type { ServiceTitanSimulator, SimState } from './servicetitan';

const APP_KEY = 'ak1.sim-app-key';
const CLIENT = { id: 'cid-sim', secret: 'secret-sim' };
const SIGNING_KEY = 'test-signing-key-0123456789abcdef-XYZ';

type Json = any;

async function getToken(sim: ServiceTitanSimulator): Promise<string> {
	const res = await fetch(`${sim.url}/connect/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }).toString(),
	});
	expect(res.status).toBe(200);
	const body = (await res.json()) as Json;
	return body.access_token;
}

function api(sim: ServiceTitanSimulator, token: string) {
	const call = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
		const res = await fetch(`${sim.url}${path.replace('{t}', sim.tenantId)}`, {
			method,
			headers: Object.assign(
				{ authorization: `Bearer ${token}`, 'st-app-key': APP_KEY },
				body === undefined ? {} : { 'content-type': 'application/json' },
				headers || {},
			),
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json: Json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, text, json };
	};
	return {
		get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
		post: (path: string, body: unknown) => call('POST', path, body),
		patch: (path: string, body: unknown) => call('PATCH', path, body),
	};
}

/** Independent integer-cent arithmetic (does not reuse the simulator's money.js). */
function cents(s: string): number {
	expect(s).toMatch(/^-?\d+\.\d{2}$/);
	const neg = s.startsWith('-');
	const [w, f] = s.replace('-', '').split('.');
	const v = Number(w) * 100 + Number(f);
	return neg ? -v : v;
}
function hundredths(q: string): number {
	expect(q).toMatch(/^-?\d+(\.\d{1,2})?$/);
	const neg = q.startsWith('-');
	const [w, f = ''] = q.replace('-', '').split('.');
	const v = Number(w) * 100 + Number((f + '00').slice(0, 2));
	return neg ? -v : v;
}
/** a / b rounded half away from zero, integers only */
function divRound(a: number, b: number): number {
	const sign = a < 0 ? -1 : 1;
	const abs = Math.abs(a);
	const q = Math.floor(abs / b);
	const r = abs - q * b;
	return sign * (r * 2 >= b ? q + 1 : q) || 0;
}
function ppm(rate: number): number {
	const [w, f = ''] = String(rate).split('.');
	return Number(w) * 1000000 + Number((f + '000000').slice(0, 6));
}

describe('ServiceTitan simulator', () => {
	let sim: ServiceTitanSimulator;
	let token: string;

	beforeAll(async () => {
		sim = await startServiceTitanSimulator({ port: 0, webhookSigningKey: SIGNING_KEY, exportPageSize: 10, rateLimitPerSecond: 0 });
		token = await getToken(sim);
	});
	afterAll(async () => {
		await sim.close();
	});
	afterEach(() => {
		sim.faults.clear();
	});

	describe('auth', () => {
		it('issues tokens, accepts Bearer and bare tokens, and answers 401 after expiry', async () => {
			const t = await getToken(sim);
			expect(sim.stats.tokensIssued).toBeGreaterThanOrEqual(2);
			const a = api(sim, t);
			expect((await a.get('/accounting/v2/tenant/{t}/invoices?pageSize=1')).status).toBe(200);
			const bare = await a.get('/accounting/v2/tenant/{t}/invoices?pageSize=1', { authorization: t });
			expect(bare.status).toBe(200);

			sim.expireTokens();
			const expired = await a.get('/accounting/v2/tenant/{t}/invoices?pageSize=1');
			expect(expired.status).toBe(401);
			expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
			expect(Object.keys(expired.json).sort()).toEqual(['data', 'errors', 'status', 'title', 'traceId', 'type']);
			expect(expired.json.status).toBe(401);

			const missing = await fetch(`${sim.url}/accounting/v2/tenant/${sim.tenantId}/invoices`, { headers: { 'st-app-key': APP_KEY } });
			expect(missing.status).toBe(401);
			token = await getToken(sim); // fresh token for the rest of the suite
		});

		it('rejects wrong client credentials and grant types with OAuth errors', async () => {
			const post = (form: Record<string, string>) =>
				fetch(`${sim.url}/connect/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
			const bad = await post({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: 'nope' });
			expect(bad.status).toBe(400);
			expect(await bad.json()).toMatchObject({ error: 'invalid_client' });
			const grant = await post({ grant_type: 'password', client_id: CLIENT.id, client_secret: CLIENT.secret });
			expect(grant.status).toBe(400);
			expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
			const ok = (await (await post({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret })).json()) as Json;
			expect(ok).toMatchObject({ expires_in: 900, token_type: 'Bearer' });
			expect(typeof ok.access_token).toBe('string');
		});

		it('answers 403 for a wrong or missing ST-App-Key and 404 for another tenant', async () => {
			const a = api(sim, token);
			const wrong = await a.get('/accounting/v2/tenant/{t}/invoices', { 'st-app-key': 'ak1.other' });
			expect(wrong.status).toBe(403);
			expect(wrong.json.title).toMatch(/application key is not valid for this tenant/i);
			const noKey = await fetch(`${sim.url}/accounting/v2/tenant/${sim.tenantId}/invoices`, { headers: { authorization: `Bearer ${token}` } });
			expect(noKey.status).toBe(403);
			const other = await a.get('/accounting/v2/tenant/999/invoices');
			expect(other.status).toBe(404);
		});
	});

	describe('rate limit', () => {
		it('returns 429 with Retry-After beyond the per-second limit', async () => {
			const limited = await startServiceTitanSimulator({ port: 0, rateLimitPerSecond: 5, seed: { invoices: 5, customers: 2 } });
			try {
				const a = api(limited, await getToken(limited));
				const results = await Promise.all(Array.from({ length: 12 }, () => a.get('/settings/v2/tenant/{t}/business-units')));
				const tooMany = results.filter((r) => r.status === 429);
				expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(5);
				expect(tooMany.length).toBeGreaterThanOrEqual(7);
				expect(tooMany[0].headers.get('retry-after')).toBe('1');
				expect(tooMany[0].json).toMatchObject({ status: 429 });
				expect(limited.stats.rateLimited).toBe(tooMany.length);
			} finally {
				await limited.close();
			}
		});
	});

	describe('page lists', () => {
		it('covers every invoice exactly once across pages, sorted by id', async () => {
			const a = api(sim, token);
			const seen: number[] = [];
			let page = 1;
			let total: number | null = null;
			for (;;) {
				const r = await a.get(`/accounting/v2/tenant/{t}/invoices?activeState=All&pageSize=7&page=${page}&includeTotal=true`);
				expect(r.status).toBe(200);
				expect(Object.keys(r.json).sort()).toEqual(['data', 'hasMore', 'page', 'pageSize', 'totalCount']);
				expect(r.json.page).toBe(page);
				expect(r.json.data.length).toBeLessThanOrEqual(7);
				total = r.json.totalCount;
				seen.push(...r.json.data.map((i: Json) => i.id));
				if (!r.json.hasMore) break;
				page++;
			}
			const expected = sim.state.invoices.map((i) => i.id).sort((x, y) => x - y);
			expect(seen).toEqual(expected);
			expect(new Set(seen).size).toBe(seen.length);
			expect(total).toBe(expected.length);

			const noTotal = await a.get('/accounting/v2/tenant/{t}/invoices?pageSize=3');
			expect(noTotal.json.totalCount).toBeNull();
			expect(noTotal.json.pageSize).toBe(3);
			const clamped = await a.get('/accounting/v2/tenant/{t}/invoices?pageSize=99999');
			expect(clamped.json.pageSize).toBe(5000);
			const active = await a.get('/accounting/v2/tenant/{t}/invoices?pageSize=5000');
			expect(active.json.data.every((i: Json) => i.active)).toBe(true);
		});

		it('filters invoices by ids (max 50), statuses and business unit; bare-array bills; 404 on missing ids', async () => {
			const a = api(sim, token);
			const [i1, i2] = sim.state.invoices;
			const byIds = await a.get(`/accounting/v2/tenant/{t}/invoices?ids=${i2.id},${i1.id}`);
			expect(byIds.json.data.map((i: Json) => i.id)).toEqual([i1.id, i2.id]);
			const tooMany = await a.get(`/accounting/v2/tenant/{t}/invoices?ids=${Array.from({ length: 51 }, (_, k) => k + 1).join(',')}`);
			expect(tooMany.status).toBe(400);
			expect(tooMany.json.errors.ids).toBeDefined();
			const pending = await a.get('/accounting/v2/tenant/{t}/invoices?statuses=Pending&pageSize=5000&activeState=All');
			expect(pending.json.data.every((i: Json) => i.syncStatus === 'Pending')).toBe(true);
			const bu = sim.state.businessUnits[0].id;
			const byBu = await a.get(`/accounting/v2/tenant/{t}/invoices?businessUnitId=${bu}&pageSize=5000`);
			expect(byBu.json.data.every((i: Json) => i.businessUnit.id === bu)).toBe(true);

			const bills = await a.get('/accounting/v2/tenant/{t}/inventory-bills?pageSize=2');
			expect(Array.isArray(bills.json)).toBe(true);
			expect(bills.json[0]).not.toHaveProperty('active');
			const paged = await a.get('/accounting/v2/tenant/{t}/inventory-bills/paginated?pageSize=2');
			expect(paged.json).toHaveProperty('hasMore');

			const missing = await a.get('/crm/v2/tenant/{t}/customers/1');
			expect(missing.status).toBe(404);
			expect(missing.json.status).toBe(404);
			const vendors = await a.get(`/inventory/v2/tenant/{t}/vendors?ids=${sim.state.vendors[0].id}&ids=${sim.state.vendors[1].id}`);
			expect(vendors.json.data).toHaveLength(2);
		});

		it('validates creates: pricebook code required (400), duplicate code (409), customer needs a location', async () => {
			const a = api(sim, token);
			const noCode = await a.post('/pricebook/v2/tenant/{t}/services', { description: 'No code' });
			expect(noCode.status).toBe(400);
			expect(noCode.json.errors.code).toBeDefined();
			const created = await a.post('/pricebook/v2/tenant/{t}/services', { code: 'SIM-TEST-1', description: 'Test', price: 12.5 });
			expect(created.status).toBe(201);
			expect(created.json).toMatchObject({ code: 'SIM-TEST-1', price: 12.5, active: true });
			const dup = await a.post('/pricebook/v2/tenant/{t}/materials', { code: 'sim-test-1', description: 'Dup' });
			expect(dup.status).toBe(409);
			const addr = { street: '1 Main St', city: 'Austin', state: 'TX', zip: '78701', country: 'USA' };
			const noLoc = await a.post('/crm/v2/tenant/{t}/customers', { name: 'No Location', address: addr, locations: [] });
			expect(noLoc.status).toBe(400);
			const cust = await a.post('/crm/v2/tenant/{t}/customers', { name: 'New Co', type: 'Commercial', address: addr, locations: [{ name: 'HQ', address: addr }] });
			expect(cust.status).toBe(200);
			expect(cust.json.locations).toHaveLength(1);
			expect(cust.json.locations[0].customerId).toBe(cust.json.id);
		});
	});

	describe('export feeds', () => {
		it('resumes with continueFrom, honours date `from`, and shows records added after the end', async () => {
			const a = api(sim, token);
			const seen: number[] = [];
			let from: string | undefined;
			let calls = 0;
			let lastModified = '';
			for (;;) {
				const r = await a.get(`/accounting/v2/tenant/{t}/export/invoices${from ? `?from=${encodeURIComponent(from)}` : ''}`);
				expect(r.status).toBe(200);
				expect(Object.keys(r.json).sort()).toEqual(['continueFrom', 'data', 'hasMore']);
				expect(r.json.data.length).toBeLessThanOrEqual(10);
				for (const inv of r.json.data) {
					expect(inv.modifiedOn >= lastModified).toBe(true); // chronological
					lastModified = inv.modifiedOn;
					seen.push(inv.id);
				}
				from = r.json.continueFrom;
				calls++;
				if (!r.json.hasMore) break;
			}
			// every invoice (inactive included) exactly once
			expect(seen.slice().sort((x, y) => x - y)).toEqual(sim.state.invoices.map((i) => i.id).sort((x, y) => x - y));
			expect(calls).toBe(Math.ceil(sim.state.invoices.length / 10));
			expect(seen.some((id) => sim.state.invoices.find((i) => i.id === id)?.active === false)).toBe(true);

			// at the end: nothing new → empty page, hasMore false
			const idle = await a.get(`/accounting/v2/tenant/{t}/export/invoices?from=${encodeURIComponent(from!)}`);
			expect(idle.json).toMatchObject({ hasMore: false, data: [] });

			// a record whose webhook was never sent shows up on the next poll
			const added = sim.addInvoice({ items: [{ type: 'Service', description: 'Late call', quantity: '1', price: '75.00' }] });
			const next = await a.get(`/accounting/v2/tenant/{t}/export/invoices?from=${encodeURIComponent(idle.json.continueFrom)}`);
			expect(next.json.data.map((i: Json) => i.id)).toEqual([added.id]);
			expect(next.json.hasMore).toBe(false);

			// date `from`: modifiedOn >= date
			const cutoff = sim.state.invoices.map((i) => i.modifiedOn).sort()[Math.floor(sim.state.invoices.length / 2)];
			const expectedIds = sim.state.invoices.filter((i) => Date.parse(i.modifiedOn) >= Date.parse(cutoff)).map((i) => i.id).sort();
			const byDate: number[] = [];
			let f: string = cutoff;
			for (;;) {
				const r = await a.get(`/accounting/v2/tenant/{t}/export/invoices?from=${encodeURIComponent(f)}`);
				byDate.push(...r.json.data.map((i: Json) => i.id));
				f = r.json.continueFrom;
				if (!r.json.hasMore) break;
			}
			expect(byDate.sort()).toEqual(expectedIds);
			const dayOnly = await a.get('/accounting/v2/tenant/{t}/export/invoices?from=2099-01-01');
			expect(dayOnly.json).toMatchObject({ hasMore: false, data: [] });

			// a bad token is a 400
			const bad = await a.get('/accounting/v2/tenant/{t}/export/invoices?from=not-a-token');
			expect(bad.status).toBe(400);
		});

		it('mark-as-exported changes state and bumps the record back onto the feed', async () => {
			const a = api(sim, token);
			// go to the end of the feed
			let from: string | undefined;
			for (;;) {
				const r = await a.get(`/accounting/v2/tenant/{t}/export/invoices${from ? `?from=${encodeURIComponent(from)}` : ''}`);
				from = r.json.continueFrom;
				if (!r.json.hasMore) break;
			}
			const target = sim.state.invoices.find((i) => i.syncStatus === 'Posted' && i.active)!;
			const res = await a.post('/accounting/v2/tenant/{t}/invoices/markasexported', [
				{ invoiceId: target.id, externalId: 'ERP-INV-1', externalMessage: 'Posted to GL' },
				{ invoiceId: 1, externalId: 'X' },
			]);
			expect(res.status).toBe(200);
			expect(res.json).toEqual([
				{ invoiceId: target.id, success: true, errorMessage: null },
				{ invoiceId: 1, success: false, errorMessage: expect.any(String) },
			]);
			expect(target.syncStatus).toBe('Exported');
			expect(target.exportId).toBe('ERP-INV-1');
			expect(sim.state.exportLog).toContainEqual(expect.objectContaining({ kind: 'invoice', id: target.id, externalMessage: 'Posted to GL' }));
			const exported = await a.get(`/accounting/v2/tenant/{t}/invoices?ids=${target.id}&statuses=Exported`);
			expect(exported.json.data).toHaveLength(1);
			const again = await a.get(`/accounting/v2/tenant/{t}/export/invoices?from=${encodeURIComponent(from!)}`);
			expect(again.json.data.map((i: Json) => i.id)).toContain(target.id);

			// payments: status endpoint; unknown id → 400 and nothing changes
			const pay = sim.state.payments.find((p) => p.syncStatus === 'Posted')!;
			const badPay = await a.post('/accounting/v2/tenant/{t}/payments/status', { paymentIds: [pay.id, 1], status: 'Exported' });
			expect(badPay.status).toBe(400);
			expect(pay.syncStatus).toBe('Posted');
			const okPay = await a.post('/accounting/v2/tenant/{t}/payments/status', { paymentIds: [pay.id], status: 'Exported' });
			expect(okPay.status).toBe(200);
			expect(okPay.text).toBe('');
			expect(pay.syncStatus).toBe('Exported');

			// inventory bills
			const bill = sim.state.inventoryBills[0];
			const billRes = await a.post('/accounting/v2/tenant/{t}/inventory-bills/markasexported', { inventoryBillIds: [bill.id, 2] });
			expect(billRes.json).toEqual([
				{ inventoryBillId: bill.id, success: true, errorMessage: null },
				{ inventoryBillId: 2, success: false, errorMessage: expect.any(String) },
			]);
			expect(bill.syncStatus).toBe('Exported');

			// PATCH invoice exportId
			const other = sim.state.invoices[1];
			const patched = await a.patch(`/accounting/v2/tenant/{t}/invoices/${other.id}`, { exportId: 'ERP-PATCH-7' });
			expect(patched.status).toBe(200);
			expect(other.exportId).toBe('ERP-PATCH-7');
		});
	});

	describe('seed data', () => {
		const check = (state: SimState) => {
			const appliedByInvoice = new Map<number, number>();
			for (const p of state.payments) {
				let applied = 0;
				for (const a of p.appliedTo) {
					applied += cents(a.appliedAmount);
					appliedByInvoice.set(a.appliedTo, (appliedByInvoice.get(a.appliedTo) || 0) + cents(a.appliedAmount));
				}
				expect(cents(p.total)).toBe(applied + cents(p.unappliedAmount));
				expect(typeof p.typeId).toBe('string');
			}
			for (const inv of state.invoices) {
				let sub = 0;
				let taxable = 0;
				for (const it of inv.items) {
					const line = divRound(hundredths(it.quantity) * cents(it.price), 100);
					expect(cents(it.total)).toBe(line);
					sub += line;
					if (it.taxable) taxable += line;
				}
				expect(cents(inv.subTotal)).toBe(sub);
				const tax = divRound(taxable * ppm(inv.salesTaxCode!.taxRate), 1000000);
				expect(cents(inv.salesTax)).toBe(tax);
				expect(cents(inv.total)).toBe(sub + tax);
				expect(cents(inv.balance)).toBe(sub + tax - (appliedByInvoice.get(inv.id) || 0));
				expect(inv.modifiedOn).toMatch(/Z$/);
				expect(state.businessUnits.some((b) => b.id === inv.businessUnit!.id)).toBe(true);
			}
			for (const b of state.inventoryBills) {
				const items = b.items.reduce((s, it) => s + Number(it.quantity) * cents(it.cost), 0);
				expect(cents(b.billAmount)).toBe(items + cents(b.taxAmount) + cents(b.shippingAmount) + cents(b.otherAmount));
				expect(b.items.reduce((s, it) => s + cents(it.allocatedTax), 0)).toBe(cents(b.taxAmount));
				expect(state.purchaseOrders.some((po) => po.id === b.purchaseOrderId)).toBe(true);
			}
			for (const c of state.customers) {
				const bal = state.invoices.filter((i) => i.active && i.customer!.id === c.id).reduce((s, i) => s + cents(i.balance), 0);
				expect(Math.round(c.balance * 100)).toBe(bal);
			}
		};

		it('ties out to the cent and contains the awkward cases', () => {
			check(sim.state);
			const st = generateSeed({ seed: 7, invoices: 400, customers: 30 });
			check(st);
			expect(st.invoices.some((i) => i.total === '0.00')).toBe(true);
			expect(st.invoices.some((i) => i.adjustmentToId != null && cents(i.total) < 0)).toBe(true);
			expect(st.invoices.some((i) => !i.active)).toBe(true);
			expect(st.invoices.some((i) => i.syncStatus === 'Pending')).toBe(true);
			expect(st.invoices.some((i) => cents(i.balance) > 0 && cents(i.balance) < cents(i.total) && cents(i.total) > 0)).toBe(true); // partial
			expect(st.payments.some((p) => p.appliedTo.length >= 2)).toBe(true);
			expect(st.payments.some((p) => cents(p.unappliedAmount) > 0)).toBe(true);
			expect(new Set(st.payments.map((p) => p.type))).toEqual(new Set(['Cash', 'Check', 'Credit Card', 'ACH']));
		});

		it('is deterministic for a seed', () => {
			expect(JSON.stringify(generateSeed({ seed: 3, invoices: 60 }))).toBe(JSON.stringify(generateSeed({ seed: 3, invoices: 60 })));
			expect(JSON.stringify(generateSeed({ seed: 3, invoices: 60 }))).not.toBe(JSON.stringify(generateSeed({ seed: 4, invoices: 60 })));
		});
	});

	describe('webhooks', () => {
		let receiver: http.Server;
		let receiverUrl: string;
		const received: { headers: http.IncomingHttpHeaders; raw: Buffer }[] = [];
		let failNext = 0;

		beforeAll(async () => {
			receiver = http.createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (c: Buffer) => chunks.push(c));
				req.on('end', () => {
					received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
					if (failNext > 0) {
						failNext--;
						res.writeHead(500).end('nope');
					} else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
				});
			});
			await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
			receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		});
		afterAll(async () => {
			await new Promise<void>((resolve) => receiver.close(() => resolve()));
		});

		const verify = (raw: Buffer, header: string, encoding: 'hex' | 'base64', prefix = '') => {
			const expected = Buffer.from(prefix + crypto.createHmac('sha256', SIGNING_KEY).update(raw).digest(encoding));
			const got = Buffer.from(header);
			return expected.length === got.length && crypto.timingSafeEqual(expected, got);
		};

		it('signs the raw body with HMAC-SHA256 (hex and base64) and carries the full record', async () => {
			const inv = sim.state.invoices[2];
			const hex = await sim.sendWebhook(receiverUrl, { eventType: 'invoice.created', recordId: inv.id });
			expect(hex.status).toBe(200);
			const got = received[received.length - 1];
			expect(got.raw.toString('utf8')).toBe(hex.rawBody);
			expect(verify(got.raw, String(got.headers['x-servicetitan-signature']), 'hex')).toBe(true);
			expect(got.headers['x-servicetitan-event']).toBe('invoice.created');
			expect(got.headers['x-servicetitan-webhook-id']).toBe(hex.eventId);
			const payload = JSON.parse(got.raw.toString('utf8'));
			expect(payload).toEqual({ eventId: hex.eventId, eventType: 'invoice.created', tenantId: Number(sim.tenantId), createdOn: expect.stringMatching(/Z$/), data: JSON.parse(JSON.stringify(inv)) });

			const b64 = await sim.sendWebhook(receiverUrl, { eventType: 'payment.created', recordId: 424242 }, { encoding: 'base64', prefix: 'sha256=', eventId: 'evt-dup-1' });
			const got2 = received[received.length - 1];
			expect(verify(got2.raw, String(got2.headers['x-servicetitan-signature']), 'base64', 'sha256=')).toBe(true);
			expect(JSON.parse(got2.raw.toString('utf8'))).toMatchObject({ eventId: 'evt-dup-1', data: { id: 424242 } });
			expect(b64.eventId).toBe('evt-dup-1');

			const tampered = await sim.sendWebhook(receiverUrl, { eventType: 'invoice.updated', recordId: inv.id }, { tamper: (raw) => raw.replace(inv.total, '0.01'), header: 'x-st-signature' });
			const got3 = received[received.length - 1];
			expect(got3.raw.toString('utf8')).toBe(tampered.rawBody);
			expect(tampered.rawBody).not.toBe(tampered.signedBody);
			expect(verify(got3.raw, String(got3.headers['x-st-signature']), 'hex')).toBe(false);
		});

		it('retries non-2xx deliveries on the 10/30/60/300 s schedule (scaled)', async () => {
			failNext = 2;
			const before = received.length;
			const res = await sim.sendWebhook(receiverUrl, { eventType: 'invoice.created', recordId: sim.state.invoices[0].id }, { retries: true, retryScale: 0.001, eventId: 'evt-retry' });
			expect(res.status).toBe(200);
			expect(res.attempts.map((x) => x.status)).toEqual([500, 500, 200]);
			const bodies = received.slice(before).map((r) => r.raw.toString('utf8'));
			expect(new Set(bodies).size).toBe(1);
			await expect(sim.sendWebhook('http://example.com/hook', { eventType: 'invoice.created' })).rejects.toThrow(/127\.0\.0\.1/);
		});
	});

	describe('faults', () => {
		it('503 twice then OK', async () => {
			const a = api(sim, token);
			sim.faults.push({ kind: 'status', status: 503, times: 2, match: '/export/invoices' });
			const other = await a.get('/accounting/v2/tenant/{t}/invoices?pageSize=1');
			expect(other.status).toBe(200); // not matching
			const r1 = await a.get('/accounting/v2/tenant/{t}/export/invoices');
			const r2 = await a.get('/accounting/v2/tenant/{t}/export/invoices');
			const r3 = await a.get('/accounting/v2/tenant/{t}/export/invoices');
			expect([r1.status, r2.status, r3.status]).toEqual([503, 503, 200]);
			expect(r1.json).toMatchObject({ status: 503 });
			expect(sim.faults).toHaveLength(0);
		});

		it('rate-limit fault, reset, malformed JSON and delay', async () => {
			const a = api(sim, token);
			sim.faults.push({ kind: 'rateLimit', times: 1, retryAfter: '2' });
			const limited = await a.get('/settings/v2/tenant/{t}/business-units');
			expect(limited.status).toBe(429);
			expect(limited.headers.get('retry-after')).toBe('2');

			sim.faults.push({ kind: 'reset', times: 1 });
			await expect(fetch(`${sim.url}/settings/v2/tenant/${sim.tenantId}/business-units`, { headers: { authorization: `Bearer ${token}`, 'st-app-key': APP_KEY } })).rejects.toThrow();

			sim.faults.push({ kind: 'malformed', times: 1 });
			const bad = await a.get('/settings/v2/tenant/{t}/business-units');
			expect(bad.status).toBe(200);
			expect(bad.json).toBeUndefined();
			expect(() => JSON.parse(bad.text)).toThrow();

			sim.faults.push({ kind: 'delay', ms: 150, times: 1 });
			const t0 = Date.now();
			const slow = await a.get('/settings/v2/tenant/{t}/business-units');
			expect(slow.status).toBe(200);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

			const good = await a.get('/settings/v2/tenant/{t}/business-units');
			expect(good.status).toBe(200);
			expect(sim.stats.byRoute['GET /settings/v2/tenant/{t}/business-units']).toBeGreaterThanOrEqual(5);
		});
	});
});
