/**
 * Business Central simulator — what the payment sync relies on, over real HTTPS: the customer ledger
 * through BC's finance reports API (`/api/microsoft/reportsFinance/beta/…/customerLedgerEntries`),
 * and customer payment journal batches used as claims, each posted on its own.
 */
import * as https from 'node:https';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sim = require('./business-central/index.js');

type Res = { status: number; headers: http.IncomingHttpHeaders; body: any };
type Sim = any;

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT_ID = '5d2e7a10-3c4b-4f6e-8a9d-1b2c3d4e5f60';
const CLIENT_SECRET = 'ledger-test-secret';
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
				const json = text && String(res.headers['content-type'] || '').includes('json');
				resolve({ status: res.statusCode || 0, headers: res.headers, body: json ? JSON.parse(text) : text || undefined });
			});
		});
		req.on('error', reject);
		req.end(data);
	});
}

async function start(options: Record<string, unknown> = {}) {
	const bc = await sim.startBusinessCentralSimulator({
		tenantId: TENANT,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		workDate: '2026-06-15',
		allowedPostingDates: { from: '2026-01-01', to: '2026-12-31' },
		certDir,
		...options,
	});
	const t = await request(bc, 'POST', bc.tokenEndpoint, {
		form: { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: 'https://api.businesscentral.dynamics.com/.default' },
	});
	expect(t.status).toBe(200);
	const H = { authorization: `Bearer ${t.body.access_token}` };
	return {
		bc,
		base: `${bc.apiBase}/companies(${bc.companyId})`,
		ledger: `${bc.reportsApiBase}/companies(${bc.companyId})/customerLedgerEntries`,
		get: (url: string, headers: Record<string, string> = {}) => request(bc, 'GET', url, { headers: { ...H, ...headers } }),
		post: (url: string, body?: unknown, headers: Record<string, string> = {}) => request(bc, 'POST', url, { headers: { ...H, ...headers }, body }),
		patch: (url: string, body: unknown, headers: Record<string, string> = {}) => request(bc, 'PATCH', url, { headers: { ...H, ...headers }, body }),
		del: (url: string, headers: Record<string, string> = {}) => request(bc, 'DELETE', url, { headers: { ...H, ...headers } }),
	};
}

type Api = Awaited<ReturnType<typeof start>>;

const filterUrl = (url: string, filter: string, more = '') => `${url}?$filter=${encodeURIComponent(filter)}${more}`;

describe('Business Central simulator: customer ledger and payment batches', () => {
	let api: Api;

	beforeAll(async () => {
		api = await start();
	});

	afterAll(async () => {
		await api.bc.close();
	});

	const one = async (url: string) => {
		const r = await api.get(url);
		expect(r.status).toBe(200);
		return r.body.value as any[];
	};

	const postedInvoice = async (customerNumber: string, externalDocumentNumber: string, amount: number) => {
		const inv = await api.post(`${api.base}/salesInvoices`, {
			customerNumber,
			externalDocumentNumber,
			invoiceDate: '2026-06-10',
			customerPurchaseOrderReference: `PO ${externalDocumentNumber}`,
			salesInvoiceLines: [{ lineType: 'Account', lineObjectNumber: '4000', quantity: 1, unitPrice: amount }],
		});
		expect(inv.status).toBe(201);
		expect((await api.post(`${api.base}/salesInvoices(${inv.body.id})/Microsoft.NAV.post`)).status).toBe(204);
		return (await api.get(`${api.base}/salesInvoices(${inv.body.id})`)).body;
	};

	const accountId = async (set: 'accounts' | 'bankAccounts', number: string) => (await one(filterUrl(`${api.base}/${set}`, `number eq '${number}'`)))[0].id as string;

	/** A new claim batch balancing to `balancingAccountId`. */
	const newBatch = async (code: string, balancingAccountId: string) => {
		const r = await api.post(`${api.base}/customerPaymentJournals`, { code, displayName: `claim ${code}`, balancingAccountId });
		expect(r.status).toBe(201);
		return r.body;
	};

	const payment = async (batchId: string, body: Record<string, unknown>) => {
		const r = await api.post(`${api.base}/customerPaymentJournals(${batchId})/customerPayments`, body);
		expect(r.status).toBe(201);
		return r.body;
	};

	const postBatch = (batchId: string) => api.post(`${api.base}/journals(${batchId})/Microsoft.NAV.post`);

	describe('customerLedgerEntries through the finance reports API', () => {
		it('shows a posted payment applied to an invoice by its externalDocumentNumber, amount −X, with the journal line’s numbers and description', async () => {
			const inv = await postedInvoice('C00020', 'ST-INV-L1', 300);
			const batch = await newBatch('PLEDG1', await accountId('bankAccounts', 'CHECKING'));
			await payment(batch.id, {
				customerNumber: 'C00020',
				postingDate: '2026-06-12',
				documentNumber: 'STPMT-0001',
				externalDocumentNumber: 'ST-PMT-1',
				amount: -120.25,
				appliesToInvoiceNumber: inv.number,
				description: 'ServiceTitan card payment 1',
			});
			expect((await postBatch(batch.id)).status).toBe(204);

			const r = await api.get(filterUrl(api.ledger, "externalDocumentNumber eq 'ST-PMT-1'"));
			expect(r.status).toBe(200);
			expect(r.body['@odata.context']).toContain('/api/microsoft/reportsFinance/beta/$metadata#companies(');
			expect(r.body.value).toHaveLength(1);
			const [entry] = r.body.value;
			expect(entry).toEqual({
				entryNumber: expect.any(Number),
				documentType: 'Payment',
				description: 'ServiceTitan card payment 1',
				postingDate: '2026-06-12',
				documentNumber: 'STPMT-0001',
				externalDocumentNumber: 'ST-PMT-1',
				balancingAccountNumber: 'CHECKING',
				balancingAccountType: 'Bank_x0020_Account',
				customerNumber: 'C00020',
				open: false,
				amount: -120.25,
				debitAmount: 0,
				creditAmount: 120.25,
				amountLocalCurrency: -120.25,
				dimensionSetID: 0,
				debitAmountLocalCurrency: 0,
				creditAmountLocalCurrency: 120.25,
				currencyCode: '',
				yourReference: '',
				lastModifiedDateTime: expect.stringMatching(/^2\d{3}-\d\d-\d\dT/),
			});

			const [invoiceEntry] = await one(filterUrl(api.ledger, `documentNumber eq '${inv.number}'`));
			expect(invoiceEntry).toMatchObject({
				documentType: 'Invoice',
				externalDocumentNumber: 'ST-INV-L1',
				amount: 300,
				debitAmount: 300,
				creditAmount: 0,
				open: true,
				customerNumber: 'C00020',
				balancingAccountType: 'G_x002F_L_x0020_Account',
				balancingAccountNumber: '',
				yourReference: 'PO ST-INV-L1',
			});
			expect(invoiceEntry.entryNumber).toBeLessThan(entry.entryNumber);
		});

		it('numbers dimension sets: the same combination the same ID, none 0', async () => {
			// C00030 carries the default dimension DEPARTMENT = HVAC-SVC onto its payment lines
			const batch = await newBatch('PLEDG2', await accountId('accounts', '1200'));
			await payment(batch.id, { customerNumber: 'C00030', externalDocumentNumber: 'ST-PMT-DIM-1', amount: -10 });
			await payment(batch.id, { customerNumber: 'C00030', externalDocumentNumber: 'ST-PMT-DIM-2', amount: -20 });
			await payment(batch.id, { customerNumber: 'C00010', externalDocumentNumber: 'ST-PMT-DIM-3', amount: -30 });
			expect((await postBatch(batch.id)).status).toBe(204);
			const entries = await one(filterUrl(api.ledger, "startswith(externalDocumentNumber, 'ST-PMT-DIM-')", '&$orderby=externalDocumentNumber'));
			expect(entries.map((e) => [e.externalDocumentNumber, e.balancingAccountType, e.balancingAccountNumber, e.open])).toEqual([
				['ST-PMT-DIM-1', 'G_x002F_L_x0020_Account', '1200', true],
				['ST-PMT-DIM-2', 'G_x002F_L_x0020_Account', '1200', true],
				['ST-PMT-DIM-3', 'G_x002F_L_x0020_Account', '1200', true],
			]);
			expect(entries[0].dimensionSetID).toBeGreaterThan(0);
			expect(entries[1].dimensionSetID).toBe(entries[0].dimensionSetID);
			expect(entries[2].dimensionSetID).toBe(0);
		});

		it('answers `or` lists of externalDocumentNumber terms with $select, $top and server-driven paging under its own root', async () => {
			const batch = await newBatch('PLEDG3', await accountId('bankAccounts', 'CHECKING'));
			for (let i = 1; i <= 5; i++) await payment(batch.id, { customerNumber: 'C00040', externalDocumentNumber: `ST-PMT-P${i}`, amount: -i });
			expect((await postBatch(batch.id)).status).toBe(204);
			const wanted = ['ST-PMT-P1', 'ST-PMT-P3', 'ST-PMT-P5', 'ST-PMT-NONE'];
			const filter = wanted.map((w) => `externalDocumentNumber eq '${w}'`).join(' or ');

			const selected = await one(filterUrl(api.ledger, filter, '&$select=externalDocumentNumber,amount'));
			expect(selected).toEqual([
				{ externalDocumentNumber: 'ST-PMT-P1', amount: -1 },
				{ externalDocumentNumber: 'ST-PMT-P3', amount: -3 },
				{ externalDocumentNumber: 'ST-PMT-P5', amount: -5 },
			]);
			expect((await one(filterUrl(api.ledger, filter, '&$top=2'))).map((e) => e.externalDocumentNumber)).toEqual(['ST-PMT-P1', 'ST-PMT-P3']);

			const first = await api.get(filterUrl(api.ledger, filter), { prefer: 'odata.maxpagesize=2' });
			expect(first.status).toBe(200);
			expect(first.body.value).toHaveLength(2);
			const next = first.body['@odata.nextLink'] as string;
			expect(next.startsWith(`${api.bc.reportsApiBase}/companies(${api.bc.companyId})/customerLedgerEntries?`)).toBe(true);
			const second = await api.get(next);
			expect(second.body.value.map((e: any) => e.externalDocumentNumber)).toEqual(['ST-PMT-P5']);
			expect(second.body['@odata.nextLink']).toBeUndefined();

			const unknown = await api.get(filterUrl(api.ledger, "remainingAmount eq 0"));
			expect(unknown.status).toBe(400);
			expect(unknown.body.error.message).toContain("Could not find a property named 'remainingAmount' on type 'Microsoft.NAV.customerLedgerEntry'");
			expect((await api.get(`${api.ledger}?$select=id`)).status).toBe(400);
		});

		it('is read-only, has no keys, no $batch, and is not served under API v2.0 or a made-up route', async () => {
			const post = await api.post(api.ledger, { amount: 1 });
			expect(post.status).toBe(405);
			expect(post.body.error.code).toBe('BadRequest_MethodNotAllowed');
			const keyed = await api.get(`${api.ledger}(${api.bc.companyId})`);
			expect(keyed.status).toBe(400);
			expect(keyed.body.error.message).toContain('API query');
			expect((await api.post(`${api.bc.reportsApiBase}/$batch`, { requests: [] })).status).toBe(404);
			expect((await api.get(`${api.base}/customerLedgerEntries`)).status).toBe(404);
			const madeUp = await api.get(`${api.bc.apiBase.replace(/api\/v2\.0$/, 'api/microsoft/reports/v1.0')}/companies(${api.bc.companyId})/customerLedgerEntries`);
			expect(madeUp.status).toBe(404);
			const companies = await one(`${api.bc.reportsApiBase}/companies`);
			expect(companies.map((c) => c.id)).toContain(api.bc.companyId);
			const byName = await api.get(`${api.bc.reportsApiBase}/customerLedgerEntries?company=${encodeURIComponent('CRONUS USA, Inc.')}&$top=1`);
			expect(byName.status).toBe(200);
			expect(byName.body.value).toHaveLength(1);
		});

		it('goes through the same authentication, faults and metrics as API v2.0', async () => {
			expect((await request(api.bc, 'GET', api.ledger)).status).toBe(401);
			api.bc.faults.push({ kind: 'status', status: 503, match: 'customerLedgerEntries' });
			const faulted = await api.get(api.ledger);
			expect(faulted.status).toBe(503);
			expect(faulted.headers['retry-after']).toBe('1');
			const before = api.bc.stats.apiRequests;
			expect((await api.get(`${api.ledger}?$top=1`)).status).toBe(200);
			expect(api.bc.stats.apiRequests).toBe(before + 1);
			expect(api.bc.stats.byRoute['GET microsoft/reportsFinance/beta/companies/customerLedgerEntries']).toBeGreaterThanOrEqual(2);
			expect(api.bc.requestLog.some((l: any) => l.path.includes('/api/microsoft/reportsFinance/beta/') && l.status === 503)).toBe(true);
		});

		it('is throttled per client together with API v2.0 requests', async () => {
			const small = await start({ limits: { requestsPer5Min: 2, maxConcurrent: 5 } });
			try {
				expect((await small.get(`${small.base}/customers?$top=1`)).status).toBe(200);
				expect((await small.get(small.ledger)).status).toBe(200);
				const throttled = await small.get(small.ledger);
				expect(throttled.status).toBe(429);
				expect(throttled.body.error.code).toBe('Application_TooManyRequests');
				expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
			} finally {
				await small.bc.close();
			}
		});

		it('serves the route given in `reportsApi` instead', async () => {
			const custom = await start({ reportsApi: 'contoso/ledgers/v1.0' });
			try {
				expect(custom.bc.reportsApiBase).toMatch(/\/api\/contoso\/ledgers\/v1\.0$/);
				expect((await custom.get(`${custom.ledger}?$top=1`)).status).toBe(200);
				expect((await custom.get(`${custom.bc.apiBase.replace(/api\/v2\.0$/, 'api/microsoft/reportsFinance/beta')}/companies(${custom.bc.companyId})/customerLedgerEntries`)).status).toBe(404);
			} finally {
				await custom.bc.close();
			}
		});
	});

	describe('customer payment journal batches as claims', () => {
		it('creates a batch once: the same code again is Internal_EntityWithSameKeyExists; it is found by code, renamed with If-Match and deleted with its lines', async () => {
			const checking = await accountId('bankAccounts', 'CHECKING');
			const created = await api.post(`${api.base}/customerPaymentJournals`, { code: 'PCLAIM1', displayName: 'ST payment 1', balancingAccountId: checking });
			expect(created.status).toBe(201);
			expect(created.body).toMatchObject({ code: 'PCLAIM1', displayName: 'ST payment 1', balancingAccountId: checking, balancingAccountNumber: 'CHECKING' });

			const again = await api.post(`${api.base}/customerPaymentJournals`, { code: 'pclaim1', displayName: 'ST payment 1 (other worker)', balancingAccountId: checking });
			expect(again.status).toBe(400);
			expect(again.body.error.code).toBe('Internal_EntityWithSameKeyExists');
			expect(again.body.error.message).toContain("Journal Template Name='CASHRCPT',Name='PCLAIM1'");

			const found = await one(filterUrl(`${api.base}/customerPaymentJournals`, "code eq 'PCLAIM1'"));
			expect(found).toHaveLength(1);
			expect(found[0].id).toBe(created.body.id);
			expect(Date.parse(found[0].lastModifiedDateTime)).toBeGreaterThan(0);

			const url = `${api.base}/customerPaymentJournals(${created.body.id})`;
			expect((await api.patch(url, { displayName: 'x' })).status).toBe(400);
			const renamed = await api.patch(url, { displayName: 'ST payment 1 — posting' }, { 'if-match': found[0]['@odata.etag'] });
			expect(renamed.status).toBe(200);
			expect(renamed.body.displayName).toBe('ST payment 1 — posting');
			expect(Date.parse(renamed.body.lastModifiedDateTime)).toBeGreaterThan(Date.parse(found[0].lastModifiedDateTime));
			const stale = await api.patch(url, { displayName: 'late' }, { 'if-match': found[0]['@odata.etag'] });
			expect(stale.status).toBe(409);

			await payment(created.body.id, { customerNumber: 'C00010', externalDocumentNumber: 'ST-PMT-C1', amount: -5 });
			expect(await one(filterUrl(`${api.base}/customerPayments`, `journalId eq ${created.body.id}`))).toHaveLength(1);
			expect((await api.del(url)).status).toBe(400);
			expect((await api.del(url, { 'if-match': renamed.body['@odata.etag'] })).status).toBe(204);
			expect((await api.get(url)).status).toBe(404);
			expect(await one(filterUrl(`${api.base}/customerPaymentJournals`, "code eq 'PCLAIM1'"))).toEqual([]);
			expect(await one(filterUrl(`${api.base}/customerPayments`, `journalId eq ${created.body.id}`))).toEqual([]);
			const lines = Object.values(api.bc.state.companies[api.bc.companyId].t.journalLines) as any[];
			expect(lines.filter((l) => l.journalId === created.body.id)).toEqual([]);
			// the code is free again
			expect((await api.post(`${api.base}/customerPaymentJournals`, { code: 'PCLAIM1', balancingAccountId: checking })).status).toBe(201);
		});

		it('posts exactly one batch’s lines with that batch’s balancing account and leaves the other batches untouched', async () => {
			const inv = await postedInvoice('C00060', 'ST-INV-C2', 80);
			const bank = await newBatch('PCLAIM2', await accountId('bankAccounts', 'CHECKING'));
			const undeposited = await newBatch('PCLAIM3', await accountId('accounts', '1200'));
			await payment(bank.id, { customerNumber: 'C00060', externalDocumentNumber: 'ST-PMT-C2', amount: -30, appliesToInvoiceId: inv.id });
			await payment(undeposited.id, { customerNumber: 'C00060', externalDocumentNumber: 'ST-PMT-C3', amount: -20, appliesToInvoiceId: inv.id });

			expect((await postBatch(undeposited.id)).status).toBe(204);
			const posted = await one(filterUrl(api.ledger, "externalDocumentNumber eq 'ST-PMT-C2' or externalDocumentNumber eq 'ST-PMT-C3'"));
			expect(posted.map((e) => [e.externalDocumentNumber, e.amount, e.balancingAccountNumber])).toEqual([['ST-PMT-C3', -20, '1200']]);
			const waiting = await one(`${api.base}/customerPaymentJournals(${bank.id})/customerPayments`);
			expect(waiting.map((l) => l.externalDocumentNumber)).toEqual(['ST-PMT-C2']);
			expect(await one(`${api.base}/customerPaymentJournals(${undeposited.id})/customerPayments`)).toEqual([]);
			const gl = await one(filterUrl(`${api.base}/generalLedgerEntries`, `documentNumber eq '${posted[0].documentNumber}'`));
			expect(gl.map((e) => [e.accountNumber, e.debitAmount, e.creditAmount]).sort()).toEqual([
				['1100', 0, 20],
				['1200', 20, 0],
			]);
			expect((await api.get(`${api.base}/salesInvoices(${inv.id})`)).body.remainingAmount).toBe(60);

			expect((await postBatch(bank.id)).status).toBe(204);
			expect((await one(filterUrl(api.ledger, "externalDocumentNumber eq 'ST-PMT-C2'")))[0]).toMatchObject({ amount: -30, balancingAccountNumber: 'CHECKING', balancingAccountType: 'Bank_x0020_Account' });
			expect((await api.get(`${api.base}/salesInvoices(${inv.id})`)).body.remainingAmount).toBe(30);
			// both batches stay, empty
			expect((await one(filterUrl(`${api.base}/customerPaymentJournals`, "code eq 'PCLAIM2' or code eq 'PCLAIM3'"))).map((b) => b.code).sort()).toEqual(['PCLAIM2', 'PCLAIM3']);
		});

		it('a batch BC refuses (closed posting date) leaves the other batch postable, and posts once its line is fixed', async () => {
			const checking = await accountId('bankAccounts', 'CHECKING');
			const refused = await newBatch('PCLAIM4', checking);
			const fine = await newBatch('PCLAIM5', checking);
			const late = await payment(refused.id, { customerNumber: 'C00010', externalDocumentNumber: 'ST-PMT-C4', postingDate: '2025-12-31', amount: -40 });
			await payment(fine.id, { customerNumber: 'C00010', externalDocumentNumber: 'ST-PMT-C5', postingDate: '2026-06-14', amount: -50 });

			const no = await postBatch(refused.id);
			expect(no.status).toBe(400);
			expect(no.body.error.message).toContain('Posting Date is not within your range of allowed posting dates.');
			expect((await postBatch(fine.id)).status).toBe(204);

			const entries = await one(filterUrl(api.ledger, "externalDocumentNumber eq 'ST-PMT-C4' or externalDocumentNumber eq 'ST-PMT-C5'"));
			expect(entries.map((e) => [e.externalDocumentNumber, e.amount, e.postingDate])).toEqual([['ST-PMT-C5', -50, '2026-06-14']]);
			const still = await one(`${api.base}/customerPaymentJournals(${refused.id})/customerPayments`);
			expect(still.map((l) => l.externalDocumentNumber)).toEqual(['ST-PMT-C4']);

			const fixed = await api.patch(`${api.base}/customerPaymentJournals(${refused.id})/customerPayments(${late.id})`, { postingDate: '2026-06-15' }, { 'if-match': still[0]['@odata.etag'] });
			expect(fixed.status).toBe(200);
			expect((await postBatch(refused.id)).status).toBe(204);
			expect((await one(filterUrl(api.ledger, "externalDocumentNumber eq 'ST-PMT-C4'"))).map((e) => e.postingDate)).toEqual(['2026-06-15']);
		});
	});

	describe('a large customer ledger', () => {
		let big: Api;

		beforeAll(async () => {
			big = await start({ seed: { seed: 9, extraCustomerPayments: 20000 } });
		}, 60000);

		afterAll(async () => {
			await big.bc.close();
		});

		const timed = async (url: string) => {
			let best = Infinity;
			let last: Res | null = null;
			for (let i = 0; i < 3; i++) {
				const t = Date.now();
				last = await big.get(url);
				best = Math.min(best, Date.now() - t);
				expect(last.status).toBe(200);
			}
			return { best, body: (last as Res).body };
		};

		it('holds 20,000 posted payments made through the journal', async () => {
			const ledger = big.bc.customerLedger();
			expect(ledger).toHaveLength(20000);
			expect(ledger.every((e: any) => e.documentType === 'Payment' && e.amountCents === -2500 && /^ST-BULKPMT-\d{6}$/.test(e.externalDocumentNumber))).toBe(true);
			expect(big.bc.list('customerPayments', { filter: 'amount ne 0' })).toEqual([]);
		});

		it('answers 40 externalDocumentNumber terms with exactly those entries, fast', async () => {
			const wanted = Array.from({ length: 40 }, (_, i) => `ST-BULKPMT-${String(i * 487 + 11).padStart(6, '0')}`);
			const filter = wanted.map((w) => `externalDocumentNumber eq '${w}'`).join(' or ');
			const { best, body } = await timed(filterUrl(big.ledger, filter, '&$select=documentNumber,externalDocumentNumber,amount,postingDate'));
			expect(body.value.map((v: any) => v.externalDocumentNumber).sort()).toEqual(wanted);
			expect(body.value.every((v: any) => v.amount === -25)).toBe(true);
			expect(body['@odata.nextLink']).toBeUndefined();
			expect(best).toBeLessThan(250);
		});

		it('answers a documentNumber term, fast', async () => {
			const entry = big.bc.customerLedger()[12345];
			const { best, body } = await timed(filterUrl(big.ledger, `documentNumber eq '${entry.documentNumber}'`));
			expect(body.value.map((v: any) => v.externalDocumentNumber)).toEqual([entry.externalDocumentNumber]);
			expect(best).toBeLessThan(250);
		});
	});
});
