import type { WriteResult } from '../adapter';
import type { PaymentLineWrite, PaymentPlan, PostedPaymentLine } from './documents';

export interface PostedInvoice {
	id: string;
	number: string;
	/** The open amount, when the ERP reports it. */
	remaining?: string;
}

/** This run's hold on one payment: no other run writes it while the claim stands. */
export interface PaymentClaim {
	paymentKey: string;
	id: string;
	/** Lines that already wait under the claim (left by an earlier run taken over), by key and amount. */
	waiting: PostedPaymentLine[];
}

export type ClaimResult = { claimed: PaymentClaim } | { takenSince: string } | { error: unknown };

/**
 * What an ERP implements so the engine can post ServiceTitan payments exactly once. Every method
 * takes many payments at once; results keep the order of the input.
 */
export interface PaymentAdapter {
	readonly system: string;
	/**
	 * Claims each payment for this run (Business Central: its own journal batch, whose key cannot
	 * be created twice). A claim older than `staleAfterMs` is taken over: its run died.
	 */
	claim(plans: PaymentPlan[], staleAfterMs: number): Promise<ClaimResult[]>;
	/** Every posted customer-ledger entry of these payments, by payment key. */
	postedLines(paymentKeys: string[]): Promise<Map<string, PostedPaymentLine[]>>;
	/** Posted invoices by reference key: id and number to apply a payment to, and what is still open. */
	postedInvoices(invoiceKeys: string[]): Promise<Map<string, PostedInvoice>>;
	/** Writes the lines under each claim (replacing any that wait) and, when `post`, posts them. */
	write(requests: Array<{ claim: PaymentClaim; plan: PaymentPlan; lines: PaymentLineWrite[] }>, post: boolean): Promise<Array<WriteResult<void>>>;
	/** Ends the claims (a claim whose lines were left unposted on purpose is kept). */
	release(claims: PaymentClaim[]): Promise<void>;
	/** The exact payload of one line (dry run). */
	preview(plan: PaymentPlan, line: PaymentLineWrite): unknown;
}
