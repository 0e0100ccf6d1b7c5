import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Payment } from '../../../shared/canonical';
import { applyNamingRule } from '../../../shared/mapping';
import { Decimal } from '../../../shared/money';
import { eqFilter } from '../../../shared/odata';
import type { BusinessCentralClient } from '../../transport';
import type { Operation } from '../shared/operation';
import { hold, holdingDataProblems } from './hold';
import { deleteLines, existingState, isPosted, paymentLines, pendingLines, removeDuplicateLines } from './paymentJournal';
import { readFailedPost } from '../../../shared/sync/failedWrite';
import { isPostedInvoice } from './salesInvoices';
import { readSource, sourceProperty } from '../../../shared/sync/source';

interface LineOutcome {
	documentNumber: string;
	amount: string;
	invoice: string | null;
	status: 'posted' | 'pending' | 'created' | 'held' | 'planned';
	reason?: string;
	/** A held line waits either for its invoice or for a person to remove a changed journal line. */
	heldFor?: 'invoice' | 'changedLine';
}

interface Journal {
	id: string;
	code: string;
}

const waitsInJournal = (outcome: LineOutcome) => outcome.status === 'created' || outcome.status === 'pending';

/**
 * Posts the journal. When that fails, BC may still have posted before its answer was lost, so the
 * general ledger decides what the hold says; a line found there is never posted again.
 */
async function postJournal(context: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number, payment: Payment, journal: Journal, outcomes: LineOutcome[]): Promise<void> {
	const waiting = outcomes.filter(waitsInJournal);
	try {
		await client.request('POST', `${await client.companyPath(`journals(${journal.id})`)}/Microsoft.NAV.post`);
	} catch (error) {
		const failed = readFailedPost(error);
		let notPosted: LineOutcome[] | undefined = [];
		try {
			for (const outcome of waiting) if (!(await isPosted(client, outcome.documentNumber))) notPosted.push(outcome);
		} catch {
			notPosted = undefined;
		}
		if (!notPosted) {
			throw hold(
				context,
				itemIndex,
				payment,
				'posting-unconfirmed',
				`the answer to posting journal ${journal.code} was lost (${failed.answer}) and Business Central could not be asked whether it posted`,
				'Run again: lines already in the general ledger are found by document number and never posted twice; the others are posted.',
			);
		}
		if (notPosted.length > 0 && failed.refused) {
			throw hold(context, itemIndex, payment, 'posting-refused', `Business Central refused to post journal ${journal.code}: ${failed.message}`, `${notPosted.length} line(s) of this payment wait in the journal; fix the cause and run again — the same lines are posted, none twice.`);
		}
		if (notPosted.length > 0) {
			throw hold(
				context,
				itemIndex,
				payment,
				'posting-unconfirmed',
				`Business Central did not confirm posting journal ${journal.code} (${failed.answer}) and ${notPosted.length} line(s) of this payment are not posted`,
				'They wait in the journal; run again — the same lines are posted, none twice.',
			);
		}
	}
	for (const outcome of waiting) outcome.status = 'posted';
}

function holdApplications(context: IExecuteFunctions, itemIndex: number, payment: Payment, journal: Journal, outcomes: LineOutcome[]) {
	const held = outcomes.filter((outcome) => outcome.status === 'held');
	const posted = outcomes.filter((outcome) => outcome.status === 'posted').length;
	const waiting = outcomes.filter(waitsInJournal).length;
	const others = outcomes.length - held.length;
	const changed = held.some((outcome) => outcome.heldFor === 'changedLine');
	const state = others === 0 ? '' : ` Of the other ${others}: ${posted} posted${waiting ? `, ${waiting} waiting in journal ${journal.code}` : ''}.`;
	const advice = changed
		? `Remove the changed line(s) from journal ${journal.code} in Business Central, then run again; the lines are made anew from ServiceTitan's amounts.`
		: 'Post the invoice first; the held application(s) post on a later run.';
	return hold(
		context,
		itemIndex,
		payment,
		changed ? 'changed-in-erp' : 'missing-in-erp',
		`${held.length} of ${outcomes.length} application(s) held — ${held.map((outcome) => outcome.reason).join('; ')}`,
		`${advice}${state}`,
	);
}

export const postPayment: Operation = {
	description: [sourceProperty(['postPayment'])],
	async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
		const { document: payment, mapped } = readSource(this, itemIndex, 'payment');
		const negative = [payment.total, payment.unapplied, ...payment.applications.map((application) => application.amount)].some((amount) => Decimal.parse(amount).sign() < 0);
		if (negative) {
			throw hold(this, itemIndex, payment, 'negative-amount', `it is a refund or has a negative amount (${payment.total})`, 'Refunds are entered in Business Central by a person in this version; nothing was posted.');
		}
		const rule = this.getNodeParameter('customerNumberRule', itemIndex, 'ST-{id}') as string;
		const customerNumber = String(mapped.customerNumber ?? applyNamingRule(rule, { id: payment.customer.id, name: payment.customer.name ?? '' }, 20));
		const journalCode = (this.getNodeParameter('journal', itemIndex, 'STPAYMENTS') as string).trim();
		const found = await client.findBy(await client.companyPath('customerPaymentJournals'), 'code', journalCode);
		if (!found) throw hold(this, itemIndex, payment, 'missing-in-erp', `Business Central has no customer payment journal "${journalCode}"`, 'Create the journal batch in Business Central or choose another one.');
		const journal: Journal = { id: String(found.id), code: journalCode };
		if (!payment.active) {
			// A voided payment's lines still waiting in the journal must not be posted with the others.
			const waiting = await pendingLines(client, journal.id, eqFilter('externalDocumentNumber', payment.externalDocumentNumber));
			await deleteLines(client, waiting);
			throw hold(this, itemIndex, payment, 'inactive', 'it is inactive (voided)', `Nothing was posted${waiting.length ? ` and ${waiting.length} waiting journal line(s) were removed` : ''}. If it was posted earlier, reverse it in Business Central.`);
		}
		const dryRun = this.getNodeParameter('dryRun', itemIndex, false) as boolean;
		const invoicesPath = await client.companyPath('salesInvoices');
		const paymentsPath = await client.companyPath(`customerPaymentJournals(${journal.id})/customerPayments`);

		const lines = paymentLines(payment);
		// Every amount is checked before anything is written, so one BC cannot take leaves nothing half-done.
		const amounts = holdingDataProblems(this, itemIndex, payment, () => lines.map((line) => line.amount.neg().toNumber(`journal line ${line.documentNumber} amount`)));
		const outcomes: LineOutcome[] = [];
		let created = 0;
		for (const [index, line] of lines.entries()) {
			const outcome: LineOutcome = { documentNumber: line.documentNumber, amount: line.amount.toFixed(2), invoice: line.invoiceExternalDocumentNumber ?? null, status: 'planned' };
			outcomes.push(outcome);
			const state = await existingState(client, journal.id, line);
			if (state === 'changed') {
				outcome.status = 'held';
				outcome.heldFor = 'changedLine';
				outcome.reason = `journal line ${line.documentNumber} waits with another amount than ServiceTitan's ${line.amount.toFixed(2)} (the payment changed): remove it from journal ${journalCode}`;
				continue;
			}
			if (state) {
				outcome.status = state;
				continue;
			}
			let appliesToInvoiceId: string | undefined;
			if (line.invoiceExternalDocumentNumber) {
				const invoice = await client.findBy(invoicesPath, 'externalDocumentNumber', line.invoiceExternalDocumentNumber);
				if (!invoice || !isPostedInvoice(invoice)) {
					outcome.status = 'held';
					outcome.heldFor = 'invoice';
					outcome.reason = `invoice ${line.invoiceExternalDocumentNumber} is not posted in Business Central yet`;
					continue;
				}
				appliesToInvoiceId = String(invoice.id);
			}
			const body = {
				customerNumber,
				postingDate: payment.date,
				documentNumber: line.documentNumber,
				externalDocumentNumber: payment.externalDocumentNumber,
				// BC posts a customer payment line with a negative amount.
				amount: amounts[index],
				...(appliesToInvoiceId ? { appliesToInvoiceId } : {}),
				description: `ServiceTitan ${payment.type ?? 'payment'} ${payment.reference ?? payment.checkNumber ?? payment.id}`.slice(0, 100),
			};
			if (dryRun) {
				(outcome as unknown as IDataObject).payload = body;
				continue;
			}
			await client.request('POST', paymentsPath, { body });
			outcome.status = 'created';
			created++;
		}

		const changedLineWaits = outcomes.some((outcome) => outcome.heldFor === 'changedLine');
		const post = !dryRun && !changedLineWaits && outcomes.some(waitsInJournal) && (this.getNodeParameter('post', itemIndex, true) as boolean);
		if (post) {
			await removeDuplicateLines(client, journal.id, payment.externalDocumentNumber);
			await postJournal(this, client, itemIndex, payment, journal, outcomes);
		}
		if (outcomes.some((outcome) => outcome.status === 'held')) throw holdApplications(this, itemIndex, payment, journal, outcomes);
		return {
			// posted: the journal was posted now; created: lines were added and left unposted (Post off);
			// waiting: lines from an earlier run still wait; existing: everything was posted before.
			action: dryRun ? 'dryRun' : post ? 'posted' : created > 0 ? 'created' : outcomes.some(waitsInJournal) ? 'waiting' : 'existing',
			serviceTitanPaymentId: payment.id,
			externalDocumentNumber: payment.externalDocumentNumber,
			customerNumber,
			journal: journalCode,
			lines: outcomes as unknown as IDataObject[],
		};
	},
};
