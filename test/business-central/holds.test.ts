import type { IDataObject } from 'n8n-workflow';

import { Decimal } from '../../nodes/shared/money';
import { serviceTitanCredential, startSimulator, type Simulator } from '../servicetitan/setup';
import { normalize, sync } from './flow';
import { startWireProxy, withoutEtags, type WireProxy } from './proxy';
import { businessCentralCredential, startBusinessCentral, type BusinessCentralSimulator } from './setup';

let st: Simulator;
let bc: BusinessCentralSimulator;
let wire: WireProxy;
let stCredential: ReturnType<typeof serviceTitanCredential>;
let bcCredential: ReturnType<typeof businessCentralCredential>;
/** The same Business Central, reached through the proxy that can lose or rewrite answers. */
let wireCredential: ReturnType<typeof businessCentralCredential>;

beforeAll(async () => {
	st = await startSimulator({ seed: { seed: 5, invoices: 60, customers: 12, startDate: '2026-10-01' } });
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

/** Invoices are posted in a `$batch` of Microsoft.NAV.post actions. */
const POST_INVOICES = { match: /^POST .*\/\$batch/, body: /salesInvoices\([^)]+\)\/Microsoft\.NAV\.post/ };
/** Each payment's journal batch is posted in a `$batch` of Microsoft.NAV.post actions. */
const POST_JOURNALS = { match: /^POST .*\/\$batch/, body: /journals\([^)]+\)\/Microsoft\.NAV\.post/ };

const invoices = () => st.state.invoices as IDataObject[];
const postable = (invoice: IDataObject) => invoice.active !== false && Decimal.parse(String(invoice.total)).sign() > 0 && (invoice.items as IDataObject[]).length > 0;
const used = new Set<unknown>();

/** A postable invoice no other test has used, its customer already in Business Central. */
async function freshInvoice(): Promise<IDataObject> {
	const invoice = invoices().find((candidate) => postable(candidate) && !used.has(candidate.id))!;
	used.add(invoice.id);
	const customer = (st.state.customers as IDataObject[]).find((candidate) => candidate.id === (invoice.customer as IDataObject).id)!;
	await sync(bcCredential, 'upsertCustomer', await normalize(stCredential, [customer], 'customer'));
	return invoice;
}

/** A payment applied to one invoice only, that invoice posted in Business Central. */
async function paymentForPostedInvoice(): Promise<{ payment: IDataObject; normalized: IDataObject }> {
	const payment = (st.state.payments as IDataObject[]).find((candidate) => {
		const applied = candidate.appliedTo as IDataObject[];
		return candidate.active !== false && !used.has(candidate.id) && applied.length === 1 && !used.has(applied[0].appliedTo) && postable(invoices().find((invoice) => invoice.id === applied[0].appliedTo)!);
	})!;
	used.add(payment.id);
	const invoiceId = (payment.appliedTo as IDataObject[])[0].appliedTo;
	used.add(invoiceId);
	const invoice = invoices().find((candidate) => candidate.id === invoiceId)!;
	const customer = (st.state.customers as IDataObject[]).find((candidate) => candidate.id === (invoice.customer as IDataObject).id)!;
	await sync(bcCredential, 'upsertCustomer', await normalize(stCredential, [customer], 'customer'));
	const posted = await sync(bcCredential, 'postInvoice', await normalize(stCredential, [invoice], 'invoice'));
	expect(posted.json[0]).toMatchObject({ action: 'posted' });
	const [normalized] = await normalize(stCredential, [payment], 'payment');
	return { payment, normalized };
}

const ledgerLines = (documentNumber: string) => bc.list('generalLedgerEntries', { filter: `documentNumber eq '${documentNumber}'` });
const journalLines = (payment: IDataObject) => bc.list('customerPayments').filter((line: IDataObject) => line.externalDocumentNumber === `ST-PMT-${String(payment.id)}`);
const salesInvoicesFor = (invoice: IDataObject) => bc.list('salesInvoices', { filter: `externalDocumentNumber eq 'ST-INV-${String(invoice.id)}'` });

describe('held documents carry what a person needs to act on them', () => {
	it('an invoice held in Business Central names its type, ID, number, amount, reason and fix as fields', async () => {
		const invoice = await freshInvoice();
		const [normalized] = await normalize(stCredential, [invoice], 'invoice');
		const result = await sync(bcCredential, 'postInvoice', [{ ...normalized, mapped: { ...(normalized.mapped as IDataObject), customerNumber: 'ST-NOPE' } }]);
		expect(result.json[0].details).toEqual({
			key: `servicetitan:invoice:${String(invoice.id)}`,
			recordType: 'invoice',
			recordId: String(invoice.id),
			number: String(invoice.referenceNumber),
			amount: String(invoice.total),
			businessUnit: String((invoice.businessUnit as IDataObject).id),
			code: 'missing-in-erp',
			reason: 'customer ST-NOPE is not in Business Central yet',
			fix: 'Run the customers flow (ServiceTitan → Business Central: customers) first; this invoice posts on the next run.',
		});
		expect(result.json[0].error).toBe(`ServiceTitan invoice ${String(invoice.referenceNumber)} (ID ${String(invoice.id)}): customer ST-NOPE is not in Business Central yet`);
		expect(result.json[0].message).toBe((result.json[0].details as IDataObject).fix);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('a hold keeps its own words even when they contain what n8n takes for a network error code', async () => {
		const invoice = await freshInvoice();
		const [normalized] = await normalize(stCredential, [invoice], 'invoice');
		const result = await sync(bcCredential, 'postInvoice', [{ ...normalized, mapped: { ...(normalized.mapped as IDataObject), customerNumber: 'PREEXISTING-7' } }]);
		expect(result.json[0].error).toBe(`ServiceTitan invoice ${String(invoice.referenceNumber)} (ID ${String(invoice.id)}): customer PREEXISTING-7 is not in Business Central yet`);
	});

	it('a G/L account missing from the node\'s own mapping is a hold with code "unmapped"', async () => {
		const invoice = await freshInvoice();
		const [raw] = await normalize(stCredential, [invoice], 'invoice');
		const unmappedLines = { ...raw, mapped: { ...(raw.mapped as IDataObject), lines: undefined } };
		const result = await sync(bcCredential, 'postInvoice', [unmappedLines], { glAccountMapSource: 'rows', glAccountMapRows: { row: [{ from: 'nothing-matches', to: '4000' }] } });
		expect(result.json[0].details).toMatchObject({ recordType: 'invoice', recordId: String(invoice.id), amount: String(invoice.total), code: 'unmapped', fix: expect.stringMatching(/^Add a row for .+ or set a default\.$/) });
		expect(String(result.json[0].error)).toContain('is not in the mapping table "GL Account → G/L Account"');
		expect(salesInvoicesFor(invoice)).toHaveLength(0);
	});

	it('a payment application held for its invoice says what happened to the others', async () => {
		const payment = (st.state.payments as IDataObject[]).find((candidate) => candidate.active !== false && !used.has(candidate.id) && (candidate.appliedTo as IDataObject[]).length > 1)!;
		used.add(payment.id);
		const applied = (payment.appliedTo as IDataObject[]).map((application) => invoices().find((invoice) => invoice.id === application.appliedTo)!);
		applied.forEach((invoice) => used.add(invoice.id));
		const customer = (st.state.customers as IDataObject[]).find((candidate) => candidate.id === (applied[0].customer as IDataObject).id)!;
		await sync(bcCredential, 'upsertCustomer', await normalize(stCredential, [customer], 'customer'));
		await sync(bcCredential, 'postInvoice', await normalize(stCredential, [applied[0]], 'invoice'));
		const [normalized] = await normalize(stCredential, [payment], 'payment');
		const result = await sync(bcCredential, 'postPayment', [normalized]);
		const others = applied.length - 1;
		expect(result.json[0].details).toMatchObject({
			key: `servicetitan:payment:${String(payment.id)}`,
			recordType: 'payment',
			recordId: String(payment.id),
			amount: String(payment.total),
			code: 'missing-in-erp',
			reason: expect.stringMatching(new RegExp(`^${others} of ${applied.length} application\\(s\\) held — invoice ST-INV-\\d+ is not posted in Business Central yet`)),
			fix: 'Post the invoice first; the held application(s) post on a later run. Of the other 1: 1 posted.',
		});
	});
});

describe('hold texts say what really happened', () => {
	it('an invoice whose post answer is lost after Business Central posted it is reported posted, once', async () => {
		const invoice = await freshInvoice();
		wire.rules.push({ ...POST_INVOICES, action: 'drop' });
		const result = await sync(wireCredential, 'postInvoice', await normalize(stCredential, [invoice], 'invoice'));
		expect(wire.rules[0].times).toBe(0);
		expect(result.json[0]).toMatchObject({ action: 'posted', status: 'Open', externalDocumentNumber: `ST-INV-${String(invoice.id)}` });
		expect(result.json[0].error).toBeUndefined();
		expect(salesInvoicesFor(invoice)).toHaveLength(1);
	});

	it('an invoice whose post never reached Business Central is held as unconfirmed, not as refused, and posts on the next run', async () => {
		const invoice = await freshInvoice();
		wire.rules.push({ ...POST_INVOICES, action: 'cut' });
		const normalized = await normalize(stCredential, [invoice], 'invoice');
		const first = await sync(wireCredential, 'postInvoice', normalized);
		expect(wire.rules[0].times).toBe(0);
		expect(first.json[0].details).toMatchObject({ code: 'posting-unconfirmed', fix: 'Run again: the draft is replaced and posted, never a second invoice.' });
		expect(String(first.json[0].error)).toMatch(/: Business Central did not confirm posting draft \S+ \(the connection was cut\) and it is still a draft$/);
		expect(String(first.json[0].error)).not.toMatch(/refused/);
		const second = await sync(bcCredential, 'postInvoice', normalized);
		expect(second.json[0]).toMatchObject({ action: 'postedReplacingDraft', status: 'Open' });
		expect(salesInvoicesFor(invoice)).toHaveLength(1);
	});

	it('a payment journal whose post answer is lost after Business Central posted it is reported posted, each line once', async () => {
		const { payment, normalized } = await paymentForPostedInvoice();
		wire.rules.push({ ...POST_JOURNALS, action: 'drop' });
		const result = await sync(wireCredential, 'postPayment', [normalized]);
		expect(wire.rules[0].times).toBe(0);
		expect(result.json[0]).toMatchObject({ action: 'posted' });
		const [line] = result.json[0].lines as IDataObject[];
		expect(line).toMatchObject({ status: 'posted' });
		expect(ledgerLines(String(line.documentNumber)).length).toBeGreaterThan(0);
		expect(journalLines(payment)).toHaveLength(0);
		const again = await sync(bcCredential, 'postPayment', [normalized]);
		expect(again.json[0]).toMatchObject({ action: 'existing' });
	});

	it('a payment Business Central refuses to post leaves nothing waiting, says why, and posts once fixed', async () => {
		const { payment, normalized } = await paymentForPostedInvoice();
		const waiting = await sync(bcCredential, 'postPayment', [normalized], { post: false });
		expect(waiting.json[0]).toMatchObject({ action: 'created' });
		expect(journalLines(payment)).toHaveLength(1);
		const closedPeriod = { ...normalized, document: { ...(normalized.document as IDataObject), date: '2025-06-30' } };
		const refused = await sync(bcCredential, 'postPayment', [closedPeriod]);
		expect(refused.json[0].details).toMatchObject({ code: 'posting-refused', reason: expect.stringMatching(/^Business Central refused to post it: .*Posting Date is not within your range of allowed posting dates/) });
		expect(refused.json[0].message).toBe('Nothing of this payment was posted and nothing of it waits; other payments were not held up. Fix the cause and run again.');
		expect(journalLines(payment)).toHaveLength(0);
		const posted = await sync(bcCredential, 'postPayment', [normalized]);
		expect(posted.json[0]).toMatchObject({ action: 'posted' });
		expect(journalLines(payment)).toHaveLength(0);
	});
});

describe('amounts a JSON number cannot carry are refused', () => {
	it('a payment with an unapplied rest of 12345678901234567.89 is held naming the payment, and none of its lines is sent', async () => {
		const { payment } = await paymentForPostedInvoice();
		const huge = '12345678901234567.89';
		const applied = String((payment.appliedTo as IDataObject[])[0].appliedAmount);
		const changed = { ...payment, total: Decimal.parse(huge).add(applied).toFixed(2), unappliedAmount: huge };
		const [normalized] = await normalize(stCredential, [changed], 'payment');
		const result = await sync(bcCredential, 'postPayment', [normalized]);
		expect(String(result.json[0].error)).toMatch(new RegExp(`^ServiceTitan payment .*${String(payment.id)}`));
		expect(String(result.json[0].error)).toContain(`-${huge}, which cannot be sent as a JSON number without changing it: it would arrive as -12345678901234568`);
		expect(result.json[0].details).toMatchObject({ recordId: String(payment.id), amount: changed.total, code: 'invalid-record' });
		expect(journalLines(payment)).toHaveLength(0);
		expect(result.requests.filter((request) => request.method !== 'GET')).toEqual([]);
	});
});

describe('no ETag, no blind write', () => {
	it('a customer read without its ETag is not updated', async () => {
		const customer = (st.state.customers as IDataObject[]).find((candidate) => !used.has(candidate.id))!;
		used.add(customer.id);
		await sync(bcCredential, 'upsertCustomer', await normalize(stCredential, [customer], 'customer'));
		wire.rules.push({ match: /^GET .*customers\?/, action: withoutEtags });
		const renamed = await normalize(stCredential, [{ ...customer, name: 'Renamed Without ETag' }], 'customer');
		const result = await sync(wireCredential, 'upsertCustomer', renamed);
		expect(String(result.json[0].error)).toContain(`Business Central returned customer ST-${String(customer.id)} without an @odata.etag, so it was not changed`);
		expect(result.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
		const [inBc] = bc.list('customers', { filter: `number eq 'ST-${String(customer.id)}'` });
		expect(inBc.displayName).toBe(String(customer.name));
	});

	it('a draft read without its ETag is not deleted', async () => {
		const invoice = await freshInvoice();
		const normalized = await normalize(stCredential, [invoice], 'invoice');
		await sync(bcCredential, 'postInvoice', normalized, { post: false });
		const [draft] = salesInvoicesFor(invoice);
		wire.rules.push({ match: /^GET .*salesInvoices\?/, action: withoutEtags });
		const result = await sync(wireCredential, 'postInvoice', normalized);
		expect(String(result.json[0].error)).toContain(`Business Central returned draft sales invoice ${String(draft.number)} without an @odata.etag, so it was not changed`);
		expect(result.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
		expect(salesInvoicesFor(invoice).map((record: IDataObject) => record.id)).toEqual([draft.id]);
	});
});
