import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ServiceTitan } from '../../nodes/ServiceTitan/ServiceTitan.node';
import { runExecute } from '../helpers/context';
import { serviceTitanCredential, startSimulator, type Simulator } from './setup';

/** ServiceTitan's documented maximum of IDs per lookup. */
const PER_CALL = 50;
/** The one token request a run makes before its first API call. */
const TOKEN = 1;

const node = new ServiceTitan();
let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ seed: { seed: 7, invoices: 240, customers: 120 } });
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.faults.clear();
});

function execute(parameters: Record<string, unknown>, items: IDataObject[], continueOnFail = true) {
	return runExecute({ nodeType: node, parameters, items, continueOnFail, credentials: { serviceTitanApi: serviceTitanCredential(sim) } });
}

/** Runs the node and counts what reached the simulator (the token request included). */
async function counted(parameters: Record<string, unknown>, items: IDataObject[]) {
	sim.resetStats();
	const { output } = await execute(parameters, items);
	return { items: output[0], calls: sim.stats.requests as number, byRoute: { ...(sim.stats.byRoute as Record<string, number>) } };
}

const invoices = () => sim.state.invoices as IDataObject[];
const activeInvoices = () => invoices().filter((invoice) => invoice.active !== false);
const calls = (count: number) => Math.ceil(count / PER_CALL);

function expectPairedInOrder(items: INodeExecutionData[], count: number) {
	expect(items).toHaveLength(count);
	items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
}

describe('Normalize in bulk', () => {
	const normalize = { resource: 'document', operation: 'normalize', refetch: true };

	it('does not read again what the export feed just returned: 200 invoices, no ServiceTitan call', async () => {
		const feed = await execute({ resource: 'invoice', operation: 'exportFeed', resumeFrom: 'beginning', output: 'events' }, [{}], false);
		const events = feed.output[0].slice(0, 200).map((item) => item.json);
		expect(events).toHaveLength(200);

		const run = await counted(normalize, events);
		expect(run.calls).toBe(0);
		expectPairedInOrder(run.items, 200);
		run.items.forEach((item, index) => expect(item.json).toMatchObject({ recordType: 'invoice', recordId: events[index].recordId, eventId: events[index].eventId }));
	});

	it('reads 200 webhook notifications 50 IDs per call, each item getting its own current record', async () => {
		const chosen = activeInvoices().slice(0, 200);
		const notifications = chosen.map((invoice, index) => ({ eventId: `wh-${index}`, eventType: 'invoice.updated', recordType: 'invoice', recordId: String(invoice.id), data: { id: invoice.id } }));

		const run = await counted(normalize, notifications);
		expect(run.byRoute['GET /accounting/v2/tenant/{t}/invoices']).toBe(calls(200));
		expect(run.calls).toBeLessThanOrEqual(calls(200) + TOKEN);
		expectPairedInOrder(run.items, 200);
		run.items.forEach((item, index) => {
			expect(item.json.error).toBeUndefined();
			expect((item.json.document as IDataObject).total).toBe(chosen[index].total);
		});
	});

	it('reads a webhook delivery again even when it carries a whole record: the payload says only that something changed', async () => {
		const invoice = activeInvoices()[0];
		const delivered = { ...invoice, referenceNumber: 'AS-DELIVERED' };
		const run = await counted(normalize, [{ eventId: 'wh-full', eventType: 'invoice.updated', recordType: 'invoice', recordId: String(invoice.id), data: delivered }]);
		expect(run.byRoute['GET /accounting/v2/tenant/{t}/invoices']).toBe(1);
		expect((run.items[0].json.document as IDataObject).number).toBe(invoice.referenceNumber);
	});

	it('with "Every Record", reads records from the API again too, still 50 per call', async () => {
		const records = activeInvoices().slice(0, 120);
		const run = await counted({ ...normalize, refetchScope: 'all' }, records);
		expect(run.byRoute['GET /accounting/v2/tenant/{t}/invoices']).toBe(calls(120));
		expectPairedInOrder(run.items, 120);
	});

	it('reads customers and payments by IDs in bulk, one kind per call', async () => {
		const customers = (sim.state.customers as IDataObject[]).slice(0, 60);
		const payments = (sim.state.payments as IDataObject[]).slice(0, 30);
		const items = [
			...customers.map((customer) => ({ eventId: `c${String(customer.id)}`, eventType: 'customer.updated', recordId: String(customer.id), data: { id: customer.id } })),
			...payments.map((payment) => ({ eventId: `p${String(payment.id)}`, eventType: 'payment.updated', recordId: String(payment.id), data: { id: payment.id } })),
		];
		const run = await counted(normalize, items);
		expect(run.byRoute['GET /crm/v2/tenant/{t}/customers']).toBe(calls(60));
		expect(run.byRoute['GET /accounting/v2/tenant/{t}/payments']).toBe(calls(30));
		expect(run.byRoute['GET /crm/v2/tenant/{t}/customers/{id}']).toBeUndefined();
		expectPairedInOrder(run.items, 90);
		expect(run.items[0].json).toMatchObject({ recordType: 'customer', mapped: { customerNumber: `ST-${String(customers[0].id)}` } });
		expect(run.items[60].json).toMatchObject({ recordType: 'payment', recordId: String(payments[0].id) });
	});

	it('keeps each problem on its own item: an unknown ID, a record that does not add up, an item without an ID', async () => {
		const [first, second] = activeInvoices().filter((invoice) => (invoice.items as IDataObject[]).length > 0);
		const items = [
			{ eventId: 'a', eventType: 'invoice.updated', recordId: String(first.id), data: { id: first.id } },
			{ eventId: 'b', eventType: 'invoice.updated', recordId: '98765432', data: { id: 98765432 } },
			{ ...second, total: '1.00' },
			{ eventId: 'c', eventType: 'invoice.updated', data: { number: 'no id' } },
			{ eventId: 'd', eventType: 'invoice.updated', recordId: String(second.id), data: { id: second.id } },
		];
		const run = await counted(normalize, items);
		expectPairedInOrder(run.items, 5);
		expect(run.items[0].json.error).toBeUndefined();
		expect(String(run.items[1].json.error)).toContain('ServiceTitan has no invoice with ID 98765432');
		expect(run.items[2].json.details).toMatchObject({ recordId: String(second.id), code: 'invalid-record', amount: '1.00' });
		expect(String(run.items[3].json.error)).toContain('has no numeric ID');
		expect(run.items[4].json.error).toBeUndefined();
		expect(run.byRoute['GET /accounting/v2/tenant/{t}/invoices']).toBe(1);
	});

	it('a read that fails is the error of the items it was for, not of the node', async () => {
		const chosen = activeInvoices().slice(0, 60);
		const notifications = chosen.map((invoice) => ({ eventType: 'invoice.updated', recordId: String(invoice.id), data: { id: invoice.id } }));
		sim.faults.push({ kind: 'status', status: 404, times: 1, match: '/invoices?' });
		const run = await counted(normalize, notifications);
		expectPairedInOrder(run.items, 60);
		expect(run.items.slice(0, PER_CALL).every((item) => String(item.json.error).includes('HTTP 404'))).toBe(true);
		expect(run.items.slice(PER_CALL).every((item) => item.json.error === undefined)).toBe(true);
	});
});

describe('Get in bulk', () => {
	it('reads the customers of 200 invoices 50 IDs per call, each item its own customer', async () => {
		const chosen = activeInvoices().slice(0, 200);
		const items = chosen.map((invoice) => ({ customerId: (invoice.customer as IDataObject).id }));
		const unique = new Set(items.map((item) => item.customerId)).size;
		expect(unique).toBeGreaterThan(PER_CALL);

		const id = (_index: number, item: IDataObject) => ({ __rl: true, mode: 'id', value: String(item.customerId) });
		const run = await counted({ resource: 'customer', operation: 'get', id }, items);
		expect(run.calls).toBeLessThanOrEqual(calls(unique) + TOKEN);
		expectPairedInOrder(run.items, 200);
		run.items.forEach((item, index) => expect(item.json.id).toBe(items[index].customerId));
	});

	it('an unknown ID is that item\'s own error', async () => {
		const customer = (sim.state.customers as IDataObject[])[0];
		const run = await counted({ resource: 'customer', operation: 'get', id: (_index: number, item: IDataObject) => item.id }, [{ id: 99999991 }, { id: customer.id }]);
		expect(String(run.items[0].json.error)).toContain('ServiceTitan has no customer with ID 99999991');
		expect(run.items[1].json.id).toBe(customer.id);
	});
});

describe('Mark as Exported and Set Status in bulk', () => {
	it('marks 200 invoices exported in ceil(200/50) calls, each with its own external ID', async () => {
		const chosen = invoices().slice(0, 200);
		const items = chosen.map((invoice) => ({ id: invoice.id, number: `BC-${String(invoice.id)}` }));
		const run = await counted(
			{ resource: 'invoice', operation: 'markAsExported', id: (_i: number, item: IDataObject) => item.id, externalId: (_i: number, item: IDataObject) => item.number, externalMessage: 'posted' },
			items,
		);
		expect(run.byRoute['POST /accounting/v2/tenant/{t}/invoices/markasexported']).toBe(calls(200));
		expect(run.calls).toBeLessThanOrEqual(calls(200) + TOKEN);
		expectPairedInOrder(run.items, 200);
		run.items.forEach((item, index) => expect(item.json).toEqual({ invoiceId: chosen[index].id, exported: true, externalId: items[index].number, externalMessage: 'posted' }));
		for (const invoice of chosen) expect(sim.getRecord('invoices', invoice.id)).toMatchObject({ syncStatus: 'Exported', exportId: `BC-${String(invoice.id)}` });
	});

	it('maps ServiceTitan\'s answer for each invoice to its item: one unknown invoice fails alone', async () => {
		const [a, b] = invoices().slice(200, 202);
		const run = await counted({ resource: 'invoice', operation: 'markAsExported', id: (_i: number, item: IDataObject) => item.id }, [{ id: a.id }, { id: 99999997 }, { id: b.id }, { id: 'x' }]);
		expect(run.byRoute['POST /accounting/v2/tenant/{t}/invoices/markasexported']).toBe(1);
		expectPairedInOrder(run.items, 4);
		expect(run.items[0].json).toMatchObject({ invoiceId: a.id, exported: true });
		expect(String(run.items[1].json.error)).toContain('ServiceTitan did not mark invoice 99999997 as exported');
		expect(run.items[2].json).toMatchObject({ invoiceId: b.id, exported: true });
		expect(String(run.items[3].json.error)).toContain('must be a number');
	});

	it('the same invoice twice goes in two calls, in input order, so the later external ID wins', async () => {
		const invoice = invoices()[210];
		const run = await counted(
			{ resource: 'invoice', operation: 'markAsExported', id: String(invoice.id), externalId: (_i: number, item: IDataObject) => item.number },
			[{ number: 'FIRST' }, { number: 'SECOND' }],
		);
		expect(run.byRoute['POST /accounting/v2/tenant/{t}/invoices/markasexported']).toBe(2);
		expect(sim.getRecord('invoices', invoice.id).exportId).toBe('SECOND');
	});

	it('a call that fails as a whole is the error of each of its items', async () => {
		const chosen = invoices().slice(0, 60);
		sim.faults.push({ kind: 'status', status: 503, times: 1, match: '/markasexported' });
		const run = await counted({ resource: 'invoice', operation: 'markAsExported', id: (_i: number, item: IDataObject) => item.id }, chosen.map((invoice) => ({ id: invoice.id })));
		expectPairedInOrder(run.items, 60);
		expect(run.items.slice(0, PER_CALL).every((item) => String(item.json.error).includes('HTTP 503'))).toBe(true);
		expect(run.items.slice(PER_CALL).every((item) => item.json.exported === true)).toBe(true);
	});

	it('marks inventory bills exported in bulk', async () => {
		const bills = (sim.state.inventoryBills as IDataObject[]).filter((bill) => bill.active !== false);
		const items = [...bills.map((bill) => ({ id: bill.id })), { id: 99999996 }];
		const run = await counted({ resource: 'inventoryBill', operation: 'markAsExported', id: (_i: number, item: IDataObject) => item.id }, items);
		expect(run.byRoute['POST /accounting/v2/tenant/{t}/inventory-bills/markasexported']).toBe(calls(items.length));
		expectPairedInOrder(run.items, items.length);
		run.items.slice(0, bills.length).forEach((item, index) => expect(item.json).toEqual({ inventoryBillId: bills[index].id, exported: true }));
		expect(String(run.items[bills.length].json.error)).toContain('ServiceTitan did not mark inventory bill 99999996 as exported');
	});

	it('sets 120 payments to Exported in ceil(120/50) calls', async () => {
		const payments = (sim.state.payments as IDataObject[]).slice(0, 120);
		expect(payments).toHaveLength(120);
		const run = await counted({ resource: 'payment', operation: 'setStatus', id: (_i: number, item: IDataObject) => item.id, status: 'Exported' }, payments.map((payment) => ({ id: payment.id })));
		expect(run.byRoute['POST /accounting/v2/tenant/{t}/payments/status']).toBe(calls(120));
		expectPairedInOrder(run.items, 120);
		run.items.forEach((item, index) => expect(item.json).toEqual({ paymentId: payments[index].id, status: 'Exported' }));
		for (const payment of payments) expect(sim.getRecord('payments', payment.id).syncStatus).toBe('Exported');
	});

	it('a payment ServiceTitan refuses fails alone: the refused call is split until the refusal lands on it', async () => {
		const payments = (sim.state.payments as IDataObject[]).slice(120, 160);
		const items = payments.map((payment) => ({ id: payment.id }));
		items.splice(17, 0, { id: 99999995 });
		const run = await counted({ resource: 'payment', operation: 'setStatus', id: (_i: number, item: IDataObject) => item.id, status: 'Exported' }, items);
		expectPairedInOrder(run.items, items.length);
		expect(String(run.items[17].json.error)).toContain('HTTP 400');
		expect(run.items.filter((item) => item.json.error !== undefined)).toHaveLength(1);
		for (const payment of payments) expect(sim.getRecord('payments', payment.id).syncStatus).toBe('Exported');
		// One call, then halves down to the refused payment: far fewer than one call per payment.
		expect(run.byRoute['POST /accounting/v2/tenant/{t}/payments/status']).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(items.length)));
	});
});
