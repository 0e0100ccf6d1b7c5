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
	st = await startSimulator({ seed: { seed: 7, invoices: 900, customers: 14, startDate: '2026-10-01' } });
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
	bc.faults.length = 0;
});

const invoices = () => st.state.invoices as IDataObject[];
const postable = (invoice: IDataObject) => invoice.active !== false && Decimal.parse(String(invoice.total)).sign() > 0 && (invoice.items as IDataObject[]).length > 0;
const used = new Set<unknown>();

interface FreshPayment {
	payment: IDataObject;
	normalized: IDataObject;
	invoiceIds: unknown[];
}

/** `count` payments no other test used, each applied to `applications` postable invoices, those invoices posted in BC. */
async function freshPayments(count: number, applications = 1, where: (payment: IDataObject) => boolean = () => true): Promise<FreshPayment[]> {
	const payments: IDataObject[] = [];
	for (const candidate of st.state.payments as IDataObject[]) {
		if (payments.length === count) break;
		const applied = candidate.appliedTo as IDataObject[];
		const fits =
			candidate.active !== false &&
			!used.has(candidate.id) &&
			where(candidate) &&
			applied.length === applications &&
			applied.every((application) => !used.has(application.appliedTo) && postable(invoices().find((invoice) => invoice.id === application.appliedTo)!));
		if (!fits) continue;
		payments.push(candidate);
		used.add(candidate.id);
		applied.forEach((application) => used.add(application.appliedTo));
	}
	expect(payments).toHaveLength(count);
	const invoiceIdsOf = (payment: IDataObject) => (payment.appliedTo as IDataObject[]).map((application) => application.appliedTo);
	const applied = invoices().filter((invoice) => payments.some((payment) => invoiceIdsOf(payment).includes(invoice.id)));
	const customers = (st.state.customers as IDataObject[]).filter((customer) => applied.some((invoice) => (invoice.customer as IDataObject).id === customer.id));
	await sync(bcCredential, 'upsertCustomer', await normalize(stCredential, customers, 'customer'));
	const posted = await sync(bcCredential, 'postInvoice', await normalize(stCredential, applied, 'invoice'));
	expect(posted.json.map((result) => result.action)).toEqual(applied.map(() => 'posted'));
	const normalized = await normalize(stCredential, payments, 'payment');
	return payments.map((payment, index) => ({ payment, normalized: normalized[index], invoiceIds: invoiceIdsOf(payment) }));
}

async function freshPayment(applications: number): Promise<FreshPayment> {
	const [fresh] = await freshPayments(1, applications);
	return fresh;
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
/** Journal batches the connector made (a run's, or one isolating a payment). */
const connectorBatches = () => bc.list('customerPaymentJournals').filter((batch: IDataObject) => String(batch.displayName).startsWith('ml-connector '));
const total = (fresh: FreshPayment) => Decimal.parse(String(fresh.payment.total)).toFixed(2);
const codeOf = (result: IDataObject) => String((result.details as IDataObject | undefined)?.code ?? result.action);

describe('payments through the sync engine', () => {
	it('posts a payment applied to two invoices once, through a journal batch of the run that is removed afterwards', async () => {
		const { payment, normalized } = await freshPayment(2);
		const first = await sync(bcCredential, 'postPayment', [normalized]);
		expect(first.json[0]).toMatchObject({ action: 'posted', externalDocumentNumber: `ST-PMT-${String(payment.id)}` });
		expect((first.json[0].lines as IDataObject[]).map((line) => line.status)).toEqual(['posted', 'posted']);
		expect(credited(normalized)).toBe(Decimal.parse(String(payment.total)).toFixed(2));
		expect(connectorBatches()).toEqual([]);
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
		expect(connectorBatches()).toEqual([]);
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
		expect(connectorBatches().map((batch: IDataObject) => String(batch.displayName))).toEqual([expect.stringMatching(/^ml-connector for review \d{4}-\d\d-\d\dT[\d:]{8}Z$/)]);
		expect((await sync(bcCredential, 'postPayment', [normalized])).json[0]).toMatchObject({ action: 'posted' });
		expect(credited(normalized)).toBe(Decimal.parse(String(payment.total)).toFixed(2));
		expect(connectorBatches()).toEqual([]);
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

describe('payments in bulk: one journal batch per run', () => {
	const everyCompany = () => Object.values(bc.state.companies as Record<string, { t: Record<string, Record<string, IDataObject>> }>);
	const ledgerEntries = () => bc.customerLedger().length;

	it('posts 100 clean payments with about one Business Central operation each', async () => {
		// Clean: each pays one invoice and nothing is left on account, so each is one journal line.
		const fresh = await freshPayments(100, 1, (payment) => Decimal.parse(String(payment.unappliedAmount ?? '0')).isZero());
		bc.resetStats();
		const result = await sync(bcCredential, 'postPayment', fresh.map(({ normalized }) => normalized));
		expect(result.json.map(codeOf)).toEqual(fresh.map(() => 'posted'));
		expect(bc.stats.operations / fresh.length).toBeLessThanOrEqual(1.2);
		expect(bc.stats.byRoute['$batch:POST companies/journals/Microsoft.NAV.post']).toBe(1);
		for (const payment of fresh) expect(credited(payment.normalized)).toBe(total(payment));
		expect(connectorBatches()).toEqual([]);
	});

	it('a run of more payments than one journal batch takes posts them through one batch per 100, each once', async () => {
		const fresh = await freshPayments(130);
		bc.resetStats();
		const result = await sync(bcCredential, 'postPayment', fresh.map(({ normalized }) => normalized));
		expect(result.json.map(codeOf)).toEqual(fresh.map(() => 'posted'));
		expect(bc.stats.byRoute['$batch:POST companies/journals/Microsoft.NAV.post']).toBe(2);
		for (const payment of fresh) expect(credited(payment.normalized)).toBe(total(payment));
		expect(connectorBatches()).toEqual([]);
	});

	it('two runs of the same 30 payments at the same moment post each exactly once, however their requests interleave', async () => {
		const interleavings: Array<Array<Record<string, unknown>>> = [
			[],
			[{ kind: 'delay', ms: 120, match: /\$batch/, times: 1 }],
			[{ kind: 'delay', ms: 200, match: /customerPaymentJournals/, times: 1 }],
			[{ kind: 'delay', ms: 80, match: /customerLedgerEntries/, times: 3 }],
		];
		for (const faults of interleavings) {
			const fresh = await freshPayments(30);
			const items = fresh.map(({ normalized }) => normalized);
			bc.faults.push(...faults);
			const runs = await Promise.all([sync(bcCredential, 'postPayment', items), sync(bcCredential, 'postPayment', items)]);
			for (const [index, payment] of fresh.entries()) {
				const outcomes = runs.map((run) => codeOf(run.json[index]));
				expect(outcomes.filter((outcome) => outcome === 'posted')).toHaveLength(1);
				expect(outcomes.every((outcome) => ['posted', 'existing', 'concurrent-run'].includes(outcome))).toBe(true);
				expect(credited(payment.normalized)).toBe(total(payment));
			}
			expect(connectorBatches()).toEqual([]);
			expect((await sync(bcCredential, 'postPayment', items)).json.map(codeOf)).toEqual(fresh.map(() => 'existing'));
		}
	});

	it('one payment in a closed period among 20: the 19 post, that one is held with the reason, and the next run posts nothing new', async () => {
		const fresh = await freshPayments(20);
		const items = fresh.map(({ normalized }, index) => (index === 7 ? edited(normalized, (document) => ({ ...document, date: '2025-06-30' })) : normalized));
		const result = await sync(bcCredential, 'postPayment', items);
		expect(result.json.map(codeOf)).toEqual(fresh.map((_, index) => (index === 7 ? 'posting-refused' : 'posted')));
		expect(String(result.json[7].error)).toMatch(/refused to post it: Posting Date is not within your range of allowed posting dates/);
		fresh.forEach((payment, index) => expect(credited(payment.normalized)).toBe(index === 7 ? '0.00' : total(payment)));
		expect(connectorBatches()).toEqual([]);
		const entries = ledgerEntries();
		const again = await sync(bcCredential, 'postPayment', items);
		expect(again.json.map(codeOf)).toEqual(fresh.map((_, index) => (index === 7 ? 'posting-refused' : 'existing')));
		expect(ledgerEntries()).toBe(entries);
	});

	it('a line Business Central refuses by line number holds only its payment, and the rest of the batch posts without being split', async () => {
		// Two payments that each pay the whole of one invoice: the second line in the batch finds it closed.
		const [first] = await freshPayments(1);
		const [application] = (first.normalized.document as IDataObject).applications as IDataObject[];
		const invoice = invoices().find((candidate) => candidate.id === first.invoiceIds[0])!;
		const whole = Decimal.parse(String(invoice.total)).toFixed(2);
		const full = edited(first.normalized, (document) => ({ ...document, total: whole, unapplied: '0.00', applications: [{ ...application, amount: whole }] }));
		const rival = edited(full, (document) => ({ ...document, id: '990000777', externalDocumentNumber: 'ST-PMT-990000777', applications: [{ ...application, applicationId: '990000778' }] }));
		const others = await freshPayments(3);
		bc.resetStats();
		const result = await sync(bcCredential, 'postPayment', [full, rival, ...others.map(({ normalized }) => normalized)]);
		expect(result.json.map(codeOf)).toEqual(['posted', 'posting-refused', 'posted', 'posted', 'posted']);
		expect(String(result.json[1].error)).toMatch(/the invoice is already fully paid/);
		// One journal batch (the run's) was made: the refusal named its line, so nothing was split.
		expect((bc.stats.byRoute['$batch:POST companies/customerPaymentJournals'] ?? 0) + (bc.stats.byRoute['POST companies/customerPaymentJournals'] ?? 0)).toBe(1);
		expect(credited(rival)).toBe('0.00');
		expect(connectorBatches()).toEqual([]);
	});

	it('lines a run left behind (it stopped after writing them) are taken over once stale, and each payment posts once', async () => {
		const fresh = await freshPayments(5);
		const items = fresh.map(({ normalized }) => normalized);
		// The run stops between writing its lines and posting them: neither the post nor the clean-up arrive.
		wire.rules.push({ match: /^POST .*\/\$batch/, body: /Microsoft\.NAV\.post/, action: 'cut', times: 20 });
		wire.rules.push({ match: /^POST .*\/\$batch/, body: /"DELETE"/, action: 'cut', times: 20 });
		const stopped = await sync(wireCredential, 'postPayment', items);
		expect(stopped.json.map(codeOf)).toEqual(fresh.map(() => 'posting-unconfirmed'));
		wire.rules.length = 0;
		expect(connectorBatches()).toHaveLength(1);
		// While its lines are fresh, another run leaves them alone.
		expect((await sync(bcCredential, 'postPayment', items)).json.map(codeOf)).toEqual(fresh.map(() => 'concurrent-run'));
		fresh.forEach((payment) => expect(credited(payment.normalized)).toBe('0.00'));
		// Eleven minutes later they are stale: taken over, posted once, the batch left behind removed.
		const elevenMinutesAgo = new Date(Date.now() - 11 * 60 * 1000).toISOString();
		for (const company of everyCompany()) for (const line of Object.values(company.t.journalLines)) line.lastModifiedDateTime = elevenMinutesAgo;
		expect((await sync(bcCredential, 'postPayment', items)).json.map(codeOf)).toEqual(fresh.map(() => 'posted'));
		fresh.forEach((payment) => expect(credited(payment.normalized)).toBe(total(payment)));
		expect(connectorBatches()).toEqual([]);
	});
});
