import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { ServiceTitan } from '../../nodes/ServiceTitan/ServiceTitan.node';
import { runExecute } from '../helpers/context';
import { serviceTitanCredential, startSimulator, type Simulator } from './setup';

const node = new ServiceTitan();
let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ seed: { seed: 42, invoices: 1100, customers: 40 } });
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.faults.clear();
	sim.resetStats();
});

function execute(parameters: Record<string, unknown>, extra: { items?: IDataObject[]; continueOnFail?: boolean; credential?: ReturnType<typeof serviceTitanCredential>; staticData?: Record<string, IDataObject> } = {}) {
	const credential = extra.credential ?? serviceTitanCredential(sim);
	return runExecute({
		nodeType: node,
		parameters,
		items: extra.items,
		continueOnFail: extra.continueOnFail,
		staticData: extra.staticData,
		credentials: { serviceTitanApi: credential },
	});
}

const allInvoices = () => sim.state.invoices as IDataObject[];

describe('ServiceTitan node: paging', () => {
	it('Return All walks every page and returns each invoice exactly once, paired with the input item', async () => {
		const { output, requests } = await execute({ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { activeState: 'All' } });
		const ids = output[0].map((item) => item.json.id);
		expect(allInvoices().length).toBeGreaterThan(1000);
		expect(ids).toHaveLength(allInvoices().length);
		expect(new Set(ids).size).toBe(ids.length);
		expect(requests.filter((request) => request.url.endsWith('/invoices'))).toHaveLength(Math.ceil(allInvoices().length / 500));
		expect(output[0].every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Limit returns that many records and stops fetching pages', async () => {
		const { output, requests } = await execute({ resource: 'invoice', operation: 'getAll', returnAll: false, limit: 7 });
		expect(output[0]).toHaveLength(7);
		expect(requests.filter((request) => request.url.endsWith('/invoices'))).toHaveLength(1);
	});

	it('filters are sent the way ServiceTitan reads them (repeated statuses)', async () => {
		const { output } = await execute({ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { statuses: ['Pending'], activeState: 'All' } });
		const pending = allInvoices().filter((invoice) => invoice.syncStatus === 'Pending');
		expect(output[0].map((item) => item.json.id).sort()).toEqual(pending.map((invoice) => invoice.id).sort());
	});
});

describe('ServiceTitan node: export feed', () => {
	it('resumes from the stored position and picks up a record added after the end', async () => {
		const staticData: Record<string, IDataObject> = {};
		const parameters = { resource: 'invoice', operation: 'exportFeed', resumeFrom: 'stored', output: 'events' };
		const first = await execute(parameters, { staticData });
		expect(first.output[0].length).toBe(allInvoices().length);
		expect(first.output[0][0].json).toMatchObject({ recordType: 'invoice', eventType: 'invoice.changed' });

		const second = await execute(parameters, { staticData });
		expect(second.output[0]).toHaveLength(0);

		const added = sim.addInvoice({});
		const third = await execute(parameters, { staticData });
		expect(third.output[0].map((item) => item.json.recordId)).toEqual([String(added.id)]);
	});

	it('returns the continuation token when the caller keeps it', async () => {
		const { output } = await execute({ resource: 'payment', operation: 'exportFeed', resumeFrom: 'beginning', maxRecords: 1 });
		const token = output[0][0].json._continueFrom as string;
		expect(token).toBeTruthy();
		const next = await execute({ resource: 'payment', operation: 'exportFeed', resumeFrom: 'token', from: token });
		const firstIds = new Set(output[0].map((item) => item.json.id));
		expect(next.output[0].some((item) => firstIds.has(item.json.id))).toBe(false);
	});
});

describe('ServiceTitan node: resilience', () => {
	it('absorbs a 429 storm, honouring Retry-After', async () => {
		sim.faults.push({ kind: 'rateLimit', times: 3, retryAfter: '1' });
		const started = Date.now();
		const { output } = await execute({ resource: 'businessUnit', operation: 'getAll', returnAll: true });
		expect(output[0].length).toBeGreaterThan(0);
		expect(sim.stats.rateLimited).toBe(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
	});

	it('retries 503s and connection resets', async () => {
		sim.faults.push({ kind: 'status', status: 503, times: 2 });
		sim.faults.push({ kind: 'reset', times: 1 });
		const { output } = await execute({ resource: 'businessUnit', operation: 'getAll', returnAll: true });
		expect(output[0].length).toBeGreaterThan(0);
	});

	it('refreshes a token that expires mid-run exactly once', async () => {
		const credential = serviceTitanCredential(sim);
		await execute({ resource: 'invoice', operation: 'getAll', limit: 1 }, { credential });
		expect(credential.preAuthCalls).toBe(1);
		const tokensBefore = sim.stats.tokensIssued;
		// Expire every token just before page 2 of this run is served.
		sim.faults.push({
			kind: 'delay',
			ms: 0,
			times: 1,
			match: (info: { query: URLSearchParams }) => {
				if (info.query.get('page') !== '2') return false;
				sim.expireTokens();
				return true;
			},
		});
		const { output, requests } = await execute({ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { activeState: 'All' } }, { credential });
		expect(output[0]).toHaveLength(allInvoices().length);
		expect(requests.filter((request) => request.status === 401)).toHaveLength(1);
		expect(credential.preAuthCalls).toBe(2);
		expect(sim.stats.tokensIssued - tokensBefore).toBe(1);
	});

	it('reports a wrong app key clearly, without leaking secrets', async () => {
		const credential = serviceTitanCredential(sim, { appKey: 'ak1.wrong' });
		const error = await execute({ resource: 'invoice', operation: 'getAll', limit: 1 }, { credential }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('HTTP 403');
		expect(error.description).toMatch(/app key/i);
		expect(JSON.stringify({ m: error.message, d: error.description, c: error.context })).not.toMatch(/ak1\.wrong|secret-test/);
	});

	it('reports wrong client credentials at the token step', async () => {
		const credential = serviceTitanCredential(sim, { clientSecret: 'nope' });
		const error = await execute({ resource: 'invoice', operation: 'getAll', limit: 1 }, { credential }).catch((e) => e);
		expect(error.message).toMatch(/client ID or client secret/);
		expect(error.message).not.toContain('nope');
	});
});

describe('ServiceTitan node: per-item errors', () => {
	it('continueOnFail turns a failing item into an error item paired with its input', async () => {
		const [first] = allInvoices();
		const items = [{ id: first.id }, { id: 99999999 }];
		const { output } = await execute(
			{ resource: 'invoice', operation: 'markAsExported', id: (_i: number, item: IDataObject) => item.id, externalId: 'BC-1', externalMessage: 'posted' },
			{ items, continueOnFail: true },
		);
		expect(output[0]).toHaveLength(2);
		expect(output[0][0].json).toMatchObject({ invoiceId: first.id, exported: true });
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
		expect(output[0][1].json.error).toContain('99999999');
		expect(output[0][1].pairedItem).toEqual({ item: 1 });
		expect(sim.getRecord('invoices', first.id).syncStatus).toBe('Exported');
	});

	it('without continueOnFail the error stops the node and names the item', async () => {
		const error = await execute(
			{ resource: 'invoice', operation: 'markAsExported', id: (_i: number, item: IDataObject) => item.id },
			{ items: [{ id: 99999998 }] },
		).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(0);
	});

	it('sets payments to Exported', async () => {
		const payment = sim.state.payments[0] as IDataObject;
		const { output } = await execute({ resource: 'payment', operation: 'setStatus', id: String(payment.id), status: 'Exported' });
		expect(output[0][0].json).toEqual({ paymentId: payment.id, status: 'Exported' });
		expect(sim.getRecord('payments', payment.id).syncStatus).toBe('Exported');
	});
});

describe('ServiceTitan node: masters and pricebook', () => {
	it('creates and updates a customer', async () => {
		const { output } = await execute({ resource: 'customer', operation: 'create', name: 'Test Customer LLC', type: 'Commercial', address: { street: '1 Main St', city: 'Austin', state: 'TX', zip: '78701', country: 'USA' }, additionalFields: { email: 'ap@test.example' } });
		const id = output[0][0].json.id;
		expect(id).toBeDefined();
		const updated = await execute({ resource: 'customer', operation: 'update', id: { __rl: true, mode: 'id', value: String(id) }, updateFields: { name: 'Renamed LLC' } });
		expect(updated.output[0][0].json.name).toBe('Renamed LLC');
	});

	it('creates a pricebook service and rejects a duplicate code with the vendor message', async () => {
		const { output } = await execute({ resource: 'pricebookService', operation: 'create', code: 'TEST-SVC-1', description: 'Test service', additionalFields: { price: 129 } });
		expect(output[0][0].json.code).toBe('TEST-SVC-1');
		const error = await execute({ resource: 'pricebookService', operation: 'create', code: 'TEST-SVC-1', description: 'Again' }).catch((e) => e);
		expect(error.message).toContain('HTTP 409');
	});

	it('gets a customer through the resource locator and a vendor by ID', async () => {
		const customer = sim.state.customers[0] as IDataObject;
		const { output } = await execute({ resource: 'customer', operation: 'get', id: { __rl: true, mode: 'list', value: String(customer.id) }, includeCanonical: true });
		expect(output[0][0].json.canonical).toMatchObject({ id: String(customer.id) });
		const vendor = sim.state.vendors[0] as IDataObject;
		const vendorResult = await execute({ resource: 'vendor', operation: 'get', id: String(vendor.id) });
		expect(vendorResult.output[0][0].json.name).toBe(vendor.name);
	});
});

describe('ServiceTitan node: pricebook upsert by code', () => {
	it('creates an unknown code, then updates it in place', async () => {
		const parameters = { resource: 'pricebookMaterial', operation: 'upsert', code: 'UPSERT-MAT-1', description: 'First', additionalFields: { price: 10 } };
		const created = await execute(parameters);
		expect(created.output[0][0].json).toMatchObject({ action: 'created', code: 'UPSERT-MAT-1' });
		const updated = await execute({ ...parameters, code: 'upsert-mat-1', description: 'Second' });
		expect(updated.output[0][0].json).toMatchObject({ action: 'updated', id: created.output[0][0].json.id, description: 'Second' });
		expect(sim.state.materials.filter((material: IDataObject) => String(material.code).toUpperCase() === 'UPSERT-MAT-1')).toHaveLength(1);
	});

	it('reads the customer export feed', async () => {
		const { output } = await execute({ resource: 'customer', operation: 'exportFeed', resumeFrom: 'beginning', output: 'events' });
		expect(output[0].length).toBe(sim.state.customers.length);
		expect(output[0][0].json).toMatchObject({ recordType: 'customer' });
	});
});
