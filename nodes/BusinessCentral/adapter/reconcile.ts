import type { IDataObject } from 'n8n-workflow';

import { takeRecords } from '../../shared';
import { Decimal } from '../../shared/money';
import { isServiceTitanReference, REFERENCE_PREFIX } from '../../shared/sync/keys';
import type { LedgerDocument, PaymentEntry, ReconcileAdapter } from '../../shared/sync/reconcile/adapter';
import type { BusinessCentralClient } from '../transport';
import { customerLedgerUrl } from './payments';

const POSTED = new Set(['Open', 'Paid', 'Corrective']);

/** Business Central's side of the month-end report: sales invoices, credit memos and the customer ledger. */
export class BusinessCentralReconciliation implements ReconcileAdapter {
	readonly system = 'Business Central';

	constructor(private readonly client: BusinessCentralClient) {}

	private async documents(kind: LedgerDocument['kind'], start: string, end: string, dimensionCode: string): Promise<LedgerDocument[]> {
		const entitySet = kind === 'invoice' ? 'salesInvoices' : 'salesCreditMemos';
		const records = await takeRecords(
			this.client.pages<IDataObject>(await this.client.companyPath(entitySet), { filter: `postingDate ge ${start} and postingDate le ${end}`, expand: 'dimensionSetLines' }, 1000),
		);
		return records
			.filter((record) => isServiceTitanReference(record.externalDocumentNumber))
			.map((record) => {
				const dimension = ((record.dimensionSetLines as IDataObject[] | undefined) ?? []).find((line) => String(line.code).toUpperCase() === dimensionCode);
				const total = Decimal.parse(record.totalAmountIncludingTax as number);
				return {
					kind,
					reference: String(record.externalDocumentNumber),
					number: String(record.number),
					postingDate: String(record.postingDate),
					posted: POSTED.has(String(record.status)),
					statusText: String(record.status),
					total: (kind === 'creditMemo' ? total.neg() : total).toFixed(2),
					...(dimension ? { dimensionValue: String(dimension.valueCode) } : {}),
				};
			});
	}

	async salesDocuments(start: string, end: string, dimensionCode: string): Promise<LedgerDocument[]> {
		const [invoices, creditMemos] = await Promise.all([this.documents('invoice', start, end, dimensionCode), this.documents('creditMemo', start, end, dimensionCode)]);
		return [...invoices, ...creditMemos];
	}

	async paymentEntries(start: string, end: string): Promise<PaymentEntry[]> {
		const url = await customerLedgerUrl(this.client, `postingDate ge ${start} and postingDate le ${end}`);
		const entries = await takeRecords<IDataObject>(this.client.pagesFrom<IDataObject>(url, 1000));
		return entries
			.filter((entry) => String(entry.externalDocumentNumber ?? '').startsWith(REFERENCE_PREFIX.payment))
			.map((entry) => ({
				reference: String(entry.externalDocumentNumber),
				documentNumber: String(entry.documentNumber),
				// A payment credits the customer: BC stores it as a negative amount.
				amount: Decimal.parse(entry.amount as number).neg().toFixed(2),
				postingDate: String(entry.postingDate),
			}));
	}
}
