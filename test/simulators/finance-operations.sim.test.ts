/**
 * Dynamics 365 Finance & Operations OData simulator — exercised over real HTTPS (node:https with
 * the simulator's CA): token, 401, paging, filters, $batch, header-before-lines, duplicates,
 * throttling, dimension display strings and company scope.
 */
import * as https from 'node:https';
import * as http from 'node:http';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startFinanceOperationsSimulator } = require('./finance-operations/index.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readMultipartResponse } = require('./shared/odata-batch.js');

type Res = { status: number; headers: http.IncomingHttpHeaders; body: any; text: string };
type Sim = any;

function request(fo: Sim, method: string, pathOrUrl: string, opts: { headers?: Record<string, string>; body?: unknown; raw?: string; form?: Record<string, string> } = {}): Promise<Res> {
	return new Promise((resolve, reject) => {
		const data = opts.form ? new URLSearchParams(opts.form).toString() : opts.raw !== undefined ? opts.raw : opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
		const headers: Record<string, string | number> = {};
		if (data !== undefined) {
			headers['content-type'] = opts.form ? 'application/x-www-form-urlencoded' : 'application/json';
			headers['content-length'] = Buffer.byteLength(data);
		}
		Object.assign(headers, opts.headers || {});
		const url = new URL(pathOrUrl.startsWith('http') ? pathOrUrl : `${fo.url}${pathOrUrl}`);
		const req = https.request(url, { method, ca: fo.ca, headers, agent: false }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c) => (text += c));
			res.on('end', () => {
				let body: any;
				if (text && String(res.headers['content-type'] || '').includes('json')) body = JSON.parse(text);
				resolve({ status: res.statusCode || 0, headers: res.headers, body, text });
			});
		});
		req.on('error', reject);
		req.end(data);
	});
}

async function token(fo: Sim, scope = fo.scope, client = { clientId: fo.clientId, clientSecret: fo.clientSecret }): Promise<Res> {
	return request(fo, 'POST', fo.tokenEndpoint, { form: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope } });
}

describe('Finance & Operations simulator', () => {
	let fo: Sim;
	let auth: Record<string, string>;
	const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
		request(fo, method, `/data/${path}`, { body, headers: { ...auth, ...headers } });
	const innerMessage = (r: Res) => r.body.error.innererror.message as string;
	const header = async (extra: Record<string, unknown> = {}) => {
		const r = await api('POST', 'FreeTextInvoiceHeaders', { dataAreaId: 'usmf', CustomerAccount: 'US-002', CustomerReference: 'ST-INV-88812', ...extra });
		expect(r.status).toBe(201);
		return r.body.InvoiceIdentifier as number;
	};

	beforeAll(async () => {
		fo = await startFinanceOperationsSimulator({ pageSize: 4, seed: { extraCustomers: 7 } });
	});
	afterAll(async () => fo && fo.close());
	beforeEach(async () => {
		fo.reset();
		auth = { authorization: `Bearer ${(await token(fo)).body.access_token}` };
	});

	test('token: Entra client credentials with scope <environment URL>/.default; another resource is refused', async () => {
		const ok = await token(fo);
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
		const aud = JSON.parse(Buffer.from(ok.body.access_token.split('.')[1], 'base64url').toString()).aud;
		expect(aud).toBe(fo.environmentUrl);
		const bc = await token(fo, 'https://api.businesscentral.dynamics.com/.default');
		expect(bc.status).toBe(400);
		expect(bc.body.error).toBe('invalid_scope');
		const badSecret = await token(fo, fo.scope, { clientId: fo.clientId, clientSecret: 'wrong' });
		expect(badSecret.status).toBe(401);
		expect(badSecret.body.error_codes).toEqual([7000215]);
	});

	test('401: missing, expired or wrong-audience token, and an app not mapped to an F&O user', async () => {
		expect((await request(fo, 'GET', '/data/CustomersV3')).status).toBe(401);
		// a trailing slash in the resource gives a token whose aud F&O rejects
		const slash = await token(fo, `${fo.environmentUrl}//.default`);
		expect(slash.status).toBe(200);
		expect((await request(fo, 'GET', '/data/CustomersV3', { headers: { authorization: `Bearer ${slash.body.access_token}` } })).status).toBe(401);
		const unmapped = await token(fo, fo.scope, fo.unmappedClient);
		expect(unmapped.status).toBe(200);
		expect((await request(fo, 'GET', '/data/CustomersV3', { headers: { authorization: `Bearer ${unmapped.body.access_token}` } })).status).toBe(401);
		expect((await api('GET', 'CustomersV3')).status).toBe(200);
		fo.expireTokens();
		const expired = await api('GET', 'CustomersV3');
		expect(expired.status).toBe(401);
		expect(expired.headers['www-authenticate']).toMatch(/^Bearer/);
	});

	test('paging: server pages carry @odata.nextLink with $skip; $top pages by hand without a nextLink', async () => {
		const seen: string[] = [];
		let next: string | undefined = `${fo.serviceRoot}/CustomersV3?$select=CustomerAccount`;
		let pages = 0;
		while (next) {
			const r = await request(fo, 'GET', next, { headers: auth });
			expect(r.status).toBe(200);
			expect(r.body.value.length).toBeLessThanOrEqual(4);
			seen.push(...r.body.value.map((c: any) => c.CustomerAccount));
			next = r.body['@odata.nextLink'];
			if (next) expect(next).toMatch(/\$skip=\d+/);
			pages++;
		}
		expect(pages).toBe(3); // 5 seeded + 7 extra in usmf, 4 a page
		expect(new Set(seen).size).toBe(12);
		const top = await api('GET', 'CustomersV3?$top=2&$skip=2&$select=CustomerAccount');
		expect(top.body.value.map((c: any) => c.CustomerAccount)).toEqual(['SIM-00003', 'SIM-00004']); // key order
		expect(top.body['@odata.nextLink']).toBeUndefined();
		expect(Object.keys(top.body.value[0])).toEqual(['@odata.etag', 'CustomerAccount']);
	});

	test('filters: qualified enums only, * wildcards, in/has refused, unknown property refused', async () => {
		const id = await header();
		const posted = await header({ CustomerReference: 'ST-INV-2' });
		await api('POST', 'FreeTextInvoiceLines', { dataAreaId: 'usmf', ParentRecId: posted, LineNumber: 1, MainAccountDisplayValue: '401100', Quantity: 1, UnitPrice: 10 });
		fo.postFreeTextInvoice(posted);
		const unposted = await api('GET', `FreeTextInvoiceHeaders?$filter=${encodeURIComponent("IsPosted eq Microsoft.Dynamics.DataEntities.NoYes'No'")}`);
		expect(unposted.status).toBe(200);
		expect(unposted.body.value.map((h: any) => h.InvoiceIdentifier)).toEqual([id]);
		const plain = await api('GET', `FreeTextInvoiceHeaders?$filter=${encodeURIComponent("IsPosted eq 'No'")}`);
		expect(plain.status).toBe(400);
		expect(plain.body.error.message).toMatch(/incompatible types/);
		const wild = await api('GET', `CustomersV3?$filter=${encodeURIComponent("OrganizationName eq '*contoso retail*'")}`);
		expect(wild.body.value.map((c: any) => c.CustomerAccount)).toEqual(['US-002', 'US-003']);
		expect((await api('GET', `CustomersV3?$filter=${encodeURIComponent("CustomerAccount in ('US-001')")}`)).status).toBe(400);
		expect((await api('GET', `CustomersV3?$filter=${encodeURIComponent("Nope eq 'x'")}`)).body.error.message).toMatch(/Could not find a property named 'Nope'/);
		const amount = await api('GET', `FreeTextInvoiceLines?$filter=${encodeURIComponent('UnitPrice ge 10.00')}`);
		expect(amount.body.value).toHaveLength(1);
	});

	test('company scope: default company only, cross-company=true for the others; writes take dataAreaId', async () => {
		const mine = await api('GET', `CustomersV3?$filter=${encodeURIComponent("CustomerAccount eq 'US-001'")}`);
		expect(mine.body.value.map((c: any) => c.dataAreaId)).toEqual(['usmf']);
		const all = await api('GET', `CustomersV3?cross-company=true&$filter=${encodeURIComponent("CustomerAccount eq 'US-001'")}`);
		expect(all.body.value.map((c: any) => c.dataAreaId).sort()).toEqual(['usmf', 'usrt']);
		expect((await api('GET', "CustomersV3(dataAreaId='usrt',CustomerAccount='US-001')")).status).toBe(404);
		const keyed = await api('GET', "CustomersV3(dataAreaId='usrt',CustomerAccount='US-001')?cross-company=true");
		expect(keyed.status).toBe(200);
		expect(keyed.body.OrganizationName).toBe('Contoso Retail Seattle');
		const created = await api('POST', 'CustomersV3', { dataAreaId: 'usrt', CustomerAccount: 'ST-10042', OrganizationName: 'Acme Plumbing LLC', CustomerGroupId: '30', SalesCurrencyCode: 'USD' });
		expect(created.status).toBe(201);
		expect(fo.list('CustomersV3', { company: 'usrt' }).map((c: any) => c.CustomerAccount)).toContain('ST-10042');
		expect(fo.list('CustomersV3').map((c: any) => c.CustomerAccount)).not.toContain('ST-10042');
	});

	test('keys: every key field in the URL, strings quoted, numbers not; unknown key → 404', async () => {
		const id = await header();
		expect((await api('GET', `FreeTextInvoiceHeaders(dataAreaId='usmf',InvoiceIdentifier=${id})`)).status).toBe(200);
		expect((await api('GET', `FreeTextInvoiceHeaders(InvoiceIdentifier=${id})`)).status).toBe(400);
		expect((await api('GET', `FreeTextInvoiceHeaders(dataAreaId='usmf',InvoiceIdentifier='${id}')`)).status).toBe(400);
		expect((await api('GET', `FreeTextInvoiceHeaders(dataAreaId='usmf',InvoiceIdentifier=1)`)).status).toBe(404);
	});

	test('free text invoice: header before lines, totals from lines, posting raises the open customer transaction', async () => {
		const orphan = await api('POST', 'FreeTextInvoiceLines', { dataAreaId: 'usmf', ParentRecId: 5637999999, LineNumber: 1, MainAccountDisplayValue: '401100', UnitPrice: 1 });
		expect(orphan.status).toBe(400);
		expect(innerMessage(orphan)).toMatch(/^Write failed for table row of type 'CustFreeTextInvoiceLineEntity'\. Infolog: .*'5637999999'.*not found in the related table/);
		const id = await header({ DefaultDimensionDisplayValue: '002-023' });
		const l1 = await api('POST', 'FreeTextInvoiceLines', { dataAreaId: 'usmf', ParentRecId: id, LineNumber: 1, Description: 'Water heater install', MainAccountDisplayValue: '401100', Quantity: 3, UnitPrice: 33.335 });
		expect(l1.status).toBe(201);
		expect(l1.body.TransactionCurrencyAmount).toBe(100.01);
		expect(l1.body.DefaultDimensionDisplayValue).toBe('002-023');
		const tax = await api('POST', 'FreeTextInvoiceLines', { dataAreaId: 'usmf', ParentRecId: id, LineNumber: 2, Description: 'Sales tax', MainAccountDisplayValue: '222200', Quantity: 1, UnitPrice: 8.25 });
		expect(tax.status).toBe(201);
		const badAccount = await api('POST', 'FreeTextInvoiceLines', { dataAreaId: 'usmf', ParentRecId: id, LineNumber: 3, MainAccountDisplayValue: '999999', UnitPrice: 1 });
		expect(innerMessage(badAccount)).toMatch(/'999999' in field 'Main account' is not found/);
		const posted = fo.postFreeTextInvoice(id);
		expect(posted.totalAmount).toBe('108.26');
		expect(fo.customerTransactions()).toEqual([expect.objectContaining({ AccountNum: 'US-002', Invoice: posted.FreeTextNumber, AmountCur: '108.26', CustomerReference: 'ST-INV-88812', open: true })]);
		const after = await api('PATCH', `FreeTextInvoiceHeaders(dataAreaId='usmf',InvoiceIdentifier=${id})`, { CustomerReference: 'changed' });
		expect(after.status).toBe(400);
		expect(innerMessage(after)).toMatch(/is posted and cannot be changed/);
		expect((await api('POST', 'FreeTextInvoiceLines', { dataAreaId: 'usmf', ParentRecId: id, LineNumber: 9, MainAccountDisplayValue: '401100', UnitPrice: 1 })).status).toBe(400);
	});

	test('duplicate key: "Cannot create a record … The record already exists." in the A5 error shape', async () => {
		const r = await api('POST', 'CustomersV3', { dataAreaId: 'usmf', CustomerAccount: 'us-001', OrganizationName: 'Again', CustomerGroupId: '30', SalesCurrencyCode: 'USD' });
		expect(r.status).toBe(400);
		expect(r.body.error.message).toBe('An error has occurred.');
		expect(r.body.error.innererror.type).toBe('Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException');
		expect(innerMessage(r)).toBe("Write failed for table row of type 'CustCustomerV3Entity'. Infolog: Info: Cannot create a record in Customers (CustTable). Customer account: us-001. The record already exists.");
		const group = await api('POST', 'CustomersV3', { CustomerAccount: 'ST-1', OrganizationName: 'x', CustomerGroupId: 'ZZ', SalesCurrencyCode: 'USD' });
		expect(innerMessage(group)).toContain("Warning: The value 'ZZ' in field 'Customer group' is not found in the related table 'Customer groups'.");
		const vi = { dataAreaId: 'usmf', VendorAccount: 'V-0091', InvoiceNumber: 'SUP-2026-0412' };
		expect((await api('POST', 'VendorInvoiceHeaders', { ...vi, HeaderReference: 'ST-BILL-7781' })).status).toBe(201);
		const dupNumber = await api('POST', 'VendorInvoiceHeaders', { ...vi, HeaderReference: 'ST-BILL-7782' });
		expect(innerMessage(dupNumber)).toMatch(/Invoice number SUP-2026-0412 is already used for vendor account V-0091/);
	});

	test('dimension display strings: format order, trailing blanks, extra segments dropped, unknown or suspended values refused, escaping', async () => {
		const customer = (account: string, dims: string) =>
			api('POST', 'CustomersV3', { CustomerAccount: account, OrganizationName: account, CustomerGroupId: '30', SalesCurrencyCode: 'USD', DefaultDimensionDisplayValue: dims });
		expect((await customer('D-1', '001')).body.DefaultDimensionDisplayValue).toBe('001-');
		expect((await customer('D-2', '001-022-007')).body.DefaultDimensionDisplayValue).toBe('001-022');
		const swapped = await customer('D-3', '022-001');
		expect(swapped.status).toBe(400);
		expect(innerMessage(swapped)).toMatch(/Value '022' for financial dimension 'BusinessUnit' does not exist/);
		expect(innerMessage(await customer('D-4', '001-099'))).toMatch(/'099' for financial dimension 'Department' is suspended/);
		const escaped = await customer('D-5', '00\\-1-022');
		expect(innerMessage(escaped)).toMatch(/Value '00-1' for financial dimension 'BusinessUnit' does not exist/);
		const formats = await api('GET', `DimensionIntegrationFormats?$filter=${encodeURIComponent("IsActive eq Microsoft.Dynamics.DataEntities.NoYes'Yes'")}`);
		expect(formats.body.value.map((f: any) => f.FinancialDimensionFormat).sort()).toEqual(['BusinessUnit-Department', 'MainAccount-BusinessUnit-Department']);
		expect((await api('GET', 'DimensionParameters')).body.value[0].DimensionSegmentDelimiter).toBe('Hyphen');
		const ledger = await api('POST', 'CustomerPaymentJournalHeaders', { JournalName: 'CustPay' });
		const batch = ledger.body.JournalBatchNumber;
		const line = await api('POST', 'CustomerPaymentJournalLines', { JournalBatchNumber: batch, LineNumber: 1, AccountType: 'Ledger', AccountDisplayValue: '130100-003', DebitAmount: 5, OffsetAccountType: 'Bank', OffsetAccountDisplayValue: 'USMF OPER' });
		expect(line.status).toBe(201);
		expect(line.body.AccountDisplayValue).toBe('130100-003-');
	});

	test('payment journal: server-assigned batch number, PaymentReference and MarkedInvoice against an open invoice', async () => {
		const id = await header();
		await api('POST', 'FreeTextInvoiceLines', { dataAreaId: 'usmf', ParentRecId: id, LineNumber: 1, MainAccountDisplayValue: '401100', UnitPrice: 1850 });
		const { FreeTextNumber } = fo.postFreeTextInvoice(id);
		const h = await api('POST', 'CustomerPaymentJournalHeaders', { dataAreaId: 'usmf', JournalName: 'CustPay', Description: 'ServiceTitan payments' });
		expect(h.status).toBe(201);
		expect(h.body.JournalBatchNumber).toMatch(/^\d{5}$/);
		const base = { dataAreaId: 'usmf', JournalBatchNumber: h.body.JournalBatchNumber, AccountType: 'Cust', AccountDisplayValue: 'US-002', CurrencyCode: 'USD', PaymentReference: 'ST-PAY-5521' };
		const wrong = await api('POST', 'CustomerPaymentJournalLines', { ...base, LineNumber: 1, CreditAmount: 1850, MarkedInvoice: 'FTI-999999' });
		expect(innerMessage(wrong)).toMatch(/FTI-999999 is not an open transaction of customer US-002/);
		const ok = await api('POST', 'CustomerPaymentJournalLines', { ...base, LineNumber: 1, CreditAmount: 1850, MarkedInvoice: FreeTextNumber });
		expect(ok.status).toBe(201);
		expect(ok.body).toMatchObject({ PaymentReference: 'ST-PAY-5521', MarkedInvoice: FreeTextNumber, OffsetAccountType: 'Bank', OffsetAccountDisplayValue: 'USMF OPER', CreditAmount: 1850 });
		const del = await api('DELETE', `CustomerPaymentJournalHeaders(dataAreaId='usmf',JournalBatchNumber='${h.body.JournalBatchNumber}')`);
		expect(innerMessage(del)).toMatch(/cannot be deleted while dependent Journal lines exist/);
		fo.postPaymentJournal(h.body.JournalBatchNumber);
		expect(fo.customerTransactions().find((t: any) => t.Invoice === FreeTextNumber)).toMatchObject({ RemainingAmountCur: '0.00', open: false });
	});

	test('$batch: 200 outer, per-part status, parts counted as operations, a failed changeset rolls back', async () => {
		const part = (id: number, method: string, url: string, body?: unknown) =>
			['Content-Type: application/http', 'Content-Transfer-Encoding: binary', `Content-ID: ${id}`, '', `${method} ${fo.serviceRoot}/${url} HTTP/1.1`, 'Content-Type: application/json', '', body === undefined ? '' : JSON.stringify(body)].join('\r\n');
		const cust = (a: string, group = '30') => ({ CustomerAccount: a, OrganizationName: a, CustomerGroupId: group, SalesCurrencyCode: 'USD' });
		const raw = [
			'--batch_1',
			'Content-Type: multipart/mixed; boundary=changeset_a',
			'',
			'--changeset_a',
			part(1, 'POST', 'CustomersV3', cust('B-1')),
			'--changeset_a',
			part(2, 'POST', 'CustomersV3', cust('B-2')),
			'--changeset_a--',
			'--batch_1',
			'Content-Type: multipart/mixed; boundary=changeset_b',
			'',
			'--changeset_b',
			part(3, 'POST', 'CustomersV3', cust('B-3')),
			'--changeset_b',
			part(4, 'POST', 'CustomersV3', cust('B-4', 'ZZ')),
			'--changeset_b--',
			'--batch_1',
			part(5, 'GET', `CustomersV3?$filter=${encodeURIComponent("CustomerAccount eq 'B-1'")}&$select=CustomerAccount`),
			'--batch_1--',
			'',
		].join('\r\n');
		fo.resetStats();
		const r = await request(fo, 'POST', '/data/$batch', { raw, headers: { ...auth, 'content-type': 'multipart/mixed; boundary=batch_1' } });
		expect(r.status).toBe(200);
		const parts = readMultipartResponse(String(r.headers['content-type']), r.text);
		expect(parts.map((p: any) => [p.contentId, p.status])).toEqual([
			['1', 201],
			['2', 201],
			['4', 500],
			['5', 200],
		]);
		expect(parts[2].body.error.innererror.message).toMatch(/'ZZ' in field 'Customer group'/);
		expect(parts[3].body.value).toEqual([expect.objectContaining({ CustomerAccount: 'B-1' })]);
		const accounts = fo.list('CustomersV3').map((c: any) => c.CustomerAccount);
		expect(accounts).toEqual(expect.arrayContaining(['B-1', 'B-2']));
		expect(accounts).not.toContain('B-3');
		expect(fo.stats.apiRequests).toBe(1);
		expect(fo.stats.operations).toBe(5);
		expect(fo.stats.byRoute['$batch:POST CustomersV3']).toBe(4);
		const ref = ['--batch_2', part(1, 'POST', '$1/Lines', {}), '--batch_2--', ''].join('\r\n').replace(`${fo.serviceRoot}/$1`, '$1');
		const refR = await request(fo, 'POST', '/data/$batch', { raw: ref, headers: { ...auth, 'content-type': 'multipart/mixed; boundary=batch_2' } });
		expect(readMultipartResponse(String(refR.headers['content-type']), refR.text)[0].status).toBe(400);
	});

	test('throttling: 429 with Retry-After over the request window (each $batch part counts) and over the concurrency cap', async () => {
		const tight = await startFinanceOperationsSimulator({ limits: { maxRequests: 3, windowMs: 60000, maxConcurrent: 1 }, latencyMs: 150 });
		try {
			const t = { authorization: `Bearer ${(await token(tight)).body.access_token}` };
			const both = await Promise.all([request(tight, 'GET', '/data/MainAccounts', { headers: t }), request(tight, 'GET', '/data/MainAccounts', { headers: t })]);
			expect(both.map((r) => r.status).sort()).toEqual([200, 429]);
			expect(both.find((r) => r.status === 429)?.headers['retry-after']).toBe('1');
			const part = (n: number) => ['Content-Type: application/http', 'Content-Transfer-Encoding: binary', `Content-ID: ${n}`, '', `GET ${tight.serviceRoot}/MainAccounts HTTP/1.1`, '', ''].join('\r\n');
			const raw = ['--b', part(1), '--b', part(2), '--b', part(3), '--b--', ''].join('\r\n');
			const over = await request(tight, 'POST', '/data/$batch', { raw, headers: { ...t, 'content-type': 'multipart/mixed; boundary=b' } });
			expect(over.status).toBe(429);
			expect(Number(over.headers['retry-after'])).toBeGreaterThan(1);
			expect(over.body.error.message).toMatch(/throttled/);
			expect(tight.stats.throttled).toBe(2);
			tight.reset();
			tight.faults.push({ kind: 'rateLimit', retryAfter: 7 });
			const t2 = { authorization: `Bearer ${(await token(tight)).body.access_token}` };
			const injected = await request(tight, 'GET', '/data/MainAccounts', { headers: t2 });
			expect(injected.status).toBe(429);
			expect(injected.headers['retry-after']).toBe('7');
		} finally {
			await tight.close();
		}
	});

	test('vendor invoice: HeaderReference ties lines to their header; the header must come first', async () => {
		const early = await api('POST', 'VendorInvoiceLines', { HeaderReference: 'ST-BILL-1', InvoiceLineNumber: 1, Currency: 'USD', ProcurementCategoryName: 'Subcontract', NetAmount: 420 });
		expect(innerMessage(early)).toMatch(/Create the header before its lines/);
		expect((await api('POST', 'VendorInvoiceHeaders', { HeaderReference: 'ST-BILL-1', InvoiceNumber: 'SUP-1', VendorAccount: 'V-0091', DimensionDisplayValue: '002' })).status).toBe(201);
		const line = await api('POST', 'VendorInvoiceLines', { HeaderReference: 'ST-BILL-1', InvoiceLineNumber: 1, Currency: 'USD', ProcurementCategoryName: 'Subcontract', LineDescription: 'Sub labor job 4431', NetAmount: 420.1 });
		expect(line.status).toBe(201);
		expect(line.body).toMatchObject({ VendorAccount: 'V-0091', DimensionDisplayValue: '002-', NetAmount: 420.1, Amount: 420.1 });
		const read = await api('GET', `VendorInvoiceLines(dataAreaId='usmf',HeaderReference='ST-BILL-1',InvoiceLineNumber=1)`);
		expect(read.body.LineDescription).toBe('Sub labor job 4431');
	});
});
