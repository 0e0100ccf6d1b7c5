/**
 * What Business Central and ServiceTitan must show once the invoices-and-payments template has run
 * with every business unit mapped: read from the two simulators' state, never from n8n's output.
 */
import { Decimal } from '../../nodes/shared/money';

/** The template's Mapping Tables: ServiceTitan business unit → DEPARTMENT. */
export const DEPARTMENT: Record<number, string> = { 31: 'HVAC-SVC', 32: 'HVAC-INST', 33: 'PLUMB-SVC', 34: 'ELEC' };

const externalNumber = (invoice: any) => `ST-INV-${invoice.id}`;
const paymentNumber = (payment: any) => `ST-PMT-${payment.id}`;
const cents = (amount: Decimal) => amount.toFixed(2);

/** A line the engine writes: one with an amount or a quantity (a no-charge visit is a line too). */
const isLine = (item: any) => !Decimal.parse(item.total).isZero() || !Decimal.parse(item.quantity).isZero();

/**
 * What the template posts as an invoice: active invoices ServiceTitan has posted (a Pending one can
 * still change) with at least one line, $0.00 ones included.
 */
export const isPostable = (invoice: any) => invoice.active !== false && invoice.syncStatus !== 'Pending' && Decimal.parse(invoice.total).sign() >= 0 && invoice.items.some(isLine);

function groupBy<T>(records: T[], key: (record: T) => string) {
	const groups = new Map<string, T[]>();
	for (const record of records) groups.set(key(record), [...(groups.get(key(record)) ?? []), record]);
	return groups;
}

/** One ServiceTitan record that Business Central holds more than once: always a failure. */
export interface Twice {
	key: string;
	copies: number;
}

/**
 * Everything ml-connector wrote to BC more than once: invoices and credit memos by reference (drafts
 * included), payment lines by their document number in the customer ledger.
 */
export function duplicatesInBc(bc: any): Twice[] {
	const references = [...bc.list('salesInvoices'), ...bc.list('salesCreditMemos')].filter((doc: any) => String(doc.externalDocumentNumber).startsWith('ST-'));
	const paymentLines = bc.customerLedger().filter((entry: any) => String(entry.externalDocumentNumber ?? '').startsWith('ST-PMT-'));
	return [
		...[...groupBy(references, (doc: any) => `${doc.externalDocumentNumber}`)].map(([key, docs]) => ({ key, copies: docs.length })),
		...[...groupBy(paymentLines, (entry: any) => `${entry.externalDocumentNumber}/${entry.documentNumber}`)].map(([key, entries]) => ({ key, copies: entries.length })),
	].filter((group) => group.copies > 1);
}

/**
 * The books are complete: every postable ServiceTitan invoice once in BC on its customer and
 * department with ServiceTitan's total (totals per department to the cent), nothing else; every
 * adjustment of a posted invoice once as a credit memo; every payment whose invoices are posted
 * credited exactly its total, once per line, and set to Exported; ServiceTitan shows each posted
 * invoice exported with BC's number, and was never told another number.
 * @returns what was checked, for the report
 */
export function expectCompleteBooks(st: any, bc: any) {
	expect(duplicatesInBc(bc)).toEqual([]);
	const invoices = groupBy(bc.list('salesInvoices').filter((doc: any) => String(doc.externalDocumentNumber).startsWith('ST-INV-')), (doc: any) => doc.externalDocumentNumber);
	const memos = groupBy(bc.list('salesCreditMemos').filter((doc: any) => String(doc.externalDocumentNumber).startsWith('ST-INV-')), (doc: any) => doc.externalDocumentNumber);
	const byId = new Map<number, any>(st.invoices.map((invoice: any) => [invoice.id, invoice]));
	const totals = new Map<string, { st: Decimal; bc: Decimal }>();

	for (const invoice of st.invoices.filter((candidate: any) => Decimal.parse(candidate.total).sign() >= 0)) {
		const inBc = invoices.get(externalNumber(invoice)) ?? [];
		if (!isPostable(invoice)) {
			expect({ invoice: invoice.id, inBc: inBc.length }).toEqual({ invoice: invoice.id, inBc: 0 });
			continue;
		}
		expect({ invoice: invoice.id, inBc: inBc.length }).toEqual({ invoice: invoice.id, inBc: 1 });
		const [posted] = inBc;
		const department = DEPARTMENT[invoice.businessUnit.id];
		expect({ invoice: invoice.id, status: posted.status, customer: posted.customerNumber, department: posted.shortcutDimension1Code, total: cents(Decimal.parse(posted.totalAmountIncludingTax)) }).toEqual({
			invoice: invoice.id,
			status: Decimal.parse(posted.remainingAmount).isZero() ? 'Paid' : 'Open',
			customer: `ST-${invoice.customer.id}`,
			department,
			total: invoice.total,
		});
		const entry = totals.get(department) ?? { st: Decimal.ZERO, bc: Decimal.ZERO };
		totals.set(department, { st: entry.st.add(invoice.total), bc: entry.bc.add(posted.totalAmountIncludingTax) });
		const marks = st.exportLog.filter((mark: any) => mark.kind === 'invoice' && mark.id === invoice.id);
		expect({ invoice: invoice.id, syncStatus: invoice.syncStatus, exportId: invoice.exportId, numbersSent: [...new Set(marks.map((mark: any) => mark.externalId))] }).toEqual({
			invoice: invoice.id,
			syncStatus: 'Exported',
			exportId: posted.number,
			numbersSent: [posted.number],
		});
	}
	for (const [department, entry] of totals) expect({ department, bc: cents(entry.bc) }).toEqual({ department, bc: cents(entry.st) });

	/** What reduces a posted invoice's remaining amount: its credit memos and the payments applied to it. */
	const settled = new Map<string, Decimal>();
	const settle = (key: string, amount: Decimal) => settled.set(key, (settled.get(key) ?? Decimal.ZERO).add(amount));
	for (const adjustment of st.invoices.filter((invoice: any) => Decimal.parse(invoice.total).sign() < 0)) {
		const original = byId.get(adjustment.adjustmentToId);
		const postable = adjustment.active !== false && adjustment.syncStatus !== 'Pending' && original && isPostable(original);
		const inBc = memos.get(externalNumber(adjustment)) ?? [];
		expect({ adjustment: adjustment.id, memos: inBc.length }).toEqual({ adjustment: adjustment.id, memos: postable ? 1 : 0 });
		if (!inBc.length) continue;
		expect({ adjustment: adjustment.id, total: cents(Decimal.parse(inBc[0].totalAmountIncludingTax).neg()) }).toEqual({ adjustment: adjustment.id, total: adjustment.total });
		settle(externalNumber(original), Decimal.parse(adjustment.total).neg());
	}

	const credited = new Map<string, Decimal>();
	for (const entry of bc.customerLedger().filter((candidate: any) => String(candidate.externalDocumentNumber ?? '').startsWith('ST-PMT-'))) {
		credited.set(entry.externalDocumentNumber, (credited.get(entry.externalDocumentNumber) ?? Decimal.ZERO).sub(Decimal.fromUnits(BigInt(entry.amountCents), 2)));
	}
	const payments = st.payments.filter((payment: any) => payment.active !== false);
	for (const payment of payments) {
		const invoicesPosted = payment.appliedTo.every((application: any) => (invoices.get(externalNumber(byId.get(application.appliedTo))) ?? []).length === 1);
		for (const application of payment.appliedTo) {
			const key = externalNumber(byId.get(application.appliedTo));
			if (invoices.has(key)) settle(key, Decimal.parse(application.appliedAmount));
		}
		if (!invoicesPosted) continue;
		expect({ payment: payment.id, status: payment.syncStatus, credited: cents(credited.get(paymentNumber(payment)) ?? Decimal.ZERO) }).toEqual({ payment: payment.id, status: 'Exported', credited: cents(Decimal.parse(payment.total)) });
	}
	for (const [key, [invoice]] of invoices) {
		const open = Decimal.parse(invoice.totalAmountIncludingTax).sub(settled.get(key) ?? Decimal.ZERO);
		const expected = open.sign() < 0 ? Decimal.ZERO : open;
		expect({ invoice: invoice.number, remaining: cents(Decimal.parse(invoice.remainingAmount)) }).toEqual({ invoice: invoice.number, remaining: cents(expected) });
	}
	const marks = groupBy(st.exportLog.filter((mark: any) => mark.kind === 'invoice'), (mark: any) => String(mark.id));
	const markedMoreThanOnce = [...marks.values()].filter((calls) => calls.length > 1).length;
	return { invoices: invoices.size, creditMemos: memos.size, payments: credited.size, departments: totals.size, markedMoreThanOnce };
}
