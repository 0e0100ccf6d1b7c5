import type { IDataObject } from 'n8n-workflow';

import { Decimal } from '../../nodes/shared/money';
import { serviceTitanCredential, startSimulator, type Simulator } from '../servicetitan/setup';
import { normalize, sync } from './flow';
import { businessCentralCredential, startBusinessCentral, type BusinessCentralSimulator } from './setup';

let st: Simulator;
let bc: BusinessCentralSimulator;
let stCredential: ReturnType<typeof serviceTitanCredential>;
let bcCredential: ReturnType<typeof businessCentralCredential>;

beforeAll(async () => {
	st = await startSimulator({ seed: { seed: 3, invoices: 40, customers: 10, startDate: '2026-10-01' } });
	bc = await startBusinessCentral({ allowedPostingDates: { from: '2026-01-01', to: '2026-12-31' } });
	stCredential = serviceTitanCredential(st);
	bcCredential = businessCentralCredential(bc);
});
afterAll(async () => {
	await st.close();
	await bc.close();
});

const activeInvoices = () => (st.state.invoices as IDataObject[]).filter((invoice) => invoice.active !== false && Decimal.parse(String(invoice.total)).sign() >= 0);

async function customersFirst(invoices: IDataObject[]) {
	const ids = [...new Set(invoices.map((invoice) => (invoice.customer as IDataObject).id))];
	const customers = (st.state.customers as IDataObject[]).filter((customer) => ids.includes(customer.id));
	const normalized = await normalize(stCredential, customers, 'customer');
	return await sync(bcCredential, 'upsertCustomer', normalized);
}

describe('Business Central sync', () => {
	it('gets its token through MSAL against the Entra authority and upserts customers (create, then unchanged, then update)', async () => {
		const invoices = activeInvoices().slice(0, 5);
		const first = await customersFirst(invoices);
		expect(first.json.every((result) => result.action === 'created')).toBe(true);
		expect(bcCredential.preAuthCalls).toBe(1);
		const again = await customersFirst(invoices);
		expect(again.json.every((result) => result.action === 'unchanged')).toBe(true);

		const customer = (st.state.customers as IDataObject[]).find((candidate) => candidate.id === (invoices[0].customer as IDataObject).id)!;
		const renamed = await normalize(stCredential, [{ ...customer, name: `${String(customer.name)} Renamed` }], 'customer');
		const updated = await sync(bcCredential, 'upsertCustomer', renamed);
		expect(updated.json[0]).toMatchObject({ action: 'updated', changed: ['displayName'] });
	});

	it('posts invoices once, on the right customer and dimension, to the cent', async () => {
		const invoices = activeInvoices().filter((invoice) => (invoice.items as IDataObject[]).length > 0).slice(0, 8);
		await customersFirst(invoices);
		const normalized = await normalize(stCredential, invoices, 'invoice');
		const posted = await sync(bcCredential, 'postInvoice', normalized);
		expect(posted.json.map((result) => result.error ?? result.action)).toEqual(invoices.map(() => 'posted'));
		for (const [index, result] of posted.json.entries()) {
			const invoice = invoices[index];
			expect(String(result.number)).toMatch(/^PS-INV/);
			expect(Decimal.parse(result.total as number).toFixed(2)).toBe(invoice.total);
			const [bcInvoice] = bc.list('salesInvoices', { filter: `id eq ${String(result.id)}` });
			expect(bcInvoice.customerNumber).toBe(`ST-${(invoice.customer as IDataObject).id}`);
			const expectedDepartment = { 31: 'HVAC-SVC', 32: 'HVAC-INST', 33: 'PLUMB-SVC', 34: 'ELEC' }[(invoice.businessUnit as IDataObject).id as number];
			expect(bcInvoice.shortcutDimension1Code).toBe(expectedDepartment);
		}
		const again = await sync(bcCredential, 'postInvoice', normalized);
		expect(again.json.map((result) => result.action)).toEqual(invoices.map(() => 'existing'));
	});

	it('replaces a draft left by an interrupted run instead of creating a second invoice', async () => {
		const invoice = activeInvoices().filter((candidate) => (candidate.items as IDataObject[]).length > 0)[10];
		await customersFirst([invoice]);
		const normalized = await normalize(stCredential, [invoice], 'invoice');
		const draft = await sync(bcCredential, 'postInvoice', normalized, { post: false });
		expect(draft.json[0]).toMatchObject({ action: 'draftCreated', status: 'Draft' });
		const finished = await sync(bcCredential, 'postInvoice', normalized);
		expect(finished.json[0]).toMatchObject({ action: 'postedReplacingDraft', status: 'Open' });
		expect(finished.json[0].id).not.toBe(draft.json[0].id);
		expect(bc.list('salesInvoices', { filter: `externalDocumentNumber eq '${String(normalized[0].externalDocumentNumber)}'` })).toHaveLength(1);
	});

	it('a closed posting date leaves one draft, reported, and the error says why', async () => {
		const invoice = activeInvoices().filter((candidate) => (candidate.items as IDataObject[]).length > 0)[11];
		await customersFirst([invoice]);
		const [normalized] = await normalize(stCredential, [{ ...invoice, invoiceDate: '2025-06-30T00:00:00Z' }], 'invoice');
		const first = await sync(bcCredential, 'postInvoice', [normalized]);
		expect(String(first.json[0].error)).toMatch(/refused to post draft .*Posting Date is not within your range of allowed posting dates/);
		expect(first.json[0].details).toMatchObject({ code: 'posting-refused', recordId: String(invoice.id) });
		const second = await sync(bcCredential, 'postInvoice', [normalized]);
		expect(String(second.json[0].error)).toMatch(/refused to post draft/);
		expect(bc.list('salesInvoices', { filter: `externalDocumentNumber eq '${String(normalized.externalDocumentNumber)}'` })).toHaveLength(1);
	});

	it('sets the business unit dimension over a customer default dimension of the same code', async () => {
		const invoice = activeInvoices().filter((candidate) => (candidate.items as IDataObject[]).length > 0)[13];
		const [normalized] = await normalize(stCredential, [invoice], 'invoice');
		// C00030 is seeded with a default DEPARTMENT, which BC copies onto every new document.
		const withDefault = { ...normalized, mapped: { ...(normalized.mapped as IDataObject), customerNumber: 'C00030' } };
		const posted = await sync(bcCredential, 'postInvoice', [withDefault]);
		expect(posted.json[0]).toMatchObject({ action: 'posted', status: 'Open' });
		const [bcInvoice] = bc.list('salesInvoices', { filter: `id eq ${String(posted.json[0].id)}` });
		const expectedDepartment = { 31: 'HVAC-SVC', 32: 'HVAC-INST', 33: 'PLUMB-SVC', 34: 'ELEC' }[(invoice.businessUnit as IDataObject).id as number];
		expect(bcInvoice.customerNumber).toBe('C00030');
		expect(bcInvoice.shortcutDimension1Code).toBe(expectedDepartment);
	});

	it('dry run returns the exact payloads and writes nothing', async () => {
		const invoice = activeInvoices().filter((candidate) => (candidate.items as IDataObject[]).length > 0)[12];
		await customersFirst([invoice]);
		const [normalized] = await normalize(stCredential, [invoice], 'invoice');
		const requestsBefore = bc.stats.requests;
		const result = await sync(bcCredential, 'postInvoice', [normalized], { dryRun: true });
		expect(result.json[0]).toMatchObject({ dryRun: true, action: 'create', dimensions: [{ code: 'DEPARTMENT' }] });
		expect(result.requests.every((request) => request.method === 'GET')).toBe(true);
		expect(bc.stats.requests).toBeGreaterThan(requestsBefore);
	});

	it('holds what cannot be posted with the reason: unknown customer, unmapped business unit', async () => {
		const [invoice] = activeInvoices().filter((candidate) => (candidate.items as IDataObject[]).length > 0).slice(20, 21);
		const unmappedBu = (st.state.invoices as IDataObject[]).find((candidate) => (candidate.businessUnit as IDataObject).id === 34 && candidate.active !== false)!;
		const adjustment = (st.state.invoices as IDataObject[]).find((candidate) => Decimal.parse(String(candidate.total)).sign() < 0);
		const [normalized] = await normalize(stCredential, [invoice], 'invoice');
		const noCustomer = await sync(bcCredential, 'postInvoice', [{ ...normalized, mapped: { ...(normalized.mapped as IDataObject), customerNumber: 'ST-NOPE' } }]);
		expect(String(noCustomer.json[0].error)).toMatch(/customer ST-NOPE is not in Business Central yet/);

		const [withoutBu] = await normalize(stCredential, [unmappedBu], 'invoice', { row: [{ from: '31', to: 'HVAC-SVC' }] });
		expect(String(withoutBu.error)).toContain('Business Unit → Dimension');

	});

	it('posts an adjustment with a negative total as a credit memo applied to the invoice it adjusts, once that invoice is posted', async () => {
		const adjustment = (st.state.invoices as IDataObject[]).find((candidate) => Decimal.parse(String(candidate.total)).sign() < 0 && candidate.adjustmentToId);
		// The seed has adjustments; without one this case would check nothing.
		expect(adjustment).toBeDefined();
		const original = (st.state.invoices as IDataObject[]).find((candidate) => candidate.id === adjustment!.adjustmentToId)!;
		await customersFirst([original]);
		const [negative] = await normalize(stCredential, [adjustment!], 'invoice');
		const held = await sync(bcCredential, 'postInvoice', [negative]);
		expect(String(held.json[0].error)).toMatch(/the invoice it adjusts \(ST-INV-\d+\) is not posted in Business Central yet/);
		expect(held.json[0].details).toMatchObject({ recordId: String(adjustment!.id), amount: String(adjustment!.total), code: 'missing-in-erp' });

		const [invoice] = await normalize(stCredential, [original], 'invoice');
		const [postedInvoice] = (await sync(bcCredential, 'postInvoice', [invoice])).json;
		const posted = await sync(bcCredential, 'postInvoice', [negative]);
		expect(posted.json[0]).toMatchObject({ action: 'posted', kind: 'creditMemo', externalDocumentNumber: negative.externalDocumentNumber, total: Decimal.parse(String(adjustment!.total)).neg().toFixed(2) });
		const [memo] = bc.list('salesCreditMemos', { filter: `externalDocumentNumber eq '${String(negative.externalDocumentNumber)}'` });
		expect(memo.invoiceId).toBe(postedInvoice.id);
		const [bcInvoice] = bc.list('salesInvoices', { filter: `id eq ${String(postedInvoice.id)}` });
		const expectedOpen = Decimal.parse(String(original.total)).add(String(adjustment!.total));
		expect(Decimal.parse(bcInvoice.remainingAmount as number).toFixed(2)).toBe((expectedOpen.sign() < 0 ? Decimal.ZERO : expectedOpen).toFixed(2));
		const again = await sync(bcCredential, 'postInvoice', [negative]);
		expect(again.json[0]).toMatchObject({ action: 'existing', kind: 'creditMemo' });
		expect(bc.list('salesCreditMemos', { filter: `externalDocumentNumber eq '${String(negative.externalDocumentNumber)}'` })).toHaveLength(1);
	});

	it('posts payments applied to one or several invoices, holds an application to an invoice not yet in BC, and finishes it later', async () => {
		const payments = (st.state.payments as IDataObject[]).filter((payment) => payment.active !== false);
		const multi = payments.find((payment) => (payment.appliedTo as IDataObject[]).length > 1)!;
		const appliedIds = (multi.appliedTo as IDataObject[]).map((application) => application.appliedTo);
		const invoices = (st.state.invoices as IDataObject[]).filter((invoice) => appliedIds.includes(invoice.id));
		await customersFirst(invoices);

		// Only the first invoice is in BC: the second application is held.
		const normalizedInvoices = await normalize(stCredential, invoices, 'invoice');
		await sync(bcCredential, 'postInvoice', [normalizedInvoices[0]]);
		const [normalizedPayment] = await normalize(stCredential, [multi], 'payment');
		const first = await sync(bcCredential, 'postPayment', [normalizedPayment]);
		expect(String(first.json[0].error)).toMatch(/held/);

		await sync(bcCredential, 'postInvoice', normalizedInvoices);
		const second = await sync(bcCredential, 'postPayment', [normalizedPayment]);
		expect(second.json[0]).toMatchObject({ action: 'posted' });
		const third = await sync(bcCredential, 'postPayment', [normalizedPayment]);
		expect(third.json[0]).toMatchObject({ action: 'existing' });

		for (const application of multi.appliedTo as IDataObject[]) {
			const invoice = (st.state.invoices as IDataObject[]).find((candidate) => candidate.id === application.appliedTo)!;
			const [bcInvoice] = bc.list('salesInvoices', { filter: `externalDocumentNumber eq 'ST-INV-${String(invoice.id)}'` });
			const expectedRemaining = Decimal.parse(String(invoice.total)).sub(String(application.appliedAmount));
			expect(Decimal.parse(bcInvoice.remainingAmount).toFixed(2)).toBe(expectedRemaining.toFixed(2));
		}
	});

	it('holds refunds, and removes a voided payment\'s lines still waiting in the journal', async () => {
		const payment = (st.state.payments as IDataObject[]).find((candidate) => candidate.active !== false && (candidate.appliedTo as IDataObject[]).length === 1)!;
		const invoice = (st.state.invoices as IDataObject[]).find((candidate) => candidate.id === (payment.appliedTo as IDataObject[])[0].appliedTo)!;
		await customersFirst([invoice]);
		await sync(bcCredential, 'postInvoice', await normalize(stCredential, [invoice], 'invoice'));

		const refund = { ...payment, total: '-25.00', unappliedAmount: '-25.00', appliedTo: [] };
		const [normalizedRefund] = await normalize(stCredential, [refund], 'payment');
		expect(String((await sync(bcCredential, 'postPayment', [normalizedRefund])).json[0].error)).toMatch(/refund or has a negative amount/);

		const [normalizedPayment] = await normalize(stCredential, [payment], 'payment');
		const waiting = await sync(bcCredential, 'postPayment', [normalizedPayment], { post: false });
		expect(waiting.json[0]).toMatchObject({ action: 'created' });
		const journalLines = () => bc.list('customerPayments').filter((line: IDataObject) => line.externalDocumentNumber === `ST-PMT-${String(payment.id)}`);
		expect(journalLines()).toHaveLength(1);
		const [voided] = await normalize(stCredential, [{ ...payment, active: false }], 'payment');
		const held = await sync(bcCredential, 'postPayment', [voided]);
		expect(String(held.json[0].message)).toMatch(/1 waiting journal line\(s\) were removed/);
		expect(journalLines()).toHaveLength(0);
	});

	it('two runs posting the same invoice at the same moment leave exactly one invoice', async () => {
		const notInBc = (candidate: IDataObject) => bc.list('salesInvoices', { filter: `externalDocumentNumber eq 'ST-INV-${String(candidate.id)}'` }).length === 0;
		const invoices = activeInvoices().filter((candidate) => (candidate.items as IDataObject[]).length > 0 && notInBc(candidate)).slice(0, 4);
		expect(invoices).toHaveLength(4);
		await customersFirst(invoices);
		const normalized = await normalize(stCredential, invoices, 'invoice');
		const [webhookRun, backfillRun] = await Promise.all([sync(bcCredential, 'postInvoice', normalized), sync(bcCredential, 'postInvoice', normalized)]);
		for (const [index, document] of normalized.entries()) {
			const inBc = bc.list('salesInvoices', { filter: `externalDocumentNumber eq '${String(document.externalDocumentNumber)}'` });
			expect({ invoice: document.recordId, count: inBc.length, posted: ['Open', 'Paid'].includes(inBc[0]?.status) }).toEqual({ invoice: document.recordId, count: 1, posted: true });
			const outcomes = [webhookRun.json[index], backfillRun.json[index]].map((result) => result.action ?? 'held');
			expect(outcomes.filter((outcome) => String(outcome).startsWith('posted'))).toHaveLength(1);
		}
	});
});
