import type { IDataObject } from 'n8n-workflow';

import { Decimal } from '../../shared/money';
import { sendBatched, type BatchRequest } from '../../shared/odata';
import { inParallel } from '../../shared/sync/bulk';
import type { CreateRequest, SalesDocumentAdapter, WriteResult } from '../../shared/sync/adapter';
import type { ErpDocument, SalesDocumentKind, SalesDocumentPlan } from '../../shared/sync/documents';
import { FINANCE_OPERATIONS_LIMITS, keyPath, type FinanceOperationsClient } from '../transport';
import { ROLLED_BACK } from '../transport/multipart';
import { displayValue, type DimensionFormat } from './dimensions';

const SYSTEM = 'Finance & Operations';
const HEADERS = 'FreeTextInvoiceHeaders';
const LINES = 'FreeTextInvoiceLines';
const HEADER_SELECT = 'InvoiceIdentifier,CustomerReference,IsPosted,FreeTextNumber';

/** A credit memo is a free text invoice with negative lines; the engine's plan carries positive amounts. */
const SIGN: Record<SalesDocumentKind, number> = { invoice: 1, creditMemo: -1 };

function signed(value: string, kind: SalesDocumentKind, field: string): number {
	const decimal = Decimal.parse(value, field);
	return (SIGN[kind] < 0 ? decimal.neg() : decimal).toNumber(field);
}

export class LinesRefusedError extends Error {}

/**
 * Finance & Operations' side of the sales-document sync, on customer free text invoices: found
 * again by `CustomerReference` (F&O has no idempotency key), created header first and then its
 * lines in one atomic changeset, left unposted (F&O posts them). A header whose lines did not all
 * arrive is deleted again at once, or — after a crash — found as a draft whose total is short,
 * which the engine replaces: never a second header.
 */
export class FinanceOperationsSalesDocuments implements SalesDocumentAdapter {
	readonly system = SYSTEM;

	constructor(
		private readonly client: FinanceOperationsClient,
		/** The active default dimension format (read once per run, see readDimensionFormat). */
		private readonly format: DimensionFormat,
	) {}

	async findDocuments(kind: SalesDocumentKind, keys: string[]): Promise<Map<string, ErpDocument[]>> {
		const headers = await this.client.findInCompany<IDataObject>(HEADERS, 'CustomerReference', keys, HEADER_SELECT);
		const ids = headers.map((header) => Number(header.InvoiceIdentifier));
		const lines = ids.length ? await this.client.findInCompany<IDataObject>(LINES, 'ParentRecId', ids, 'ParentRecId,TransactionCurrencyAmount') : [];
		const totals = new Map<number, Decimal>();
		for (const line of lines) {
			const id = Number(line.ParentRecId);
			totals.set(id, (totals.get(id) ?? Decimal.ZERO).add(Decimal.parse(line.TransactionCurrencyAmount as number)));
		}
		const found = new Map<string, ErpDocument[]>();
		for (const header of headers) {
			const document = this.toDocument(kind, header, totals.get(Number(header.InvoiceIdentifier)) ?? Decimal.ZERO);
			found.set(document.key, [...(found.get(document.key) ?? []), document]);
		}
		return found;
	}

	/** `linesTotal` as F&O has it (negative for a credit memo). */
	private toDocument(kind: SalesDocumentKind, header: IDataObject, linesTotal: Decimal): ErpDocument {
		const posted = header.IsPosted === 'Yes';
		const id = String(header.InvoiceIdentifier);
		return {
			kind,
			key: String(header.CustomerReference ?? ''),
			id,
			number: posted && header.FreeTextNumber ? String(header.FreeTextNumber) : `free text invoice ${id}`,
			status: posted ? 'posted' : 'draft',
			statusText: posted ? 'Posted' : 'Not posted',
			total: (SIGN[kind] < 0 ? linesTotal.neg() : linesTotal).toFixed(2),
		};
	}

	async existingCustomers(numbers: string[]): Promise<Set<string>> {
		const records = await this.client.findInCompany<IDataObject>('CustomersV3', 'CustomerAccount', numbers, 'CustomerAccount');
		const found = new Set(records.map((record) => String(record.CustomerAccount).toLowerCase()));
		return new Set(numbers.filter((number) => found.has(number.toLowerCase())));
	}

	preview(plan: SalesDocumentPlan): unknown {
		return { header: this.header(plan), lines: this.lines(plan, 0) };
	}

	private dimensions(plan: SalesDocumentPlan): string {
		return displayValue(this.format, Object.fromEntries(plan.dimensions.map((dimension) => [dimension.code, dimension.value])), `${plan.key}`);
	}

	private header(plan: SalesDocumentPlan): IDataObject {
		return {
			CustomerAccount: plan.customerNumber,
			CustomerReference: plan.key,
			InvoiceDate: `${plan.documentDate}T12:00:00Z`,
			...(plan.dueDate ? { DueDate: `${plan.dueDate}T12:00:00Z` } : {}),
			DefaultDimensionDisplayValue: this.dimensions(plan),
		};
	}

	private lines(plan: SalesDocumentPlan, invoiceIdentifier: number): IDataObject[] {
		const dimensions = this.dimensions(plan);
		return plan.lines.map((line, index) => ({
			dataAreaId: this.client.legalEntity,
			ParentRecId: invoiceIdentifier,
			LineNumber: index + 1,
			Description: line.description,
			MainAccountDisplayValue: line.account,
			Quantity: signed(line.quantity, plan.kind, `${plan.key} line ${index + 1} quantity`),
			UnitPrice: Decimal.parse(line.unitPrice, `${plan.key} line ${index + 1} unit price`).toNumber(),
			DefaultDimensionDisplayValue: dimensions,
		}));
	}

	async createDocuments(requests: CreateRequest[]): Promise<Array<WriteResult<ErpDocument>>> {
		const headers: BatchRequest[] = [];
		const results: Array<WriteResult<ErpDocument> | undefined> = requests.map((request, index) => {
			try {
				headers.push({ id: String(index), method: 'POST', url: HEADERS, body: { ...this.header(request), dataAreaId: this.client.legalEntity } });
				return undefined;
			} catch (error) {
				return { ok: false, error, uncertain: false };
			}
		});
		const created = await sendBatched(this.client, FINANCE_OPERATIONS_LIMITS, headers, (response) => {
			if (response.body?.InvoiceIdentifier === undefined) throw new Error('Finance & Operations answered the create without the new invoice identifier');
			return response.body;
		});
		await inParallel(headers, FINANCE_OPERATIONS_LIMITS.concurrency, async (request, position) => {
			const index = Number(request.id);
			const header = created[position];
			results[index] = header.ok ? await this.completeWithLines(requests[index], header.value) : header;
		});
		return results as Array<WriteResult<ErpDocument>>;
	}

	/** The lines of one new header in one atomic changeset; if F&O refuses them, the header goes too. */
	private async completeWithLines(plan: SalesDocumentPlan, header: IDataObject): Promise<WriteResult<ErpDocument>> {
		const invoiceIdentifier = Number(header.InvoiceIdentifier);
		const requests = this.lines(plan, invoiceIdentifier).map((body, index): BatchRequest => ({ id: String(index + 1), method: 'POST', url: LINES, body }));
		let refusal: string | undefined;
		try {
			const answers = await this.client.batch(requests, { atomic: true });
			const failed = answers.find((answer) => answer.status >= 400 && answer.status !== ROLLED_BACK) ?? answers.find((answer) => answer.status >= 400);
			const asWritten = Decimal.parse(plan.total);
			if (!failed) return { ok: true, value: this.toDocument(plan.kind, header, SIGN[plan.kind] < 0 ? asWritten.neg() : asWritten) };
			refusal = `line ${failed.id}: ${String((failed.body?.error as IDataObject | undefined)?.message ?? `HTTP ${failed.status}`)}`;
		} catch (error) {
			// The lines' fate is unknown: the header stays as a draft, found by its reference and replaced.
			return { ok: false, error, uncertain: true };
		}
		try {
			await this.client.remove(HEADERS, { InvoiceIdentifier: invoiceIdentifier });
		} catch {
			// Left as a draft without lines: the next run finds it by its reference and replaces it.
		}
		return { ok: false, error: new LinesRefusedError(`Finance & Operations refused ${refusal}`), uncertain: false };
	}

	/** F&O posts free text invoices itself (no OData action): they stay unposted here. */
	async postDocuments(documents: ErpDocument[]): Promise<Array<WriteResult<void>>> {
		return documents.map(() => ({ ok: false, error: new Error('Finance & Operations posts free text invoices itself (there is no posting action over OData): leave Post off for F&O'), uncertain: false }));
	}

	async deleteDocuments(documents: ErpDocument[]): Promise<Array<WriteResult<void>>> {
		const requests = documents.map((document, index): BatchRequest => ({
			id: String(index),
			method: 'DELETE',
			url: `${keyPath(HEADERS, this.client.companyKey({ InvoiceIdentifier: Number(document.id) }))}?cross-company=true`,
		}));
		return await sendBatched(this.client, FINANCE_OPERATIONS_LIMITS, requests, () => undefined);
	}
}
