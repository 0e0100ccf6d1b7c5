import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ODataCollection } from '../../../shared';
import type { Payment } from '../../../shared/canonical';
import { vendorMessage } from '../../../shared/errors';
import { applyNamingRule } from '../../../shared/mapping';
import { Decimal } from '../../../shared/money';
import { eqFilter } from '../../../shared/odata';
import type { BusinessCentralClient } from '../../transport';
import type { Operation } from '../shared/operation';
import { hold } from './hold';
import { readSource, sourceProperty } from './source';

/** One journal line per application (BC applies a payment line to one invoice), plus any unapplied rest. */
interface PaymentLine {
	documentNumber: string;
	amount: Decimal;
	invoiceExternalDocumentNumber?: string;
	serviceTitanInvoiceId?: string;
}

interface LineOutcome {
	documentNumber: string;
	amount: string;
	invoice: string | null;
	status: 'posted' | 'pending' | 'created' | 'held' | 'planned';
	reason?: string;
}

function paymentLines(payment: Payment): PaymentLine[] {
	// Deterministic document numbers (BC's limit is 20 characters) make every line findable later:
	// ServiceTitan's own id of the application, so a line keeps its number when others change.
	const lines: PaymentLine[] = payment.applications.map((application, index) => ({
		documentNumber: application.applicationId ? `STA${application.applicationId}` : `STP${payment.id}-${index + 1}`,
		amount: Decimal.parse(application.amount),
		invoiceExternalDocumentNumber: `ST-INV-${application.invoiceId}`,
		serviceTitanInvoiceId: application.invoiceId,
	}));
	const unapplied = Decimal.parse(payment.unapplied);
	if (unapplied.sign() > 0) lines.push({ documentNumber: `STP${payment.id}-U`, amount: unapplied });
	return lines;
}

async function pendingLines(client: BusinessCentralClient, journalId: string, filter: string): Promise<IDataObject[]> {
	const response = await client.request<ODataCollection<IDataObject>>('GET', await client.companyPath('customerPayments'), {
		qs: { $filter: `journalId eq ${journalId} and ${filter}` },
	});
	return response.value ?? [];
}

async function existingState(client: BusinessCentralClient, journalId: string, line: PaymentLine): Promise<'posted' | 'pending' | 'changed' | undefined> {
	if (await client.first(await client.companyPath('generalLedgerEntries'), eqFilter('documentNumber', line.documentNumber))) return 'posted';
	const pending = await pendingLines(client, journalId, eqFilter('documentNumber', line.documentNumber));
	if (pending.length === 0) return undefined;
	return pending.every((entry) => Decimal.parse(entry.amount as number).eq(line.amount.neg())) ? 'pending' : 'changed';
}

async function deleteLines(client: BusinessCentralClient, lines: IDataObject[]): Promise<void> {
	for (const line of lines) {
		await client.request('DELETE', await client.companyPath(`customerPayments(${String(line.id)})`), { etag: String(line['@odata.etag'] ?? '*') });
	}
}

/** Two runs at once may each have added a line: keep the first of every document number. */
async function removeDuplicateLines(client: BusinessCentralClient, journalId: string, externalDocumentNumber: string): Promise<void> {
	const lines = await pendingLines(client, journalId, eqFilter('externalDocumentNumber', externalDocumentNumber));
	const seen = new Set<string>();
	const extra = lines
		.sort((a, b) => Number(a.lineNumber) - Number(b.lineNumber))
		.filter((line) => (seen.has(String(line.documentNumber)) ? true : (seen.add(String(line.documentNumber)), false)));
	await deleteLines(client, extra);
}

export const postPayment: Operation = {
	description: [sourceProperty(['postPayment'])],
	async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
		const { document: payment, mapped } = readSource(this, itemIndex, 'payment');
		const negative = [payment.total, payment.unapplied, ...payment.applications.map((application) => application.amount)].some((amount) => Decimal.parse(amount).sign() < 0);
		if (negative) {
			throw hold(this, itemIndex, `ServiceTitan payment ${payment.id} is a refund or has a negative amount (${payment.total})`, 'Refunds are entered in Business Central by a person in this version; nothing was posted.');
		}
		const rule = this.getNodeParameter('customerNumberRule', itemIndex, 'ST-{id}') as string;
		const customerNumber = String(mapped.customerNumber ?? applyNamingRule(rule, { id: payment.customer.id, name: payment.customer.name ?? '' }, 20));
		const journalCode = (this.getNodeParameter('journal', itemIndex, 'STPAYMENTS') as string).trim();
		const journal = await client.findBy(await client.companyPath('customerPaymentJournals'), 'code', journalCode);
		if (!journal) throw hold(this, itemIndex, `Business Central has no customer payment journal "${journalCode}"`, 'Create the journal batch in Business Central or choose another one.');
		const journalId = String(journal.id);
		if (!payment.active) {
			// A voided payment's lines still waiting in the journal must not be posted with the others.
			const waiting = await pendingLines(client, journalId, eqFilter('externalDocumentNumber', payment.externalDocumentNumber));
			await deleteLines(client, waiting);
			throw hold(this, itemIndex, `ServiceTitan payment ${payment.id} is inactive (voided)`, `Nothing was posted${waiting.length ? ` and ${waiting.length} waiting journal line(s) were removed` : ''}. If it was posted earlier, reverse it in Business Central.`);
		}
		const dryRun = this.getNodeParameter('dryRun', itemIndex, false) as boolean;
		const invoicesPath = await client.companyPath('salesInvoices');
		const paymentsPath = await client.companyPath(`customerPaymentJournals(${journalId})/customerPayments`);

		const outcomes: LineOutcome[] = [];
		let created = 0;
		for (const line of paymentLines(payment)) {
			const outcome: LineOutcome = { documentNumber: line.documentNumber, amount: line.amount.toFixed(2), invoice: line.invoiceExternalDocumentNumber ?? null, status: 'planned' };
			outcomes.push(outcome);
			const state = await existingState(client, journalId, line);
			if (state === 'changed') {
				outcome.status = 'held';
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
				if (!invoice || invoice.status === 'Draft') {
					outcome.status = 'held';
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
				amount: line.amount.neg().toNumber(),
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

		const pending = outcomes.some((outcome) => outcome.status === 'created' || outcome.status === 'pending');
		const heldBeforePosting = outcomes.some((outcome) => outcome.status === 'held' && outcome.reason?.startsWith('journal line'));
		if (!dryRun && pending && !heldBeforePosting && (this.getNodeParameter('post', itemIndex, true) as boolean)) {
			await removeDuplicateLines(client, journalId, payment.externalDocumentNumber);
			try {
				await client.request('POST', `${await client.companyPath(`journals(${journalId})`)}/Microsoft.NAV.post`);
			} catch (error) {
				throw hold(this, itemIndex, `Payment ${payment.id}: Business Central refused to post journal ${journalCode}: ${vendorMessage(error)}`, `${created} line(s) wait in the journal; fix the cause and run again — the same lines are posted, none twice.`);
			}
			for (const outcome of outcomes) if (outcome.status === 'created' || outcome.status === 'pending') outcome.status = 'posted';
		}
		const held = outcomes.filter((outcome) => outcome.status === 'held');
		if (held.length > 0) {
			throw hold(
				this,
				itemIndex,
				`Payment ${payment.id}: ${held.length} of ${outcomes.length} application(s) held — ${held.map((outcome) => outcome.reason).join('; ')}`,
				'The other applications were posted. Post the invoice first; the held applications post on a later run.',
			);
		}
		return {
			action: dryRun ? 'dryRun' : created > 0 ? 'posted' : 'existing',
			serviceTitanPaymentId: payment.id,
			externalDocumentNumber: payment.externalDocumentNumber,
			customerNumber,
			journal: journalCode,
			lines: outcomes as unknown as IDataObject[],
		};
	},
};
