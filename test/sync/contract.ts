import type { IDataObject } from 'n8n-workflow';

import { Decimal } from '../../nodes/shared/money';
import { serviceTitanCredential, startSimulator, type Simulator } from '../servicetitan/setup';
import { normalize as normalizeWith } from '../business-central/flow';

/**
 * The sync engine's contract, run against every ERP adapter and its simulator: what an accountant
 * relies on, whatever the ERP. An ERP joins by adding a binding (see business-central.contract.test.ts).
 */
export interface ErpUnderTest {
	/** Runs one of the node's sync operations on these items in one execution. */
	sync(operation: 'upsertCustomer' | 'postInvoice' | 'postPayment', items: IDataObject[], parameters?: Record<string, unknown>): Promise<IDataObject[]>;
	/** Documents in the ERP carrying this reference (invoice or credit memo), with their status. */
	documents(reference: string): Array<{ posted: boolean; total: string }>;
	/** The open amount of the posted invoice with this reference. */
	openAmount(reference: string): string;
	/** What the customer ledger credits for a payment, all its entries together. */
	credited(paymentReference: string): string;
	/** HTTP requests and operations (each `$batch` part counts) the ERP received since the last reset. */
	traffic(): { requests: number; operations: number };
	resetTraffic(): void;
	close(): Promise<void>;
}

export interface ErpBinding {
	name: string;
	/** The mapping rows of the ServiceTitan simulator's business units 31–33 in this ERP (34 is left unmapped). */
	businessUnitRows: Array<{ from: string; to: string }>;
	start(): Promise<ErpUnderTest>;
}

export function runSyncContract(binding: ErpBinding): void {
	describe(`sync engine contract: ${binding.name}`, () => {
		let st: Simulator;
		let erp: ErpUnderTest;
		let stCredential: ReturnType<typeof serviceTitanCredential>;
		const used = new Set<unknown>();

		beforeAll(async () => {
			st = await startSimulator({ seed: { seed: 11, invoices: 260, customers: 30, startDate: '2026-10-01' } });
			stCredential = serviceTitanCredential(st);
			erp = await binding.start();
			const customers = await normalize(st.state.customers as IDataObject[], 'customer');
			const created = await erp.sync('upsertCustomer', customers);
			expect(created.every((result) => ['created', 'unchanged'].includes(String(result.action)))).toBe(true);
		});
		afterAll(async () => {
			await erp.close();
			await st.close();
		});

		const rows = { row: binding.businessUnitRows };
		const normalize = async (records: IDataObject[], type: string, businessUnitRows = rows) => await normalizeWith(stCredential, records, type, businessUnitRows);
		const invoices = () => st.state.invoices as IDataObject[];
		const mapped = (invoice: IDataObject) => binding.businessUnitRows.some((row) => row.from === String((invoice.businessUnit as IDataObject).id));
		const postable = (invoice: IDataObject) => invoice.active !== false && Decimal.parse(String(invoice.total)).sign() > 0 && (invoice.items as IDataObject[]).length > 0 && mapped(invoice);
		function fresh(count: number, where: (invoice: IDataObject) => boolean = postable): IDataObject[] {
			const picked = invoices().filter((invoice) => !used.has(invoice.id) && where(invoice)).slice(0, count);
			expect(picked).toHaveLength(count);
			picked.forEach((invoice) => used.add(invoice.id));
			return picked;
		}
		const reference = (invoice: IDataObject) => `ST-INV-${String(invoice.id)}`;
		const total = (value: unknown) => Decimal.parse(String(value)).toFixed(2);

		it('posts every invoice once, in bulk, and a rerun creates nothing', async () => {
			const batch = await normalize(fresh(100), 'invoice');
			erp.resetTraffic();
			const posted = await erp.sync('postInvoice', batch);
			expect(posted.map((result) => result.error ?? result.action)).toEqual(batch.map(() => 'posted'));
			const traffic = erp.traffic();
			// Found, created, checked, posted and read back together: about a request per 10 invoices.
			expect(traffic.requests / batch.length).toBeLessThanOrEqual(1);
			expect(traffic.operations / batch.length).toBeLessThanOrEqual(2.5);
			for (const document of batch) expect(erp.documents(String(document.externalDocumentNumber))).toEqual([{ posted: true, total: total((document.document as IDataObject).total) }]);
			const again = await erp.sync('postInvoice', batch);
			expect(again.map((result) => result.action)).toEqual(batch.map(() => 'existing'));
			for (const document of batch) expect(erp.documents(String(document.externalDocumentNumber))).toHaveLength(1);
		});

		it('holds an invoice whose business unit is not mapped, names the table, and creates nothing', async () => {
			const [invoice] = fresh(1, (candidate) => candidate.active !== false && (candidate.items as IDataObject[]).length > 0 && !mapped(candidate));
			const [item] = await normalize([invoice], 'invoice', { row: [] });
			// Normalize already holds it; the sync operation holds it the same way when the table is on its node.
			expect(item.details).toMatchObject({ code: 'unmapped', recordId: String(invoice.id) });
			const [converted] = await normalize([invoice], 'invoice', { row: [{ from: String((invoice.businessUnit as IDataObject).id), to: 'ANY' }] });
			const unmapped = { ...converted, mapped: { ...(converted.mapped as IDataObject), businessUnit: undefined } };
			const [result] = await erp.sync('postInvoice', [unmapped], { businessUnitMapSource: 'rows', businessUnitMapRows: rows });
			expect(result.details).toMatchObject({ code: 'unmapped', recordId: String(invoice.id) });
			expect(String(result.error)).toContain('Business Unit →');
			expect(erp.documents(reference(invoice))).toEqual([]);
		});

		it('two runs posting the same invoices at the same moment leave one document each', async () => {
			const batch = await normalize(fresh(6), 'invoice');
			await Promise.all([erp.sync('postInvoice', batch), erp.sync('postInvoice', batch)]);
			for (const document of batch) expect(erp.documents(String(document.externalDocumentNumber))).toEqual([{ posted: true, total: total((document.document as IDataObject).total) }]);
		});

		it('an adjustment with a negative total posts as a credit memo applied to the invoice it adjusts, in the same run', async () => {
			const adjustment = invoices().find(
				(candidate) => !used.has(candidate.id) && Decimal.parse(String(candidate.total)).sign() < 0 && candidate.adjustmentToId && !used.has(candidate.adjustmentToId) && mapped(candidate),
			);
			expect(adjustment).toBeDefined();
			used.add(adjustment!.id);
			const original = invoices().find((candidate) => candidate.id === adjustment!.adjustmentToId)!;
			used.add(original.id);
			// Both in one run (a backfill): the invoice is posted first, then the credit memo applied to it.
			const [invoiceResult, memo] = await erp.sync('postInvoice', await normalize([original, adjustment!], 'invoice'));
			expect(invoiceResult).toMatchObject({ action: 'posted', kind: 'invoice' });
			expect(memo).toMatchObject({ action: 'posted', kind: 'creditMemo' });
			const open = Decimal.parse(String(original.total)).add(String(adjustment!.total));
			expect(erp.openAmount(reference(original))).toBe((open.sign() < 0 ? Decimal.ZERO : open).toFixed(2));
		});

		it('an invoice edited in ServiceTitan after posting is reported with both figures, never returned as existing', async () => {
			const [invoice] = fresh(1);
			const [document] = await normalize([invoice], 'invoice');
			await erp.sync('postInvoice', [document]);
			const canonical = document.document as IDataObject;
			const lines = canonical.lines as IDataObject[];
			const raised = { ...document, document: { ...canonical, lines: [{ ...lines[0], quantity: '1', unitPrice: Decimal.parse(String(lines[0].amount)).add('10').toFixed(2), amount: Decimal.parse(String(lines[0].amount)).add('10').toFixed(2) }, ...lines.slice(1)], subtotal: Decimal.parse(String(canonical.subtotal)).add('10').toFixed(2), total: Decimal.parse(String(canonical.total)).add('10').toFixed(2) } };
			const [result] = await erp.sync('postInvoice', [raised]);
			expect(result.action).toBeUndefined();
			expect(result.details).toMatchObject({ code: 'changed-after-posting', recordId: String(invoice.id) });
			expect(String(result.error)).toContain(`ServiceTitan now says ${total((raised.document as IDataObject).total)}`);
			expect(erp.documents(reference(invoice))).toHaveLength(1);
		});

		it('an invoice ServiceTitan shows exported that the ERP does not have is held, never posted a second time', async () => {
			const [invoice] = fresh(1);
			const [document] = await normalize([{ ...invoice, syncStatus: 'Exported' }], 'invoice');
			const [result] = await erp.sync('postInvoice', [document]);
			expect(result.details).toMatchObject({ code: 'missing-in-erp', recordId: String(invoice.id) });
			expect(String(result.error)).toContain('ServiceTitan shows it exported');
			expect(erp.documents(reference(invoice))).toEqual([]);
		});

		describe('payments', () => {
			async function paymentFor(applications: number) {
				const payment = (st.state.payments as IDataObject[]).find((candidate) => {
					const applied = candidate.appliedTo as IDataObject[];
					return candidate.active !== false && !used.has(candidate.id) && applied.length === applications && applied.every((application) => !used.has(application.appliedTo) && postable(invoices().find((invoice) => invoice.id === application.appliedTo)!));
				})!;
				expect(payment).toBeDefined();
				used.add(payment.id);
				const applied = (payment.appliedTo as IDataObject[]).map((application) => invoices().find((invoice) => invoice.id === application.appliedTo)!);
				applied.forEach((invoice) => used.add(invoice.id));
				await erp.sync('postInvoice', await normalize(applied, 'invoice'));
				const [normalized] = await normalize([payment], 'payment');
				return { payment, normalized, applied };
			}
			const withDocument = (item: IDataObject, change: (document: IDataObject) => IDataObject) => ({ ...item, document: change({ ...(item.document as IDataObject) }) });

			it('partial and multi-invoice payments post once, and every invoice shows ServiceTitan\'s open amount', async () => {
				const multi = await paymentFor(2);
				const single = await paymentFor(1);
				const results = await erp.sync('postPayment', [multi.normalized, single.normalized]);
				expect(results.map((result) => result.action)).toEqual(['posted', 'posted']);
				for (const { payment, applied } of [multi, single]) {
					expect(erp.credited(`ST-PMT-${String(payment.id)}`)).toBe(total(payment.total));
					for (const invoice of applied) {
						const application = (payment.appliedTo as IDataObject[]).find((candidate) => candidate.appliedTo === invoice.id)!;
						expect(erp.openAmount(reference(invoice))).toBe(Decimal.parse(String(invoice.total)).sub(String(application.appliedAmount)).toFixed(2));
					}
				}
				expect((await erp.sync('postPayment', [multi.normalized, single.normalized])).map((result) => result.action)).toEqual(['existing', 'existing']);
			});

			it('two runs posting the same payments at the same moment credit each once', async () => {
				const fresh = [];
				for (let count = 0; count < 8; count++) fresh.push(await paymentFor(1));
				const items = fresh.map(({ normalized }) => normalized);
				const runs = await Promise.all([erp.sync('postPayment', items), erp.sync('postPayment', items)]);
				for (const index of fresh.keys()) {
					const outcomes = runs.map((results) => String((results[index].details as IDataObject | undefined)?.code ?? results[index].action));
					expect(outcomes.every((outcome) => ['posted', 'existing', 'concurrent-run'].includes(outcome))).toBe(true);
					expect(outcomes.filter((outcome) => outcome === 'posted').length).toBeLessThanOrEqual(1);
				}
				// Whatever both runs left (at worst they both stepped back), the next run posts; nothing is credited twice.
				expect((await erp.sync('postPayment', items)).every((result) => ['posted', 'existing'].includes(String(result.action)))).toBe(true);
				for (const { payment } of fresh) expect(erp.credited(`ST-PMT-${String(payment.id)}`)).toBe(total(payment.total));
			});

			it('money on account later applied, an application lowered and one moved are held, and nothing is credited twice', async () => {
				const onAccount = await paymentFor(1);
				const lowered = await paymentFor(1);
				const moved = await paymentFor(1);
				const [other] = fresh(1, (invoice) => postable(invoice) && (invoice.customer as IDataObject).id === (moved.applied[0].customer as IDataObject).id);
				await erp.sync('postInvoice', await normalize([other], 'invoice'));
				const application = (item: IDataObject) => ((item.document as IDataObject).applications as IDataObject[])[0];
				const firstVersion = withDocument(onAccount.normalized, (doc) => ({ ...doc, applications: [], unapplied: doc.total }));
				await erp.sync('postPayment', [firstVersion, lowered.normalized, moved.normalized]);

				const lowerBy = (doc: IDataObject) => ({ ...doc, applications: [{ ...application(lowered.normalized), amount: Decimal.parse(String(application(lowered.normalized).amount)).sub('5').toFixed(2) }], unapplied: Decimal.parse(String(doc.unapplied)).add('5').toFixed(2) });
				const moveTo = (doc: IDataObject) => ({ ...doc, applications: [{ ...application(moved.normalized), applicationId: '990000001', invoiceId: String(other.id) }] });
				const results = await erp.sync('postPayment', [onAccount.normalized, withDocument(lowered.normalized, lowerBy), withDocument(moved.normalized, moveTo)]);
				expect(results.map((result) => (result.details as IDataObject | undefined)?.code)).toEqual(['changed-after-posting', 'changed-after-posting', 'changed-after-posting']);
				for (const { payment } of [onAccount, lowered, moved]) expect(erp.credited(`ST-PMT-${String(payment.id)}`)).toBe(total(payment.total));
			});
		});
	});
}
