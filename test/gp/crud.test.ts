import { NodeOperationError, type ICredentialDataDecryptedObject, type IDataObject } from 'n8n-workflow';

import { DynamicsGp } from '../../nodes/DynamicsGp/DynamicsGp.node';
import { runExecute } from '../helpers/context';
import { gpCredential, startGp, type GpSimulator } from './setup';

const node = new DynamicsGp();
let gp: GpSimulator;

beforeAll(async () => {
	gp = await startGp();
});
afterAll(async () => {
	await gp.close();
});

function execute(parameters: Record<string, unknown>, extra: { items?: IDataObject[]; continueOnFail?: boolean; credential?: ICredentialDataDecryptedObject } = {}) {
	return runExecute({
		nodeType: node,
		parameters,
		items: extra.items,
		continueOnFail: extra.continueOnFail,
		credentials: { dynamicsGpApi: gpCredential(gp, extra.credential ?? {}) },
	});
}

const invoice = (number: string, overrides: Record<string, unknown> = {}) => ({
	resource: 'receivablesTransaction',
	operation: 'create',
	documentType: 'Invoice',
	id: number,
	customerId: 'C-10002',
	documentDate: '2026-11-16T00:00:00.000Z',
	amount: '125.50',
	distributions: {
		distribution: [
			{ accountId: '1200-00', type: 'Receivables', debit: '125.50', credit: '' },
			{ accountId: '4100-20', type: 'Sales', debit: '', credit: '125.50' },
		],
	},
	...overrides,
});

describe('Dynamics GP node: master data', () => {
	it('lists customers (Return All or Limit), gets one, with one NTLM handshake per execution', async () => {
		gp.resetStats();
		const all = await execute({ resource: 'customer', operation: 'getAll', returnAll: true }, { items: [{}, {}] });
		expect(all.output[0]).toHaveLength(10);
		expect(all.output[0].slice(5).every((item) => (item.pairedItem as { item: number }).item === 1)).toBe(true);
		expect(gp.stats.handshakes).toBe(1);
		expect(gp.stats.byRoute['GET Sales/Customers']).toBe(2);
		const two = await execute({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 2 });
		expect(two.output[0].map((item) => item.json.Id)).toEqual(['C-10001', 'C-10002']);
		const one = await execute({ resource: 'customer', operation: 'get', id: 'C-10003' });
		expect(one.output[0][0].json).toMatchObject({ Id: 'C-10003', Name: 'Maria Alvarez' });
	});

	it('reads lists with or without the Payload wrapper, and says so when GP answers something else', async () => {
		gp.settings.envelope = 'bare';
		try {
			const bare = await execute({ resource: 'glAccount', operation: 'getAll', returnAll: true });
			expect(bare.output[0]).toHaveLength(10);
		} finally {
			gp.settings.envelope = 'payload';
		}
		gp.faults.push({ kind: 'status', status: 200, body: { Payload: { Id: 'not-a-list' } }, match: 'GET /GPService' });
		const { output } = await execute({ resource: 'vendor', operation: 'getAll', returnAll: true }, { continueOnFail: true });
		expect(output[0][0].json).toMatchObject({
			error: 'Dynamics GP: GET Purchasing/Vendors answered an object where a list was expected',
			message: expect.stringContaining('/help'),
		});
	});

	it('creates a customer through the Payload wrapper and refuses an ID longer than GP allows', async () => {
		const created = await execute({ resource: 'customer', operation: 'create', id: 'C-20001', name: 'Lakeside Bakery', additionalFields: { classId: 'COMMERCIAL' } });
		expect(created.output[0][0].json).toMatchObject({ Id: 'C-20001', Name: 'Lakeside Bakery', ClassId: 'COMMERCIAL' });
		expect(gp.state.customers.some((customer) => customer.Id === 'C-20001')).toBe(true);
		await expect(execute({ resource: 'customer', operation: 'create', id: 'C-THIS-IS-TOO-LONG', name: 'X' })).rejects.toThrow(/at most 15/);
	});

	it('gets and lists vendors, lists GL accounts with their segments, lists fiscal periods', async () => {
		const vendor = await execute({ resource: 'vendor', operation: 'get', id: 'V-0091' });
		expect(vendor.output[0][0].json.Name).toBe('Ace Sub Plumbing');
		const vendors = await execute({ resource: 'vendor', operation: 'getAll', returnAll: true });
		expect(vendors.output[0]).toHaveLength(3);
		const accounts = await execute({ resource: 'glAccount', operation: 'getAll', returnAll: true });
		expect(accounts.output[0].find((item) => item.json.Id === '4100-20')?.json.Segments).toEqual(['4100', '20']);
		const periods = await execute({ resource: 'fiscalPeriod', operation: 'getAll', returnAll: true });
		expect(periods.output[0]).toHaveLength(12);
	});

	it('checks whether a date is in an open period, per series', async () => {
		const closed = await execute({ resource: 'fiscalPeriod', operation: 'checkOpen', date: '2026-10-15', series: 'Sales' });
		expect(closed.output[0][0].json).toMatchObject({ date: '2026-10-15', open: false, reason: 'October 2026 is closed for the Sales series in GP' });
		const open = await execute({ resource: 'fiscalPeriod', operation: 'checkOpen', date: '2026-11-15T10:00:00.000Z', series: 'Sales' });
		expect(open.output[0][0].json).toMatchObject({ date: '2026-11-15', open: true, period: { year: 2026, periodId: 11 } });
		const none = await execute({ resource: 'fiscalPeriod', operation: 'checkOpen', date: '2031-01-02', series: 'Sales' });
		expect(none.output[0][0].json).toMatchObject({ open: false, reason: expect.stringContaining('No fiscal period') });
	});
});

describe('Dynamics GP node: receivables transactions and GP refusals', () => {
	it('creates an unposted transaction into a batch, with exact amounts, and gets it back by type and number', async () => {
		const { output } = await execute(invoice('ST-INV-1001'));
		expect(output[0][0].json).toMatchObject({ DocumentNumber: 'ST-INV-1001', Posted: false, BatchId: 'RM-INTEGRATION', SalesAmount: '125.50' });
		const got = await execute({ resource: 'receivablesTransaction', operation: 'get', documentType: 'Invoice', id: 'ST-INV-1001' });
		expect(got.output[0][0].json.Distributions).toEqual([
			{ AccountId: '1200-00', Type: 'Receivables', Debit: '125.50', Credit: '0.00' },
			{ AccountId: '4100-20', Type: 'Sales', Debit: '0.00', Credit: '125.50' },
		]);
	});

	it('routes each refusal to its own item, paired, with GP\'s reason and what to do (Continue On Fail)', async () => {
		const byItem: Record<string, unknown> = {
			id: (i: number) => ['ST-INV-2001', 'ST-INV-1001', 'ST-INV-2003', 'ST-INV-2004', 'ST-INV-2005'][i],
			documentDate: (i: number) => (i === 2 ? '2026-10-20' : '2026-11-20'),
			distributions: (i: number) => ({
				distribution: [
					{ accountId: '1200-00', type: 'Receivables', debit: '125.50' },
					{ accountId: i === 3 ? '4999-99' : '4100-20', type: 'Sales', credit: i === 4 ? '125.00' : '125.50' },
				],
			}),
		};
		const { output } = await execute({ ...invoice('unused'), ...byItem }, { items: [{}, {}, {}, {}, {}], continueOnFail: true });
		const items = output[0];
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3, 4]);
		expect(items[0].json).toMatchObject({ DocumentNumber: 'ST-INV-2001', Posted: false });
		expect(items[1].json.error).toMatch(/POST Sales\/ReceivablesTransactions failed \(HTTP 400 DuplicateDocument\): The document number ST-INV-1001 already exists/);
		expect(items[1].json.message).toMatch(/look the number up first/);
		expect(items[2].json.error).toMatch(/FiscalPeriodClosed.*2026-10-20 is in a closed fiscal period \(October 2026\) for the Sales series/);
		expect(items[2].json.message).toMatch(/Fiscal Periods/);
		expect(items[3].json.error).toMatch(/AccountNotFound.*Account 4999-99 does not exist/);
		expect(items[4].json.error).toMatch(/Receivables transaction ST-INV-2005: the distributions do not balance \(debits 125.50, credits 125.00\)/);
		expect(JSON.stringify(output)).not.toContain(gp.password);
	});

	it('stops on the failing item with its index when Continue On Fail is off', async () => {
		const run = execute(invoice('ST-INV-3001', { amount: (i: number) => (i === 1 ? '12,50' : '125.50') }), { items: [{}, {}] });
		await expect(run).rejects.toBeInstanceOf(NodeOperationError);
		await expect(execute(invoice('ST-INV-3002', { amount: '12,50' }))).rejects.toMatchObject({
			message: expect.stringMatching(/Receivables transaction ST-INV-3002: Field "Amount" has value "12,50", which is not a valid decimal/),
			context: { itemIndex: 0 },
		});
	});

	it('names the missing security task for a GP user without it', async () => {
		const run = execute(invoice('ST-INV-4001'), { credential: { username: 'gp-clerk' }, continueOnFail: true });
		const { output } = await run;
		expect(output[0][0].json.error).toMatch(/HTTP 403 SecurityTaskMissing.*'Sales: Receivables Transaction Entry'/);
		expect(output[0][0].json.message).toMatch(/Security Role Setup/);
	});

	it('says what to fix in the credential before connecting (plain http, no company)', async () => {
		await expect(execute({ resource: 'vendor', operation: 'getAll', returnAll: true }, { credential: { serverUrl: 'http://127.0.0.1' } })).rejects.toThrow(
			/^Dynamics GP credential: The GP server URL must start with https:\/\//,
		);
		await expect(execute({ resource: 'vendor', operation: 'getAll', returnAll: true }, { credential: { company: ' ' } })).rejects.toBeInstanceOf(NodeOperationError);
	});

	it('a wrong password fails every item with the Windows account named, never the password', async () => {
		const { output } = await execute({ resource: 'vendor', operation: 'get', id: 'V-0091' }, { credential: { password: 'Wrong-Password-1' }, continueOnFail: true, items: [{}, {}] });
		expect(output[0]).toHaveLength(2);
		expect(output[0][1].json.error).toMatch(/Windows authentication refused for CONTOSO\\gp-integration/);
		expect(JSON.stringify(output)).not.toMatch(/Wrong-Password-1/);
	});

	it('retries a 503 on a read and keeps a vendor error that echoes the Basic header and password out of the output', async () => {
		const unavailable = { kind: 'status', status: 503, retryAfter: 0, match: 'GET /GPService', times: 1 };
		gp.faults.push(unavailable);
		gp.resetStats();
		const retried = await execute({ resource: 'vendor', operation: 'get', id: 'V-0092' });
		expect(retried.output[0][0].json.Id).toBe('V-0092');
		expect(unavailable.times).toBe(0);
		expect(gp.stats.byRoute['GET Purchasing/Vendors(…)']).toBe(1);
		const basic = await startGp({ basic: true });
		try {
			basic.faults.push({ kind: 'echo', match: 'POST /GPService' });
			const { output } = await runExecute({
				nodeType: node,
				parameters: invoice('ST-INV-5001'),
				continueOnFail: true,
				credentials: { dynamicsGpApi: gpCredential(basic, { authentication: 'basic' }) },
			});
			const text = JSON.stringify(output);
			expect(output[0][0].json.error).toMatch(/HTTP 400/);
			expect(text).not.toContain(basic.password);
			expect(text).not.toContain(Buffer.from(`CONTOSO\\gp-integration:${basic.password}`).toString('base64'));
		} finally {
			await basic.close();
		}
	});
});
