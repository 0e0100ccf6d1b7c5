import { HttpRequestError } from '../../nodes/shared/http';
import { NtlmConnection, WindowsAuthRefusedError, type WindowsCredentials } from '../../nodes/shared/ntlm';
import { startGp, type GpSimulator } from '../gp/setup';

let gp: GpSimulator;
const connections: NtlmConnection[] = [];

beforeAll(async () => {
	gp = await startGp();
});
afterEach(() => {
	for (const connection of connections.splice(0)) connection.close();
});
afterAll(async () => {
	await gp.close();
});

function connect(sim: GpSimulator = gp, account: Partial<WindowsCredentials> = {}): NtlmConnection {
	const connection = new NtlmConnection({ domain: 'CONTOSO', username: 'gp-integration', password: sim.password, ...account } as WindowsCredentials, { ca: sim.ca });
	connections.push(connection);
	return connection;
}

async function refusal(promise: Promise<unknown>) {
	const error = await promise.then(
		() => undefined,
		(failure: unknown) => failure,
	);
	expect(error).toBeInstanceOf(HttpRequestError);
	return (error as HttpRequestError).failure;
}

describe('GP simulator: Windows authentication over real HTTPS', () => {
	it('runs one NTLMv2 handshake per connection; later requests ride on the authenticated socket', async () => {
		gp.resetStats();
		const connection = connect();
		for (const path of ['Sales/Customers', 'Purchasing/Vendors', 'Financials/GLAccounts']) {
			const response = await connection.send({ url: `${gp.companyUrl}/${path}` });
			expect(response.status).toBe(200);
			expect(Array.isArray((response.body as { Payload: unknown[] }).Payload)).toBe(true);
		}
		expect(gp.stats).toMatchObject({ handshakes: 1, authentications: 1, apiRequests: 3 });
		expect(gp.stats.byRoute).toEqual({ 'GET Sales/Customers': 1, 'GET Purchasing/Vendors': 1, 'GET Financials/GLAccounts': 1 });
		await connect().send({ url: `${gp.companyUrl}/Sales/Customers(C-10001)` });
		expect(gp.stats.handshakes).toBe(2);
	});

	it('answers 401 for a wrong password and for a Windows account that is not a GP user', async () => {
		await expect(connect(gp, { password: 'nope' }).send({ url: gp.companyUrl })).rejects.toBeInstanceOf(WindowsAuthRefusedError);
		await expect(connect(gp, { username: 'jdoe' }).send({ url: gp.companyUrl })).rejects.toBeInstanceOf(WindowsAuthRefusedError);
	});

	it('takes Basic only when enabled', async () => {
		const basic = await startGp({ basic: true });
		try {
			const response = await connect(basic, { kind: 'basic' }).send({ url: `${basic.companyUrl}/Sales/Customers` });
			expect(response.status).toBe(200);
			expect(basic.stats.basicLogins).toBe(1);
		} finally {
			await basic.close();
		}
		await expect(connect(gp, { kind: 'basic' }).send({ url: gp.companyUrl })).rejects.toBeInstanceOf(WindowsAuthRefusedError);
	});
});

describe('GP simulator: SBA routes, tenant, company and security', () => {
	it('serves the help page and the company, and names an unknown tenant or company', async () => {
		const connection = connect();
		const help = await connection.send({ url: `${gp.url}/GPService/Tenants(DefaultTenant)/help` });
		expect((help.body as { Resources: Array<{ Uri: string }> }).Resources.map((resource) => resource.Uri)).toContain('Companies({company})/Sales/ReceivablesTransactions');
		expect((await connection.send({ url: gp.companyUrl })).body).toEqual({ Payload: { Id: 'TWO', Name: 'Fabrikam, Inc.' } });
		const tenant = await refusal(connection.send({ url: `${gp.url}/GPService/Tenants(Other)/Companies(TWO)/Sales/Customers` }));
		expect(tenant).toMatchObject({ status: 404, body: { ErrorCode: 'TenantNotFound' } });
		const company = await refusal(connection.send({ url: `${gp.url}/GPService/Tenants(DefaultTenant)/Companies(Fabrikam%2C%20Inc.)/Sales/Customers` }));
		expect(company).toMatchObject({ status: 404, body: { ErrorCode: 'CompanyNotFound', Message: "The company 'Fabrikam, Inc.' was not found." } });
	});

	it('refuses a service object whose security task the GP user lacks (403, task named)', async () => {
		const failure = await refusal(connect(gp, { username: 'gp-clerk' }).send({ url: `${gp.companyUrl}/Sales/ReceivablesTransactions` }));
		expect(failure).toMatchObject({ status: 403, body: { ErrorCode: 'SecurityTaskMissing', Message: expect.stringContaining("'Sales: Receivables Transaction Entry'") } });
	});

	it('wants the Payload wrapper on writes, and keeps GL accounts and fiscal periods read-only', async () => {
		const connection = connect();
		const bare = await refusal(connection.send({ method: 'POST', url: `${gp.companyUrl}/Sales/Customers`, body: { Id: 'C-1', Name: 'Bare' } }));
		expect(bare).toMatchObject({ status: 400, body: { ErrorCode: 'InvalidPayload' } });
		const write = await refusal(connection.send({ method: 'POST', url: `${gp.companyUrl}/Financials/GLAccounts`, body: { Payload: { Id: '9999-00' } } }));
		expect(write.status).toBe(405);
	});

	it('takes and answers bare bodies when the envelope assumption is switched off', async () => {
		const bare = await startGp({ envelope: 'bare' });
		try {
			const response = await connect(bare).send({ method: 'POST', url: `${bare.companyUrl}/Purchasing/Vendors`, body: { Id: 'V-0100', Name: 'Bare Vendor' } });
			expect(response).toMatchObject({ status: 201, body: { Id: 'V-0100', Name: 'Bare Vendor' } });
		} finally {
			await bare.close();
		}
	});
});

describe("GP simulator: GP's posting rules", () => {
	const receivables = () => `${gp.companyUrl}/Sales/ReceivablesTransactions`;
	const rm = (number: string, date = '2026-11-03', account = '4100-10') => ({
		Payload: {
			DocumentType: 'Invoice',
			DocumentNumber: number,
			CustomerId: 'C-10004',
			DocumentDate: date,
			SalesAmount: 99.9,
			Distributions: [{ AccountId: account, Type: 'Sales', Debit: 0, Credit: 99.9 }],
		},
	});

	it('saves new transactions unposted in a batch; refuses a duplicate number without saying how to avoid it', async () => {
		const connection = connect();
		const created = await connection.send({ method: 'POST', url: receivables(), body: rm('RM-SIM-1') });
		expect(created).toMatchObject({ status: 201, body: { Payload: { Posted: false, BatchId: 'RM-INTEGRATION', SalesAmount: '99.90' } } });
		const duplicate = await refusal(connection.send({ method: 'POST', url: receivables(), body: rm('RM-SIM-1') }));
		expect(duplicate).toMatchObject({ status: 400, body: { ErrorCode: 'DuplicateDocument', Message: 'The document number RM-SIM-1 already exists.' } });
	});

	it('refuses a closed period (per series) and a missing or inactive account; posts once the period opens', async () => {
		const connection = connect();
		const closed = await refusal(connection.send({ method: 'POST', url: receivables(), body: rm('RM-SIM-2', '2026-10-31') }));
		expect(closed.body).toMatchObject({ ErrorCode: 'FiscalPeriodClosed' });
		gp.setPeriodClosed(2026, 10, false, 'Sales');
		try {
			await expect(connection.send({ method: 'POST', url: receivables(), body: rm('RM-SIM-2', '2026-10-31') })).resolves.toMatchObject({ status: 201 });
		} finally {
			gp.setPeriodClosed(2026, 10, true, 'Sales');
		}
		expect((await refusal(connection.send({ method: 'POST', url: receivables(), body: rm('RM-SIM-3', '2026-11-03', '4999-00') }))).body).toMatchObject({ ErrorCode: 'AccountNotFound' });
		expect((await refusal(connection.send({ method: 'POST', url: receivables(), body: rm('RM-SIM-4', '2026-11-03', '6900-00') }))).body).toMatchObject({ ErrorCode: 'AccountInactive' });
	});

	it('changes and deletes only unposted transactions (composite key `(type;number)`)', async () => {
		const connection = connect();
		await connection.send({ method: 'POST', url: receivables(), body: rm('RM-SIM-5') });
		const patched = await connection.send({ method: 'PATCH', url: `${receivables()}(Invoice;RM-SIM-5)`, body: { Payload: { Description: 'fixed' } } });
		expect(patched.body).toMatchObject({ Payload: { Description: 'fixed' } });
		expect((await connection.send({ method: 'DELETE', url: `${receivables()}(Invoice;RM-SIM-5)` })).status).toBe(204);
		const posted = await refusal(connection.send({ method: 'PATCH', url: `${receivables()}(Invoice;INV-00001)`, body: { Payload: { Description: 'x' } } }));
		expect(posted).toMatchObject({ status: 400, body: { ErrorCode: 'TransactionPosted' } });
	});

	it('refuses a duplicate vendor invoice number for the same vendor (payables "no duplicates" option)', async () => {
		const connection = connect();
		const pm = (number: string) => ({
			Payload: { DocumentNumber: number, VendorId: 'V-0092', VendorDocumentNumber: 'F-7781', DocumentDate: '2026-11-05', PurchasesAmount: '410.00', Distributions: [] },
		});
		await expect(connection.send({ method: 'POST', url: `${gp.companyUrl}/Purchasing/PayablesTransactions`, body: pm('PM-SIM-1') })).resolves.toMatchObject({ status: 201 });
		const duplicate = await refusal(connection.send({ method: 'POST', url: `${gp.companyUrl}/Purchasing/PayablesTransactions`, body: pm('PM-SIM-2') }));
		expect(duplicate.body).toMatchObject({ ErrorCode: 'DuplicateDocument', Message: 'The vendor document number F-7781 already exists for vendor V-0092.' });
	});
});

describe('GP simulator: latency, faults and seed', () => {
	it('adds latency, injects faults, and seeds the same data every time', async () => {
		const other = await startGp({ latencyMs: 150 });
		try {
			const started = Date.now();
			const connection = connect(other);
			const customers = await connection.send({ url: `${other.companyUrl}/Sales/Customers` });
			expect(Date.now() - started).toBeGreaterThanOrEqual(150);
			const ours = await connect().send({ url: `${gp.companyUrl}/Financials/FiscalPeriods` });
			const theirs = await connection.send({ url: `${other.companyUrl}/Financials/FiscalPeriods` });
			expect(theirs.body).toEqual(ours.body);
			expect((customers.body as { Payload: Array<{ Id: string }> }).Payload.map((customer) => customer.Id)).toEqual(['C-10001', 'C-10002', 'C-10003', 'C-10004', 'C-10005']);
			other.faults.push({ kind: 'status', status: 503, match: 'GET /GPService' });
			expect((await refusal(connection.send({ url: `${other.companyUrl}/Sales/Customers` }))).status).toBe(503);
		} finally {
			await other.close();
		}
	});
});
