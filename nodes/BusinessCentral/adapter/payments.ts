import type { IDataObject } from 'n8n-workflow';

import { takeRecords } from '../../shared';
import { describeHttpFailure } from '../../shared/http';
import { Decimal } from '../../shared/money';
import { anyOf, KEYS_PER_FILTER } from '../../shared/odata';
import type { WriteResult } from '../../shared/sync/adapter';
import { chunks, inParallel } from '../../shared/sync/bulk';
import type { JournalPostResult, PaymentAdapter, PaymentJournal, PostedInvoice, WaitingLine } from '../../shared/sync/payments/adapter';
import type { PaymentLineWrite, PaymentPlan, PostedPaymentLine } from '../../shared/sync/payments/documents';
import type { BatchRequest, BusinessCentralClient } from '../transport';
import { CONCURRENCY, sendBatched } from './batch';
import { asJournal, claimCode, journalDescription, refusedLine, runJournalCode, waitingLinesOf, type JournalBatch } from './paymentJournals';
import { BusinessCentralSalesDocuments } from './salesDocuments';

export { claimCode };

/** BC's finance reports API serves the customer ledger; API v2.0 has none. */
const REPORTS_API = 'api/microsoft/reportsFinance/beta';

/** The customer ledger of the company through BC's finance reports API, filtered. */
export async function customerLedgerUrl(client: BusinessCentralClient, filter: string): Promise<string> {
	const root = client.apiRoot.replace(/api\/v2\.0$/, REPORTS_API);
	const query = new URLSearchParams({ $filter: filter, $select: 'documentNumber,externalDocumentNumber,amount,postingDate' }).toString();
	return `${root}/companies(${await client.companyId()})/customerLedgerEntries?${query}`;
}

/** A payment credits the customer: BC stores it as a negative amount. */
const credit = (record: IDataObject) => Decimal.parse(record.amount as number).neg().toFixed(2);
const gone = (result: WriteResult<void>) => result.ok || describeHttpFailure(result.error).status === 404;

/**
 * Business Central's side of the payment sync: customer payment journal batches (a batch per run,
 * or per payment to isolate one BC refuses), their lines, `journals(id)/Microsoft.NAV.post`, and
 * the customer ledger read by external document number. Every batch takes the balancing account
 * of the journal named on the node.
 */
export class BusinessCentralPayments implements PaymentAdapter {
	readonly system = 'Business Central';
	private template: JournalBatch | undefined;

	constructor(
		private readonly client: BusinessCentralClient,
		private readonly journalCode: string,
	) {}

	private async templateJournal(): Promise<JournalBatch> {
		if (this.template) return this.template;
		const [journal] = await this.client.findByKeys<JournalBatch>(await this.client.companyPath('customerPaymentJournals'), 'code', [this.journalCode]);
		if (!journal) throw new Error(`Business Central has no customer payment journal "${this.journalCode}": create the journal batch (its balancing account is used for every payment) or choose another one`);
		this.template = journal;
		return journal;
	}

	async openJournals(purposes: Array<string | null>, forReview: boolean): Promise<Array<WriteResult<PaymentJournal>>> {
		if (purposes.length === 0) return [];
		const template = await this.templateJournal();
		const companyPath = await this.client.companyPath('');
		const create = async (codes: string[]) =>
			await sendBatched(
				this.client,
				codes.map((code, index): BatchRequest => ({
					id: String(index),
					method: 'POST',
					url: `${companyPath}customerPaymentJournals`,
					body: { code, displayName: journalDescription(forReview), ...(template.balancingAccountId ? { balancingAccountId: template.balancingAccountId } : {}) },
				})),
				(response) => asJournal(response.body as JournalBatch),
			);
		const results = await create(purposes.map((purpose) => (purpose ? claimCode(purpose) : runJournalCode())));
		// A name already taken (a batch left behind, or the same random name in the same second): once more under a fresh one.
		const again = results.flatMap((result, index) => (result.ok ? [] : [index]));
		if (again.length > 0) (await create(again.map(() => runJournalCode()))).forEach((result, position) => (results[again[position]] = result));
		return results;
	}

	async addLines(requests: Array<{ journal: PaymentJournal; plan: PaymentPlan; lines: PaymentLineWrite[] }>): Promise<Array<WriteResult<void>>> {
		const companyPath = await this.client.companyPath('');
		const parts = requests.flatMap(({ journal, plan, lines }, request) =>
			lines.map((line) => ({ request, url: `${companyPath}customerPaymentJournals(${journal.id})/customerPayments`, body: this.preview(plan, line) })),
		);
		const written = await sendBatched(
			this.client,
			parts.map(({ url, body }, index): BatchRequest => ({ id: String(index), method: 'POST', url, body })),
			() => undefined,
		);
		const results: Array<WriteResult<void>> = requests.map(() => ({ ok: true, value: undefined }));
		written.forEach((result, index) => {
			const request = parts[index].request;
			if (!result.ok && results[request].ok) results[request] = result;
		});
		return results;
	}

	async waitingLines(paymentKeys: string[]): Promise<Map<string, WaitingLine[]>> {
		const path = await this.client.companyPath('customerPaymentJournals');
		const lines = await inParallel(chunks([...new Set(paymentKeys)], KEYS_PER_FILTER), CONCURRENCY, async (group) => {
			const expand = `customerPayments($select=id,documentNumber,externalDocumentNumber,amount,lastModifiedDateTime;$filter=${anyOf('externalDocumentNumber', group)})`;
			return waitingLinesOf(await takeRecords(this.client.pages<JournalBatch>(path, { select: 'id,code,displayName', expand }, 1000)), credit);
		});
		const byPayment = new Map<string, WaitingLine[]>();
		for (const line of lines.flat()) byPayment.set(line.paymentKey, [...(byPayment.get(line.paymentKey) ?? []), line]);
		return byPayment;
	}

	async removeLines(lines: WaitingLine[]): Promise<Array<WriteResult<void>>> {
		const companyPath = await this.client.companyPath('');
		const removed = await sendBatched(
			this.client,
			lines.map((line, index): BatchRequest => ({ id: String(index), method: 'DELETE', url: `${companyPath}customerPayments(${line.id})`, headers: { 'If-Match': line.version ?? '*' } })),
			() => undefined,
		);
		return removed.map((result) => (gone(result) ? { ok: true, value: undefined } : result));
	}

	async postJournals(journals: PaymentJournal[]): Promise<JournalPostResult[]> {
		const companyPath = await this.client.companyPath('');
		const posted = await sendBatched(
			this.client,
			journals.map((journal, index): BatchRequest => ({ id: String(index), method: 'POST', url: `${companyPath}journals(${journal.id})/Microsoft.NAV.post` })),
			() => undefined,
		);
		return await Promise.all(posted.map(async (result, index) => (result.ok || result.uncertain ? result : { ...result, ...(await this.lineNamed(journals[index], result.error)) })));
	}

	/** The document number of the line BC's refusal names, when it names one. */
	private async lineNamed(journal: PaymentJournal, error: unknown): Promise<{ lineKey?: string }> {
		const named = refusedLine(describeHttpFailure(error).message);
		if (!named) return {};
		if ('documentNumber' in named) return { lineKey: named.documentNumber };
		const lines = await takeRecords(this.client.pages<IDataObject>(await this.client.companyPath(`customerPaymentJournals(${journal.id})/customerPayments`), { select: 'lineNumber,documentNumber' }, 1000));
		const line = lines.find((candidate) => candidate.lineNumber === named.lineNumber);
		return line ? { lineKey: String(line.documentNumber) } : {};
	}

	async closeJournals(journals: PaymentJournal[]): Promise<void> {
		const companyPath = await this.client.companyPath('');
		await sendBatched(
			this.client,
			journals.map((journal, index): BatchRequest => ({ id: String(index), method: 'DELETE', url: `${companyPath}customerPaymentJournals(${journal.id})`, headers: { 'If-Match': '*' } })),
			() => undefined,
		);
	}

	async closeIfEmpty(journals: PaymentJournal[]): Promise<void> {
		const empty = await inParallel(journals, CONCURRENCY, async (journal) => {
			const path = await this.client.companyPath(`customerPaymentJournals(${journal.id})/customerPayments`);
			const [first] = await takeRecords(this.client.pages<IDataObject>(path, { select: 'id', top: 1 }, 1));
			return first ? [] : [journal];
		});
		if (empty.flat().length > 0) await this.closeJournals(empty.flat());
	}

	async postedLines(paymentKeys: string[]): Promise<Map<string, PostedPaymentLine[]>> {
		const groups = chunks([...new Set(paymentKeys)], KEYS_PER_FILTER);
		// Looked up once before the reads in parallel, which would each look it up otherwise.
		await this.client.companyId();
		const pages = await inParallel(groups, CONCURRENCY, async (group) => {
			const url = await customerLedgerUrl(this.client, anyOf('externalDocumentNumber', group));
			return await takeRecords<IDataObject>(this.client.pagesFrom<IDataObject>(url, 1000));
		});
		const posted = new Map<string, PostedPaymentLine[]>();
		for (const entry of pages.flat()) {
			const key = String(entry.externalDocumentNumber);
			posted.set(key, [...(posted.get(key) ?? []), { key: String(entry.documentNumber), amount: credit(entry) }]);
		}
		return posted;
	}

	async postedInvoices(invoiceKeys: string[]): Promise<Map<string, PostedInvoice>> {
		const found = await new BusinessCentralSalesDocuments(this.client).findDocuments('invoice', invoiceKeys);
		const posted = new Map<string, PostedInvoice>();
		for (const [key, documents] of found) {
			const invoice = documents.find((document) => document.status === 'posted');
			if (invoice) posted.set(key, { id: invoice.id, number: invoice.number, ...(invoice.remaining !== undefined ? { remaining: invoice.remaining } : {}) });
		}
		return posted;
	}

	preview(plan: PaymentPlan, line: PaymentLineWrite): unknown {
		return {
			customerNumber: plan.customerNumber,
			postingDate: plan.date,
			documentNumber: line.key,
			externalDocumentNumber: plan.key,
			// BC posts a customer payment line with a negative amount.
			amount: Decimal.parse(line.amount).neg().toNumber(`journal line ${line.key} amount`),
			...(line.invoiceId ? { appliesToInvoiceId: line.invoiceId } : {}),
			description: plan.description,
		};
	}
}
