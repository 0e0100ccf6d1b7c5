/** A payment as the engine plans it and as it reads it back from an ERP's customer ledger (ERP-neutral). */

export interface PaymentLinePlan {
	/** The line's document number in the ERP: one application, or the unapplied rest. */
	key: string;
	/** The credit to the customer, a positive decimal string. */
	amount: string;
	/** The reference key of the invoice it is applied to; none for money on account. */
	invoiceKey?: string;
}

export interface PaymentPlan {
	key: string;
	serviceTitanId: string;
	customerNumber: string;
	date: string;
	total: string;
	description: string;
	/** What ServiceTitan says now: empty for a voided payment. */
	lines: PaymentLinePlan[];
}

/** One posted entry of a payment in the customer ledger; amount is the credit (negative for a debit). */
export interface PostedPaymentLine {
	key: string;
	amount: string;
}

/** A line the engine asks the ERP to post, with the posted invoice it is applied to. */
export interface PaymentLineWrite {
	key: string;
	amount: string;
	invoiceId?: string;
	invoiceNumber?: string;
}
