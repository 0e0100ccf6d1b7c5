import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { takeRecords } from '../../shared';
import { Decimal } from '../../shared/money';
import { anyOf, KEYS_PER_FILTER } from '../../shared/odata';
import type { WriteResult } from '../../shared/sync/adapter';
import { chunks, inParallel } from '../../shared/sync/bulk';
import type { ClaimResult, PaymentAdapter, PaymentClaim, PostedInvoice } from '../../shared/sync/payments/adapter';
import type { PaymentLineWrite, PaymentPlan, PostedPaymentLine } from '../../shared/sync/payments/documents';
import type { BatchRequest, BusinessCentralClient } from '../transport';
import { CONCURRENCY, sendBatched } from './batch';
import { BusinessCentralSalesDocuments } from './salesDocuments';

const FOR_REVIEW = 'for review';
/** BC's finance reports API serves the customer ledger; API v2.0 has none. */
const REPORTS_API = 'api/microsoft/reportsFinance/beta';

/** The customer ledger of the company through BC's finance reports API, filtered. */
export async function customerLedgerUrl(client: BusinessCentralClient, filter: string): Promise<string> {
	const root = client.apiRoot.replace(/api\/v2\.0$/, REPORTS_API);
	const query = new URLSearchParams({ $filter: filter, $select: 'documentNumber,externalDocumentNumber,amount,postingDate' }).toString();
	return `${root}/companies(${await client.companyId()})/customerLedgerEntries?${query}`;
}

/** The journal batch that claims one payment: a Code[10] derived from the ServiceTitan id. */
export function claimCode(paymentKey: string): string {
	const id = paymentKey.replace(/^ST-PMT-/, '');
	// Base 36 keeps any ID below 36^9 (15 digits) within Code[10] with its prefix; longer ones are hashed.
	if (/^\d{1,15}$/.test(id) && BigInt(id) < 36n ** 9n) return `P${BigInt(id).toString(36).toUpperCase()}`;
	return `P${createHash('sha256').update(id).digest('hex').slice(0, 9).toUpperCase()}`;
}

interface JournalBatch extends IDataObject {
	id: string;
	code: string;
	displayName?: string;
	lastModifiedDateTime?: string;
	'@odata.etag'?: string;
}

/**
 * Business Central's side of the payment sync. Each payment is posted through a customer payment
 * journal batch of its own, created as the claim (BC refuses a second batch with the same code),
 * with the balancing account of the journal named on the node; posting that batch posts only this
 * payment's lines, so one payment BC refuses holds up no other. What was posted is read from the
 * customer ledger by external document number.
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
		const [journal] = await this.batches([this.journalCode]);
		if (!journal) throw new Error(`Business Central has no customer payment journal "${this.journalCode}": create the journal batch (its balancing account is used for every payment) or choose another one`);
		this.template = journal;
		return journal;
	}

	private async batches(codes: string[]): Promise<JournalBatch[]> {
		return await this.client.findByKeys<JournalBatch>(await this.client.companyPath('customerPaymentJournals'), 'code', codes);
	}

	async claim(plans: PaymentPlan[], staleAfterMs: number): Promise<ClaimResult[]> {
		if (plans.length === 0) return [];
		const template = await this.templateJournal();
		const companyPath = await this.client.companyPath('');
		const created = await sendBatched(
			this.client,
			plans.map((plan, index): BatchRequest => ({
				id: String(index),
				method: 'POST',
				url: `${companyPath}customerPaymentJournals`,
				body: { code: claimCode(plan.key), displayName: `${plan.key} posting`, ...(template.balancingAccountId ? { balancingAccountId: template.balancingAccountId } : {}) },
			})),
			(response) => response.body as JournalBatch,
		);
		const results: ClaimResult[] = plans.map((plan, index) => {
			const result = created[index];
			return result.ok ? { claimed: { paymentKey: plan.key, id: String(result.value.id), waiting: [] } } : { error: result.error };
		});
		const existing = plans.map((plan, index) => ({ plan, index })).filter(({ index }) => !created[index].ok);
		if (existing.length > 0) await this.takeOver(existing, results, staleAfterMs);
		return results;
	}

	/**
	 * A batch that already exists belongs to another run, or to one that died or left its lines for
	 * review. A stale or review batch is taken over by renaming it with its ETag: of two runs trying
	 * at once, only one succeeds.
	 */
	private async takeOver(existing: Array<{ plan: PaymentPlan; index: number }>, results: ClaimResult[], staleAfterMs: number): Promise<void> {
		const found = new Map((await this.batches(existing.map(({ plan }) => claimCode(plan.key)))).map((batch) => [batch.code, batch]));
		const now = Date.now();
		const takeable: Array<{ plan: PaymentPlan; index: number; batch: JournalBatch }> = [];
		for (const { plan, index } of existing) {
			const batch = found.get(claimCode(plan.key));
			if (!batch) continue; // the create failed for another reason: its error stands
			const since = batch.lastModifiedDateTime ?? '';
			const stale = String(batch.displayName ?? '').endsWith(FOR_REVIEW) || now - Date.parse(since) > staleAfterMs;
			if (!stale || !batch['@odata.etag']) results[index] = { takenSince: since || 'an unknown time' };
			else takeable.push({ plan, index, batch });
		}
		if (takeable.length === 0) return;
		const companyPath = await this.client.companyPath('');
		const renamed = await sendBatched(
			this.client,
			takeable.map(({ plan, index, batch }): BatchRequest => ({
				id: String(index),
				method: 'PATCH',
				url: `${companyPath}customerPaymentJournals(${batch.id})`,
				body: { displayName: `${plan.key} posting` },
				headers: { 'If-Match': batch['@odata.etag']! },
			})),
			() => undefined,
		);
		const waiting = await this.waitingLines(takeable.filter((_, position) => renamed[position].ok).map(({ batch }) => batch.id));
		takeable.forEach(({ plan, index, batch }, position) => {
			results[index] = renamed[position].ok
				? { claimed: { paymentKey: plan.key, id: batch.id, waiting: waiting.get(batch.id) ?? [] } }
				: { takenSince: batch.lastModifiedDateTime ?? 'just now' };
		});
	}

	private async waitingLines(batchIds: string[]): Promise<Map<string, Array<PostedPaymentLine & { id: string; etag: string }>>> {
		const byBatch = new Map<string, Array<PostedPaymentLine & { id: string; etag: string }>>();
		if (batchIds.length === 0) return byBatch;
		const path = await this.client.companyPath('customerPayments');
		for (const group of chunks(batchIds, KEYS_PER_FILTER)) {
			// journalId is a GUID: unquoted, so not anyOf's string literals.
			for (const line of await takeRecords(this.client.pages<IDataObject>(path, { filter: group.map((id) => `journalId eq ${id}`).join(' or ') }, 1000))) {
				const journalId = String(line.journalId);
				byBatch.set(journalId, [
					...(byBatch.get(journalId) ?? []),
					{ key: String(line.documentNumber), amount: Decimal.parse(line.amount as number).neg().toFixed(2), id: String(line.id), etag: String(line['@odata.etag'] ?? '') },
				]);
			}
		}
		return byBatch;
	}

	async postedLines(paymentKeys: string[]): Promise<Map<string, PostedPaymentLine[]>> {
		const groups = chunks([...new Set(paymentKeys)], KEYS_PER_FILTER);
		const pages = await inParallel(groups, CONCURRENCY, async (group) => {
			const filter = anyOf('externalDocumentNumber', group);
			const url = await customerLedgerUrl(this.client, filter);
			return await takeRecords<IDataObject>(this.client.pagesFrom<IDataObject>(url, 1000));
		});
		const posted = new Map<string, PostedPaymentLine[]>();
		for (const entry of pages.flat()) {
			const key = String(entry.externalDocumentNumber);
			// A payment credits the customer: BC stores it as a negative amount.
			posted.set(key, [...(posted.get(key) ?? []), { key: String(entry.documentNumber), amount: Decimal.parse(entry.amount as number).neg().toFixed(2) }]);
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

	async write(requests: Array<{ claim: PaymentClaim; plan: PaymentPlan; lines: PaymentLineWrite[] }>, post: boolean): Promise<Array<WriteResult<void>>> {
		const companyPath = await this.client.companyPath('');
		const parts: Array<{ request: number; part: BatchRequest }> = [];
		requests.forEach(({ claim, plan, lines }, index) => {
			for (const waiting of claim.waiting as Array<PostedPaymentLine & { id: string; etag: string }>) {
				parts.push({ request: index, part: { id: String(parts.length), method: 'DELETE', url: `${companyPath}customerPayments(${waiting.id})`, headers: { 'If-Match': waiting.etag } } });
			}
			for (const line of lines) {
				parts.push({ request: index, part: { id: String(parts.length), method: 'POST', url: `${companyPath}customerPaymentJournals(${claim.id})/customerPayments`, body: this.preview(plan, line) } });
			}
		});
		const written = await sendBatched(this.client, parts.map(({ part }) => part), () => undefined);
		const results: Array<WriteResult<void>> = requests.map(() => ({ ok: true, value: undefined }));
		written.forEach((result, position) => {
			const index = parts[position].request;
			if (!result.ok && results[index].ok) results[index] = result;
		});
		const ready = requests.map((request, index) => ({ request, index })).filter(({ index }) => results[index].ok);
		const done = post ? await this.post(ready.map(({ request }) => request.claim), companyPath) : await this.markForReview(ready.map(({ request }) => request), companyPath);
		ready.forEach(({ index }, position) => (results[index] = done[position]));
		return results;
	}

	private async post(claims: PaymentClaim[], companyPath: string): Promise<Array<WriteResult<void>>> {
		return await sendBatched(
			this.client,
			claims.map((claim, index): BatchRequest => ({ id: String(index), method: 'POST', url: `${companyPath}journals(${claim.id})/Microsoft.NAV.post` })),
			() => undefined,
		);
	}

	/** Lines left for a person to post: the batch says so, and the next run may take it over. */
	private async markForReview(requests: Array<{ claim: PaymentClaim; plan: PaymentPlan }>, companyPath: string): Promise<Array<WriteResult<void>>> {
		const batches = new Map((await this.batches(requests.map(({ plan }) => claimCode(plan.key)))).map((batch) => [batch.id, batch]));
		return await sendBatched(
			this.client,
			requests.map(({ claim, plan }, index): BatchRequest => ({
				id: String(index),
				method: 'PATCH',
				url: `${companyPath}customerPaymentJournals(${claim.id})`,
				body: { displayName: `${plan.key} ${FOR_REVIEW}` },
				headers: { 'If-Match': String(batches.get(claim.id)?.['@odata.etag'] ?? '') },
			})),
			() => undefined,
		);
	}

	async release(claims: PaymentClaim[]): Promise<void> {
		const batches = new Map((await this.batches(claims.map((claim) => claimCode(claim.paymentKey)))).map((batch) => [batch.id, batch]));
		const companyPath = await this.client.companyPath('');
		const deletable = claims.map((claim) => batches.get(claim.id)).filter((batch): batch is JournalBatch => !!batch?.['@odata.etag']);
		// A claim that cannot be removed now is taken over once stale: nothing waits under it.
		await sendBatched(
			this.client,
			deletable.map((batch, index): BatchRequest => ({ id: String(index), method: 'DELETE', url: `${companyPath}customerPaymentJournals(${batch.id})`, headers: { 'If-Match': batch['@odata.etag']! } })),
			() => undefined,
		);
	}
}
