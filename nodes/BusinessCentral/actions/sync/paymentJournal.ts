import type { IDataObject } from 'n8n-workflow';

import type { ODataCollection } from '../../../shared';
import type { Payment } from '../../../shared/canonical';
import { Decimal } from '../../../shared/money';
import { eqFilter } from '../../../shared/odata';
import type { BusinessCentralClient } from '../../transport';
import { etagOf } from '../shared/records';

/** One journal line per application (BC applies a payment line to one invoice), plus any unapplied rest. */
export interface PaymentLine {
	documentNumber: string;
	amount: Decimal;
	invoiceExternalDocumentNumber?: string;
	serviceTitanInvoiceId?: string;
}

export function paymentLines(payment: Payment): PaymentLine[] {
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

export async function pendingLines(client: BusinessCentralClient, journalId: string, filter: string): Promise<IDataObject[]> {
	const response = await client.request<ODataCollection<IDataObject>>('GET', await client.companyPath('customerPayments'), {
		qs: { $filter: `journalId eq ${journalId} and ${filter}` },
	});
	return response.value ?? [];
}

/** Whether a line with this document number is in the general ledger, i.e. posted. */
export async function isPosted(client: BusinessCentralClient, documentNumber: string): Promise<boolean> {
	return (await client.first(await client.companyPath('generalLedgerEntries'), eqFilter('documentNumber', documentNumber))) !== undefined;
}

export async function existingState(client: BusinessCentralClient, journalId: string, line: PaymentLine): Promise<'posted' | 'pending' | 'changed' | undefined> {
	if (await isPosted(client, line.documentNumber)) return 'posted';
	const pending = await pendingLines(client, journalId, eqFilter('documentNumber', line.documentNumber));
	if (pending.length === 0) return undefined;
	return pending.every((entry) => Decimal.parse(entry.amount as number).eq(line.amount.neg())) ? 'pending' : 'changed';
}

export async function deleteLines(client: BusinessCentralClient, lines: IDataObject[]): Promise<void> {
	for (const line of lines) {
		await client.request('DELETE', await client.companyPath(`customerPayments(${String(line.id)})`), {
			etag: etagOf(line, `journal line ${String(line.documentNumber)}`),
		});
	}
}

/** Two runs at once may each have added a line: keep the first of every document number. */
export async function removeDuplicateLines(client: BusinessCentralClient, journalId: string, externalDocumentNumber: string): Promise<void> {
	const lines = await pendingLines(client, journalId, eqFilter('externalDocumentNumber', externalDocumentNumber));
	const seen = new Set<string>();
	const extra = lines
		.sort((a, b) => Number(a.lineNumber) - Number(b.lineNumber))
		.filter((line) => (seen.has(String(line.documentNumber)) ? true : (seen.add(String(line.documentNumber)), false)));
	await deleteLines(client, extra);
}
