import type { WriteResult } from '../adapter';
import type { PaymentLineWrite, PaymentPlan, PostedPaymentLine } from './documents';

export interface PostedInvoice {
	id: string;
	number: string;
	/** The open amount, when the ERP reports it. */
	remaining?: string;
}

/** A journal that holds payment lines until they are posted together (Business Central: a journal batch). */
export interface PaymentJournal {
	id: string;
	name: string;
}

/** A payment line waiting unposted in a journal: this run's, another run's, or a person's. */
export interface WaitingLine extends PostedPaymentLine {
	id: string;
	paymentKey: string;
	journal: PaymentJournal & {
		/** Opened by this connector (by any run), so its lines may be taken over when left behind. */
		connector: boolean;
		/** Left for a person to post (Post off): the next run takes its lines over. */
		forReview: boolean;
	};
	/** When the line was written, by the ERP's clock (ISO 8601). */
	writtenAt: string;
	/** The ERP's version of the line, to remove exactly that line. */
	version?: string;
}

/** A refused post of a journal; `lineKey` names the line it is about when the ERP says so. */
export type JournalPostResult = WriteResult<void> & { lineKey?: string };

/**
 * What an ERP implements so the engine can post ServiceTitan payments exactly once, through
 * journals. The engine decides; the adapter only reads and writes. Every method takes many
 * payments or journals at once; results keep the order of the input.
 */
export interface PaymentAdapter {
	readonly system: string;
	/** Every posted customer-ledger entry of these payments, by payment key. */
	postedLines(paymentKeys: string[]): Promise<Map<string, PostedPaymentLine[]>>;
	/** Posted invoices by reference key: id and number to apply a payment to, and what is still open. */
	postedInvoices(invoiceKeys: string[]): Promise<Map<string, PostedInvoice>>;
	/** Every unposted line of these payments, in any journal, by payment key. */
	waitingLines(paymentKeys: string[]): Promise<Map<string, WaitingLine[]>>;
	/**
	 * Opens journals of this run: `null` for a journal of many payments, a payment key for one that
	 * isolates that payment. `forReview` marks them as left for a person to post.
	 */
	openJournals(purposes: Array<string | null>, forReview: boolean): Promise<Array<WriteResult<PaymentJournal>>>;
	/** Writes each payment's lines into a journal. */
	addLines(requests: Array<{ journal: PaymentJournal; plan: PaymentPlan; lines: PaymentLineWrite[] }>): Promise<Array<WriteResult<void>>>;
	/** Removes waiting lines; a line already gone counts as removed. */
	removeLines(lines: WaitingLine[]): Promise<Array<WriteResult<void>>>;
	/** Posts every line of each journal, all or nothing per journal. */
	postJournals(journals: PaymentJournal[]): Promise<JournalPostResult[]>;
	/** Removes journals with whatever lines they still hold. */
	closeJournals(journals: PaymentJournal[]): Promise<void>;
	/** Removes those of these journals that hold no line any more (their lines were taken over). */
	closeIfEmpty(journals: PaymentJournal[]): Promise<void>;
	/** The exact payload of one line (dry run). */
	preview(plan: PaymentPlan, line: PaymentLineWrite): unknown;
}
