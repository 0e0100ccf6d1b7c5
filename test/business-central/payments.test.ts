import type { IDataObject } from 'n8n-workflow';

import { Decimal } from '../../nodes/shared/money';
import { serviceTitanCredential, startSimulator, type Simulator } from '../servicetitan/setup';
import { normalize, sync } from './flow';
import { startWireProxy, type WireProxy } from './proxy';
import { businessCentralCredential, startBusinessCentral, type BusinessCentralSimulator } from './setup';

let st: Simulator;
let bc: BusinessCentralSimulator;
let wire: WireProxy;
let stCredential: ReturnType<typeof serviceTitanCredential>;
let bcCredential: ReturnType<typeof businessCentralCredential>;
let wireCredential: ReturnType<typeof businessCentralCredential>;

beforeAll(async () => {
	st = await startSimulator({ seed: { seed: 7, invoices: 80, customers: 14, startDate: '2026-10-01' } });
	bc = await startBusinessCentral({ allowedPostingDates: { from: '2026-01-01', to: '2026-12-31' } });
	wire = await startWireProxy(bc);
	stCredential = serviceTitanCredential(st);
	bcCredential = businessCentralCredential(bc);
	wireCredential = businessCentralCredential(bc, { apiUrl: wire.url });
});
afterAll(async () => {
	await wire.close();
	await st.close();
	await bc.close();
});
afterEach(() => {
	wire.rules.length = 0;
});

const invoices = () => st.state.invoices as IDataObject[];
const postable = (invoice: IDataObject) => invoice.active !== false && Decimal.parse(String(invoice.total)).sign() > 0 && (invoice.items as IDataObject[]).length > 0;
const used = new Set<unknown>();

/** A payment no other test used, applied to `applications` postable invoices, those invoices posted in BC. */
async function freshPayment(applications: number): Promise<{ payment: IDataObject; normalized: IDataObject; invoiceIds: unknown[] }> {
	const payment = (st.state.payments as IDataObject[]).find((candidate) => {
		const applied = candidate.appliedTo as IDataObject[];
		return (
			candidate.active !== false &&
			!used.has(candidate.id) &&
			applied.length === applications &&
			applied.every((application) => !used.has(application.appliedTo) && postable(invoices().find((invoice) => invoice.id === application.appliedTo)!))
		);
	})!;
	expect(payment).toBeDefined();
	used.add(payment.id);
	const invoiceIds = (payment.appliedTo as IDataObject[]).map((application) => application.appliedTo);
	invoiceIds.forEach((id) => used.add(id));
	const applied = invoices().filter((invoice) => invoiceIds.includes(invoice.id));
	const customers = (st.state.customers as IDataObject[]).filter((customer) => applied.some((invoice) => (invoice.customer as IDataObject).id === customer.id));
	await sync(bcCredential, 'upsertCustomer', await normalize(stCredential, customers, 'customer'));
	const posted = await sync(bcCredential, 'postInvoice', await normalize(stCredential, applied, 'invoice'));
	expect(posted.json.map((result) => result.action)).toEqual(applied.map(() => 'posted'));
	const [normalized] = await normalize(stCredential, [payment], 'payment');
	return { payment, normalized, invoiceIds };
}

/** The normalized payment as ServiceTitan would show it after an edit. */
function edited(normalized: IDataObject, change: (document: IDataObject) => IDataObject): IDataObject {
	return { ...normalized, document: change({ ...(normalized.document as IDataObject) }) };
}

/** What the customer ledger credits for a payment, all its entries together. */
function credited(normalized: IDataObject): string {
	const key = String((normalized.document as IDataObject).externalDocumentNumber);
	const entries = bc.customerLedger().filter((entry: IDataObject) => entry.externalDocumentNumber === key);
	return entries.reduce((sum: Decimal, entry: IDataObject) => sum.add(Decimal.fromUnits(BigInt(-(entry.amountCents as number)), 2)), Decimal.ZERO).toFixed(2);
}

const remaining = (invoiceId: unknown) => Decimal.parse(bc.list('salesInvoices', { filter: `externalDocumentNumber eq 'ST-INV-${String(invoiceId)}'` })[0].remainingAmount as number).toFixed(2);
const claimBatches = () => bc.list('customerPaymentJournals').filter((batch: IDataObject) => /^P[0-9A-Z]+$/.test(String(batch.code)));

describe('payments through the sync engine', () => {
	it('posts a payment applied to two invoices once, through a journal batch of its own that is removed afterwards', async () => {
		const { payment, normalized } = await freshPayment(2);
		const first = await sync(bcCredential, 'postPayment', [normalized]);
		expect(first.json[0]).toMatchObject({ action: 'posted', externalDocumentNumber: `ST-PMT-${String(payment.id)}` });
		expect((first.json[0].lines as IDataObject[]).map((line) => line.status)).toEqual(['posted', 'posted']);
		expect(credited(normalized)).toBe(Decimal.parse(String(payment.total)).toFixed(2));
		expect(claimBatches()).toEqual([]);
		const again = await sync(bcCredential, 'postPayment', [normalized]);
		expect(again.json[0]).toMatchObject({ action: 'existing' });
		expect(credited(normalized)).toBe(Decimal.parse(String(payment.total)).toFixed(2));
	});

	it('one payment Business Central refuses holds only itself: the others of the run post', async () => {
		const good = await freshPayment(1);
		const bad = await freshPayment(1);
		const closed = edited(bad.normalized, (document) => ({ ...document, date: '2025-06-30' }));
		const result = await sync(bcCredential, 'postPayment', [closed, good.normalized]);
		expect(result.json[0].details).toMatchObject({ code: 'posting-refused' });
		expect(String(result.json[0].error)).toMatch(/Posting Date is not within your range of allowed posting dates/);
		expect(result.json[1]).toMatchObject({ action: 'posted' });
		expect(credited(closed)).toBe('0.00');
		expect(credited(good.normalized)).toBe(Decimal.parse(String(good.payment.total)).toFixed(2));
		expect(claimBatches()).toEqual([]);
		// Fixed (dated in an open period), it posts on the next run, once.
		expect((await sync(bcCredential, 'postPayment', [bad.normalized])).json[0]).toMatchObject({ action: 'posted' });
		expect(credited(bad.normalized)).toBe(Decimal.parse(String(bad.payment.total)).toFixed(2));
	});

	it('two runs of the same payment at the same moment credit it once', async () => {
		const { payment, normalized } = await freshPayment(1);
		const [a, b] = await Promise.all([sync(bcCredential, 'postPayment', [normalized]), sync(bcCredential, 'postPayment', [normalized])]);
		const outcomes = [a.json[0], b.json[0]].map((result) => (result.details as IDataObject | undefined)?.code ?? result.action);
		expect(outcomes).toContain('posted');
		expect(outcomes.every((outcome) => ['posted', 'existing', 'concurrent-run'].includes(String(outcome)))).toBe(true);
		expect(credited(normalized)).toBe(Decimal.parse(String(payment.total)).toFixed(2));
	});

	it('a rest posted on account and later applied in ServiceTitan is not credited again: held with both figures', async () => {
		const { payment, normalized, invoiceIds } = await freshPayment(1);
		const document = normalized.document as IDataObject;
		const [application] = document.applications as IDataObject[];
		const half = Decimal.parse(String(application.amount)).mul('0.5').round(2);
		const rest = Decimal.parse(String(application.amount)).sub(half);
		// First ServiceTitan had only part applied, the rest on account…
		const partly = edited(normalized, (doc) => ({ ...doc, applications: [{ ...application, amount: half.toFixed(2) }], unapplied: Decimal.parse(String(doc.unapplied)).add(rest).toFixed(2) }));
		expect((await sync(bcCredential, 'postPayment', [partly])).json[0]).toMatchObject({ action: 'posted' });
		const before = remaining(invoiceIds[0]);
		// …then the rest was applied to the invoice too.
		const result = await sync(bcCredential, 'postPayment', [normalized]);
		expect(result.json[0].details).toMatchObject({ code: 'changed-after-posting', recordId: String(payment.id) });
		expect(String(result.json[0].error)).toContain(`STP${String(payment.id)}-U: ${rest.add(String(document.unapplied)).toFixed(2)} posted, ServiceTitan now ${Decimal.parse(String(document.unapplied)).toFixed(2)}`);
		expect(String(result.json[0].message)).toMatch(/nothing is credited twice/);
		expect(credited(normalized)).toBe(Decimal.parse(String(payment.total)).toFixed(2));
		expect(remaining(invoiceIds[0])).toBe(before);
	});

	it('an application lowered after posting is held, never credited again', async () => {
		const { payment, normalized } = await freshPayment(1);
		expect((await sync(bcCredential, 'postPayment', [normalized])).json[0]).toMatchObject({ action: 'posted' });
		const [application] = (normalized.document as IDataObject).applications as IDataObject[];
		const lowered = edited(normalized, (doc) => ({
			...doc,
			applications: [{ ...application, amount: Decimal.parse(String(application.amount)).sub('10.00').toFixed(2) }],
			unapplied: Decimal.parse(String(doc.unapplied)).add('10.00').toFixed(2),
		}));
		const result = await sync(bcCredential, 'postPayment', [lowered]);
		expect(result.json[0].details).toMatchObject({ code: 'changed-after-posting' });
		expect(credited(normalized)).toBe(Decimal.parse(String(payment.total)).toFixed(2));
	});

	it('a payment raised after posting posts only the difference, as a correcting line', async () => {
		const { payment, normalized } = await freshPayment(1);
		expect((await sync(bcCredential, 'postPayment', [normalized])).json[0]).toMatchObject({ action: 'posted' });
		const raised = edited(normalized, (doc) => ({ ...doc, total: Decimal.parse(String(doc.total)).add('15.00').toFixed(2), unapplied: Decimal.parse(String(doc.unapplied)).add('15.00').toFixed(2) }));
		const result = await sync(bcCredential, 'postPayment', [raised]);
		expect(result.json[0]).toMatchObject({ action: 'posted' });
		expect(credited(normalized)).toBe(Decimal.parse(String(payment.total)).add('15.00').toFixed(2));
		expect((await sync(bcCredential, 'postPayment', [raised])).json[0]).toMatchObject({ action: 'existing' });
	});

	it('a payment voided after posting is held with the entries to reverse; voided before, its waiting lines are removed', async () => {
		const posted = await freshPayment(1);
		expect((await sync(bcCredential, 'postPayment', [posted.normalized])).json[0]).toMatchObject({ action: 'posted' });
		const voided = edited(posted.normalized, (doc) => ({ ...doc, active: false }));
		const result = await sync(bcCredential, 'postPayment', [voided]);
		expect(result.json[0].details).toMatchObject({ code: 'changed-after-posting' });
		expect(String(result.json[0].message)).toMatch(/Reverse the posted entries/);

		const waiting = await freshPayment(1);
		expect((await sync(bcCredential, 'postPayment', [waiting.normalized], { post: false })).json[0]).toMatchObject({ action: 'created' });
		const waitingLines = () => bc.list('customerPayments').filter((line: IDataObject) => line.externalDocumentNumber === `ST-PMT-${String(waiting.payment.id)}`);
		expect(waitingLines()).toHaveLength(1);
		const held = await sync(bcCredential, 'postPayment', [edited(waiting.normalized, (doc) => ({ ...doc, active: false }))]);
		expect(held.json[0].details).toMatchObject({ code: 'inactive' });
		expect(String(held.json[0].message)).toMatch(/1 waiting journal line\(s\) were removed/);
		expect(waitingLines()).toHaveLength(0);
		expect(credited(waiting.normalized)).toBe('0.00');
	});

	it('lines left for review (Post off) are taken over and posted once by the next run', async () => {
		const { payment, normalized } = await freshPayment(1);
		expect((await sync(bcCredential, 'postPayment', [normalized], { post: false })).json[0]).toMatchObject({ action: 'created' });
		expect(claimBatches().map((batch: IDataObject) => String(batch.displayName))).toEqual([`ST-PMT-${String(payment.id)} for review`]);
		expect((await sync(bcCredential, 'postPayment', [normalized])).json[0]).toMatchObject({ action: 'posted' });
		expect(credited(normalized)).toBe(Decimal.parse(String(payment.total)).toFixed(2));
		expect(claimBatches()).toEqual([]);
	});

	it('a lost answer to posting is resolved from the customer ledger: reported posted, never posted twice', async () => {
		const { payment, normalized } = await freshPayment(1);
		wire.rules.push({ match: /^POST .*\/\$batch/, body: /journals\([^)]+\)\/Microsoft\.NAV\.post/, action: 'drop' });
		const result = await sync(wireCredential, 'postPayment', [normalized]);
		expect(wire.rules[0].times).toBe(0);
		expect(result.json[0]).toMatchObject({ action: 'posted' });
		expect((await sync(bcCredential, 'postPayment', [normalized])).json[0]).toMatchObject({ action: 'existing' });
		expect(credited(normalized)).toBe(Decimal.parse(String(payment.total)).toFixed(2));
	});

	it('a payment applied to an invoice a credit memo already closed in Business Central is credited on account', async () => {
		const { payment, normalized, invoiceIds } = await freshPayment(1);
		const invoice = invoices().find((candidate) => candidate.id === invoiceIds[0])!;
		const [original] = await normalize(stCredential, [invoice], 'invoice');
		const doc = original.document as IDataObject;
		const negate = (value: unknown) => Decimal.parse(String(value)).neg().toFixed(2);
		// A full adjustment of the invoice, as ServiceTitan records a write-off: BC applies its credit memo to the invoice and closes it.
		const adjustmentId = `${String(invoice.id)}9`;
		const adjustment = {
			...original,
			recordId: adjustmentId,
			document: {
				...doc,
				id: adjustmentId,
				key: `servicetitan:invoice:${adjustmentId}`,
				externalDocumentNumber: `ST-INV-${adjustmentId}`,
				adjustmentToId: String(invoice.id),
				isAdjustment: true,
				lines: (doc.lines as IDataObject[]).map((line) => ({ ...line, unitPrice: negate(line.unitPrice), amount: negate(line.amount) })),
				subtotal: negate(doc.subtotal),
				tax: { ...(doc.tax as IDataObject), amount: negate((doc.tax as IDataObject).amount) },
				total: negate(doc.total),
			},
		};
		expect((await sync(bcCredential, 'postInvoice', [adjustment])).json[0]).toMatchObject({ action: 'posted', kind: 'creditMemo' });
		expect(remaining(invoice.id)).toBe('0.00');
		const result = await sync(bcCredential, 'postPayment', [normalized]);
		expect(result.json[0]).toMatchObject({ action: 'posted' });
		expect((result.json[0].lines as IDataObject[])[0]).toMatchObject({ status: 'posted', onAccount: true, reason: expect.stringMatching(/is already closed in Business Central: credited on account/) });
		expect(credited(normalized)).toBe(Decimal.parse(String(payment.total)).toFixed(2));
		expect((await sync(bcCredential, 'postPayment', [normalized])).json[0]).toMatchObject({ action: 'existing' });
	});

	it('refunds are held for a person, and nothing is posted', async () => {
		const { normalized } = await freshPayment(1);
		const refund = edited(normalized, (doc) => ({ ...doc, total: '-25.00', unapplied: '-25.00', applications: [] }));
		const result = await sync(bcCredential, 'postPayment', [refund]);
		expect(result.json[0].details).toMatchObject({ code: 'negative-amount' });
		expect(credited(refund)).toBe('0.00');
	});
});
