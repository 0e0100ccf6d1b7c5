import type { IDataObject } from 'n8n-workflow';

import { Decimal } from '../../shared/money';
import type { CreateRequest, SalesDocumentAdapter, WriteResult } from '../../shared/sync/adapter';
import type { ErpDocument, ErpDocumentStatus, SalesDocumentKind, SalesDocumentPlan } from '../../shared/sync/documents';
import { vendorMessage } from '../../shared/errors';
import { setDimensions } from '../actions/shared/dimensionSetLines';
import type { BatchRequest, BusinessCentralClient } from '../transport';
import { readFailedPost } from '../../shared/sync/failedWrite';
import { sendBatched } from './batch';

const SYSTEM = 'Business Central';
const DEFAULT_DIMENSION_CONFLICT = /dimension set line already exists/i;
const ENTITY_SET: Record<SalesDocumentKind, string> = { invoice: 'salesInvoices', creditMemo: 'salesCreditMemos' };
const LINES: Record<SalesDocumentKind, string> = { invoice: 'salesInvoiceLines', creditMemo: 'salesCreditMemoLines' };
const DOCUMENT_NAME: Record<SalesDocumentKind, string> = { invoice: 'sales invoice', creditMemo: 'sales credit memo' };
const DATE_FIELD: Record<SalesDocumentKind, string> = { invoice: 'invoiceDate', creditMemo: 'creditMemoDate' };
/** Credit memos have no remainingAmount in BC's API. */
const SELECT: Record<SalesDocumentKind, string> = {
	invoice: 'id,number,externalDocumentNumber,status,totalAmountIncludingTax,remainingAmount',
	creditMemo: 'id,number,externalDocumentNumber,status,totalAmountIncludingTax',
};

const STATUS: Record<string, ErpDocumentStatus> = { Draft: 'draft', 'In Review': 'inReview', Open: 'posted', Paid: 'posted', Corrective: 'posted', Canceled: 'canceled' };

function readUncertain(error: unknown): boolean {
	return !readFailedPost(error).refused;
}

function amount(value: unknown): string {
	return Decimal.parse(value as number).toFixed(2);
}

function toDocument(kind: SalesDocumentKind, record: IDataObject): ErpDocument {
	const statusText = String(record.status ?? '');
	return {
		kind,
		key: String(record.externalDocumentNumber ?? ''),
		id: String(record.id),
		number: String(record.number ?? ''),
		status: STATUS[statusText] ?? 'other',
		statusText,
		total: amount(record.totalAmountIncludingTax ?? 0),
		...(record.remainingAmount !== undefined ? { remaining: amount(record.remainingAmount) } : {}),
		...(typeof record['@odata.etag'] === 'string' ? { etag: record['@odata.etag'] } : {}),
	};
}

function payload(request: SalesDocumentPlan & { appliesTo?: ErpDocument }): IDataObject {
	const { kind } = request;
	return {
		customerNumber: request.customerNumber,
		externalDocumentNumber: request.key,
		[DATE_FIELD[kind]]: request.documentDate,
		postingDate: request.documentDate,
		...(request.dueDate ? { dueDate: request.dueDate } : {}),
		...(request.appliesTo ? { invoiceId: request.appliesTo.id } : {}),
		[LINES[kind]]: request.lines.map((line, index) => ({
			lineType: 'Account',
			lineObjectNumber: line.account,
			description: line.description,
			quantity: Decimal.parse(line.quantity).toNumber(`line ${index + 1} quantity`),
			unitPrice: Decimal.parse(line.unitPrice).toNumber(`line ${index + 1} unit price`),
		})),
		dimensionSetLines: request.dimensions.map((dimension) => ({ code: dimension.code, valueCode: dimension.value })),
	};
}

/** Business Central's side of the sales-document sync: `$filter` on many keys, `$batch`, deep insert. */
export class BusinessCentralSalesDocuments implements SalesDocumentAdapter {
	readonly system = SYSTEM;

	constructor(private readonly client: BusinessCentralClient) {}

	async findDocuments(kind: SalesDocumentKind, keys: string[]): Promise<Map<string, ErpDocument[]>> {
		const found = new Map<string, ErpDocument[]>();
		for (const record of await this.client.findByKeys<IDataObject>(await this.client.companyPath(ENTITY_SET[kind]), 'externalDocumentNumber', keys, SELECT[kind])) {
			const document = toDocument(kind, record);
			found.set(document.key, [...(found.get(document.key) ?? []), document]);
		}
		return found;
	}

	async existingCustomers(numbers: string[]): Promise<Set<string>> {
		const records = await this.client.findByKeys<IDataObject>(await this.client.companyPath('customers'), 'number', numbers, 'id,number');
		return new Set(records.map((record) => String(record.number)));
	}

	preview(plan: SalesDocumentPlan): unknown {
		return payload(plan);
	}

	async createDocuments(requests: CreateRequest[]): Promise<Array<WriteResult<ErpDocument>>> {
		const companyPath = await this.client.companyPath('');
		const batch: BatchRequest[] = [];
		const refused: Array<WriteResult<ErpDocument> | undefined> = requests.map((request, index) => {
			try {
				batch.push({ id: String(index), method: 'POST', url: `${companyPath}${ENTITY_SET[request.kind]}`, body: payload(request) });
				return undefined;
			} catch (error) {
				return { ok: false, error, uncertain: false };
			}
		});
		const sent = await sendBatched(this.client, batch, (response) => {
			if (!response.body?.id) throw new Error('Business Central answered the create without the new document');
			return toDocument(requests[Number(response.id)].kind, response.body);
		});
		const byIndex = new Map(batch.map((request, position) => [Number(request.id), sent[position]]));
		const results = refused.map((result, index) => result ?? byIndex.get(index)!);
		for (const [index, result] of results.entries()) {
			if (!result.ok && !result.uncertain && DEFAULT_DIMENSION_CONFLICT.test(vendorMessage(result.error))) {
				results[index] = await this.createOverDefaults(requests[index], companyPath);
			}
		}
		return results;
	}

	/**
	 * BC copies the customer's default dimensions onto a new document before a deep insert's
	 * dimension lines arrive, and refuses a line for a dimension already there. Such a document is
	 * created with its lines, then its dimensions are set one by one (the default overwritten).
	 */
	private async createOverDefaults(request: CreateRequest, companyPath: string): Promise<WriteResult<ErpDocument>> {
		const body = payload(request);
		delete body.dimensionSetLines;
		let created: IDataObject;
		try {
			created = await this.client.request<IDataObject>('POST', `${companyPath}${ENTITY_SET[request.kind]}`, { body });
		} catch (error) {
			return { ok: false, error, uncertain: readUncertain(error) };
		}
		try {
			const path = `${companyPath}${ENTITY_SET[request.kind]}(${String(created.id)})`;
			await setDimensions(this.client, path, request.dimensions.map((dimension) => ({ code: dimension.code, valueCode: dimension.value })));
			return { ok: true, value: toDocument(request.kind, await this.client.request<IDataObject>('GET', path)) };
		} catch (error) {
			// Never posted with half its dimensions: the draft left behind is replaced on the next run.
			return { ok: false, error, uncertain: false };
		}
	}

	async postDocuments(documents: ErpDocument[]): Promise<Array<WriteResult<void>>> {
		const companyPath = await this.client.companyPath('');
		const batch = documents.map((document, index): BatchRequest => ({ id: String(index), method: 'POST', url: `${companyPath}${ENTITY_SET[document.kind]}(${document.id})/Microsoft.NAV.post` }));
		return await sendBatched(this.client, batch, () => undefined);
	}

	async deleteDocuments(documents: ErpDocument[]): Promise<Array<WriteResult<void>>> {
		const companyPath = await this.client.companyPath('');
		const results: Array<WriteResult<void> | undefined> = documents.map((document) =>
			document.etag ? undefined : { ok: false, error: new Error(`Business Central returned draft ${DOCUMENT_NAME[document.kind]} ${document.number} without an @odata.etag, so it was not changed`), uncertain: false },
		);
		const targets = documents.map((document, index) => ({ document, index })).filter(({ document }) => document.etag);
		const sent = await sendBatched(
			this.client,
			targets.map(({ document, index }): BatchRequest => ({ id: String(index), method: 'DELETE', url: `${companyPath}${ENTITY_SET[document.kind]}(${document.id})`, headers: { 'If-Match': document.etag! } })),
			() => undefined,
		);
		targets.forEach(({ index }, position) => (results[index] = sent[position]));
		return results as Array<WriteResult<void>>;
	}
}
