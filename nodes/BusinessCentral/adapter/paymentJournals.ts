import { createHash, randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { PaymentJournal, WaitingLine } from '../../shared/sync/payments/adapter';

const CONNECTOR = 'ml-connector';
const FOR_REVIEW = 'for review';
/** Batches of the earlier claim-per-payment design (`P…`, "<key> posting" / "<key> for review"). */
const CLAIM_BATCH = /^P[0-9A-Z]{1,9}$/;

export interface JournalBatch extends IDataObject {
	id: string;
	code: string;
	displayName?: string;
	customerPayments?: IDataObject[];
}

/** The journal batch that isolates one payment: a Code[10] derived from the ServiceTitan id. */
export function claimCode(paymentKey: string): string {
	const id = paymentKey.replace(/^ST-PMT-/, '');
	// Base 36 keeps any ID below 36^9 (15 digits) within Code[10] with its prefix; longer ones are hashed.
	if (/^\d{1,15}$/.test(id) && BigInt(id) < 36n ** 9n) return `P${BigInt(id).toString(36).toUpperCase()}`;
	return `P${createHash('sha256').update(id).digest('hex').slice(0, 9).toUpperCase()}`;
}

/** A run's journal batch: `R`, the second it was made in base 36, then random characters up to Code[10]. */
export function runJournalCode(now = Date.now()): string {
	const second = Math.floor(now / 1000).toString(36).toUpperCase();
	const random = Array.from(randomBytes(9), (byte) => (byte % 36).toString(36).toUpperCase()).join('');
	return `R${second}${random}`.slice(0, 10);
}

/** What a person sees on the batch: whose it is and when it was made (at most 44 characters: BC takes 50 on older versions). */
export function journalDescription(forReview: boolean, now = new Date()): string {
	return `${CONNECTOR} ${forReview ? FOR_REVIEW : 'run'} ${now.toISOString().slice(0, 19)}Z`;
}

function journalOf(batch: JournalBatch): WaitingLine['journal'] {
	const description = String(batch.displayName ?? '');
	const earlierClaim = CLAIM_BATCH.test(batch.code) && / (posting|for review)$/.test(description);
	const connector = description.startsWith(`${CONNECTOR} `) || earlierClaim;
	return {
		id: String(batch.id),
		name: batch.code,
		connector,
		forReview: connector && (description.startsWith(`${CONNECTOR} ${FOR_REVIEW}`) || description.endsWith(FOR_REVIEW)),
	};
}

/** The payment lines expanded under each batch, as waiting lines (BC stores a payment as a negative amount). */
export function waitingLinesOf(batches: JournalBatch[], amountOf: (line: IDataObject) => string): WaitingLine[] {
	return batches.flatMap((batch) =>
		(batch.customerPayments ?? []).map((line) => ({
			id: String(line.id),
			key: String(line.documentNumber),
			amount: amountOf(line),
			paymentKey: String(line.externalDocumentNumber),
			journal: journalOf(batch),
			writtenAt: String(line.lastModifiedDateTime ?? ''),
			...(line['@odata.etag'] ? { version: String(line['@odata.etag']) } : {}),
		})),
	);
}

/** The line a refused post names: by line number (to look up) or by document number. */
export function refusedLine(message: string): { lineNumber: number } | { documentNumber: string } | undefined {
	const byNumber = /Line No\.='(\d+)'/.exec(message) ?? /\bline (\d+)\b/i.exec(message);
	if (byNumber) return { lineNumber: Number(byNumber[1]) };
	const byDocument = /Document No\. (\S+) is out of balance/.exec(message);
	return byDocument ? { documentNumber: byDocument[1] } : undefined;
}

export const asJournal = (batch: JournalBatch): PaymentJournal => ({ id: String(batch.id), name: batch.code });
