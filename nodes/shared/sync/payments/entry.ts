import type { IDataObject } from 'n8n-workflow';

import type { Payment } from '../../canonical';
import type { HoldCode } from '../../hold';
import type { KeyedEntry } from '../entries';
import type { WaitingLine } from './adapter';
import type { PaymentLineWrite, PaymentPlan } from './documents';
import type { PaymentDifference } from './ledgerDiff';

export type LineStatus = 'posted' | 'created' | 'held' | 'planned';

export interface LineOutcome {
	documentNumber: string;
	amount: string;
	invoice: string | null;
	status: LineStatus;
	reason?: string;
	/** Credited on account instead of applied (the invoice was already closed). */
	onAccount?: boolean;
	payload?: IDataObject;
}

/** One payment of a run, as the engine carries it from plan to outcome. */
export interface PaymentEntry extends KeyedEntry {
	plan: PaymentPlan;
	payment: Payment;
	difference?: PaymentDifference;
	writes: PaymentLineWrite[];
	lines: LineOutcome[];
	/** This run's lines of the payment, as the ERP shows them waiting in this run's journal. */
	ownLines?: WaitingLine[];
	/** The post's answer was lost or failed on the ERP's side: the ledger says what happened. */
	unconfirmed?: boolean;
}

/** What the journal protocol needs from the engine: its verdicts, not its bookkeeping. */
export interface PaymentVerdicts {
	readonly system: string;
	hold(entry: PaymentEntry, code: HoldCode, reason: string, fix: string): void;
	/** Looks at the ledger as it is now; settles the payment when there is nothing (more) to post. */
	settleIfInLedger(entry: PaymentEntry): void;
}
