import type { IDataObject } from 'n8n-workflow';

import { ServiceTitan } from '../../nodes/ServiceTitan/ServiceTitan.node';
import { ServiceTitanPollTrigger } from '../../nodes/ServiceTitan/ServiceTitanPollTrigger.node';
import { Decimal } from '../../nodes/shared/money';
import { runExecute, runPoll } from '../helpers/context';
import { serviceTitanCredential, startSimulator, type Simulator } from './setup';

const node = new ServiceTitan();
let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.close();
});

const rows = (pairs: Array<[string, string]>) => ({ row: pairs.map(([from, to]) => ({ from, to })) });

function normalize(items: IDataObject[], parameters: Record<string, unknown> = {}, continueOnFail = true) {
	return runExecute({
		nodeType: node,
		parameters: { resource: 'document', operation: 'normalize', refetch: false, ...parameters },
		items,
		continueOnFail,
		credentials: { serviceTitanApi: serviceTitanCredential(sim) },
	});
}

/** Integer-cent sum of money strings, independent of the package's Decimal. */
function cents(values: string[]): bigint {
	return values.reduce((sum, value) => {
		const [whole, fraction = ''] = value.replace('-', '').split('.');
		const amount = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
		return sum + (value.startsWith('-') ? -amount : amount);
	}, 0n);
}

describe('Normalize: canonical documents', () => {
	it('keeps money exact to the cent: per business unit, canonical totals equal ServiceTitan totals', async () => {
		const invoices = (sim.state.invoices as IDataObject[]).filter((invoice) => invoice.active !== false);
		const { output } = await normalize(invoices, { recordType: 'invoice' }, false);
		expect(output[0]).toHaveLength(invoices.length);
		const expected = new Map<string, string[]>();
		for (const invoice of invoices) {
			const bu = String((invoice.businessUnit as IDataObject).id);
			expected.set(bu, [...(expected.get(bu) ?? []), String(invoice.total)]);
		}
		const actual = new Map<string, Decimal>();
		for (const item of output[0]) {
			const document = item.json.document as IDataObject;
			const bu = String((document.businessUnit as IDataObject).id);
			actual.set(bu, (actual.get(bu) ?? Decimal.ZERO).add(String(document.total)));
			const lines = document.lines as IDataObject[];
			const lineSum = lines.reduce((sum, line) => sum.add(String(line.amount)), Decimal.ZERO);
			expect(lineSum.add(String((document.tax as IDataObject).amount)).toFixed(2)).toBe(String(document.total));
		}
		for (const [bu, totals] of expected) {
			const centsTotal = cents(totals);
			expect(actual.get(bu)!.toFixed(2)).toBe(Decimal.fromUnits(centsTotal, 2).toFixed(2));
		}
	});

	it('maps business units, and an unmapped one becomes an error item naming the value and the table', async () => {
		const invoices = sim.state.invoices as IDataObject[];
		const withBu = (id: number) => invoices.find((invoice) => (invoice.businessUnit as IDataObject).id === id && invoice.active !== false)!;
		const mapped = withBu(31);
		const unmapped = withBu(34);
		const { output } = await normalize([mapped, unmapped], {
			recordType: 'invoice',
			businessUnitMapSource: 'rows',
			businessUnitMapRows: rows([['31', 'HVAC-SVC'], ['32', 'HVAC-INST'], ['33', 'PLUMB-SVC']]),
		});
		expect(output[0][0].json.mapped).toMatchObject({ businessUnit: 'HVAC-SVC', customerNumber: `ST-${(mapped.customer as IDataObject).id}` });
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
		const error = String(output[0][1].json.error);
		expect(error).toContain('34');
		expect(error).toContain('Business Unit → Dimension');
		expect(error).toContain(String(unmapped.id));
		expect(output[0][1].pairedItem).toEqual({ item: 1 });
		expect(output[0][1].json.details).toEqual({
			key: `servicetitan:invoice:${String(unmapped.id)}`,
			recordType: 'invoice',
			recordId: String(unmapped.id),
			number: String(unmapped.referenceNumber),
			amount: String(unmapped.total),
			businessUnit: '34',
			code: 'unmapped',
			reason: expect.stringMatching(/^Business unit 34 .* is not in the mapping table "Business Unit → Dimension"\.$/),
			fix: 'Add a row for 34 or set a default.',
		});
		expect(output[0][0].json.details).toBeUndefined();
	});

	it('takes the mapping table from a field of the input item', async () => {
		const invoice = (sim.state.invoices as IDataObject[]).find((candidate) => candidate.active !== false)!;
		const bu = String((invoice.businessUnit as IDataObject).id);
		const { output } = await normalize([{ ...invoice, tables: { businessUnits: { [bu]: 'FROM-TABLE' } } }], {
			recordType: 'invoice',
			businessUnitMapSource: 'field',
			businessUnitMapField: 'tables.businessUnits',
		});
		expect(output[0][0].json.mapped).toMatchObject({ businessUnit: 'FROM-TABLE' });
	});

	it('refetches the current record for a trigger event and detects its type', async () => {
		const payment = sim.state.payments[0] as IDataObject;
		const { output } = await normalize(
			[{ eventId: 'e1', eventType: 'payment.updated', recordType: 'payment', recordId: String(payment.id), data: { id: payment.id } }],
			{ refetch: true },
			false,
		);
		expect(output[0][0].json).toMatchObject({ recordType: 'payment', recordId: String(payment.id), eventId: 'e1', externalDocumentNumber: `ST-PMT-${payment.id}` });
		const document = output[0][0].json.document as IDataObject;
		const applied = (document.applications as IDataObject[]).reduce((sum, application) => sum.add(String(application.amount)), Decimal.ZERO);
		expect(applied.add(String(document.unapplied)).toFixed(2)).toBe(String(payment.total));
	});

	it('normalizes payments applied to several invoices, partial payments and inventory bills', async () => {
		const payments = (sim.state.payments as IDataObject[]).filter((payment) => payment.active !== false);
		const multi = payments.find((payment) => (payment.appliedTo as IDataObject[]).length > 1)!;
		const bills = sim.state.inventoryBills as IDataObject[];
		const { output } = await normalize([multi, bills[0]], {}, false);
		expect(output[0][0].json.recordType).toBe('payment');
		expect((output[0][0].json.document as IDataObject).applications).toHaveLength((multi.appliedTo as IDataObject[]).length);
		expect(output[0][1].json).toMatchObject({ recordType: 'inventoryBill', externalDocumentNumber: `ST-BILL-${bills[0].id}` });
		expect(output[0][1].json.mapped).toMatchObject({ vendorNumber: `ST-${(bills[0].vendor as IDataObject).id}` });
	});

	it('an invoice whose amounts do not add up is an error item that says so', async () => {
		const invoice = (sim.state.invoices as IDataObject[]).find((candidate) => (candidate.items as IDataObject[]).length > 0)!;
		const broken = { ...invoice, total: '1.00' };
		const { output } = await normalize([broken], { recordType: 'invoice' });
		expect(String(output[0][0].json.error)).toMatch(/do not add up/);
		expect(String(output[0][0].json.error)).toContain(String(invoice.id));
		expect(output[0][0].json.details).toMatchObject({
			key: `servicetitan:invoice:${String(invoice.id)}`,
			recordType: 'invoice',
			recordId: String(invoice.id),
			number: String(invoice.referenceNumber),
			amount: '1.00',
			code: 'invalid-record',
			reason: expect.stringMatching(/do not add up/),
			fix: 'Open the invoice in ServiceTitan, correct its items or totals, and export it again.',
		});
	});
});

describe('ServiceTitan Poll Trigger', () => {
	it('emits every record once, then only what changed since', async () => {
		const staticData = {};
		const poll = () =>
			runPoll({
				nodeType: new ServiceTitanPollTrigger(),
				parameters: { feed: 'payments', startFrom: '' },
				staticData,
				mode: 'trigger',
				credentials: { serviceTitanApi: serviceTitanCredential(sim) },
			});
		const first = await poll();
		expect(first.output![0].length).toBe(sim.state.payments.length);
		expect(first.output![0][0].json).toMatchObject({ recordType: 'payment', eventType: 'payment.changed' });
		expect(await poll().then((result) => result.output)).toBeNull();
		const added = sim.addPayment({});
		const third = await poll();
		expect(third.output![0].map((item) => item.json.recordId)).toEqual([String(added.id)]);
	});
});
