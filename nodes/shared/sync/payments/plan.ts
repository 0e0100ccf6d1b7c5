import type { IDataObject, INode } from 'n8n-workflow';

import type { Payment } from '../../canonical';
import { heldRecord, HoldError } from '../../hold';
import { applyNamingRule } from '../../mapping';
import { Decimal } from '../../money';
import { referenceKey } from '../keys';
import type { PaymentLinePlan, PaymentPlan } from './documents';

export interface PaymentPlanSettings {
	system: string;
	customerNumberRule: string;
	customerNumberLength: number;
}

/**
 * What ServiceTitan says a payment is now: one credit line per application (applied to its
 * invoice), one for the unapplied rest; none for a voided payment. A refund or a negative amount
 * is held: the engine posts credits, and a person decides how a refund leaves the bank.
 */
export function planPayment(node: INode, itemIndex: number, payment: Payment, mapped: IDataObject, settings: PaymentPlanSettings): PaymentPlan {
	const amounts = [payment.total, payment.unapplied, ...payment.applications.map((application) => application.amount)];
	if (amounts.some((amount) => Decimal.parse(amount).sign() < 0) || payment.refundedPaymentId) {
		throw new HoldError(node, itemIndex, {
			...heldRecord(payment),
			code: 'negative-amount',
			reason: `it is a refund or has a negative amount (${payment.total})`,
			fix: `Refunds are entered in ${settings.system} by a person (a refund to the customer, or a reversal of the original payment); nothing was posted.`,
		});
	}
	const lines: PaymentLinePlan[] = payment.applications.map((application, index) => ({
		key: application.applicationId ? referenceKey.application(application.applicationId) : referenceKey.applicationAt(payment.id, index + 1),
		amount: Decimal.parse(application.amount).toFixed(2),
		invoiceKey: referenceKey.invoice(application.invoiceId),
	}));
	if (Decimal.parse(payment.unapplied).sign() > 0) lines.push({ key: referenceKey.unapplied(payment.id), amount: Decimal.parse(payment.unapplied).toFixed(2) });
	// Every amount must reach the ERP exactly: checked before anything is written.
	for (const line of lines) Decimal.parse(line.amount).neg().toNumber(`journal line ${line.key} amount`);
	const customerNumber = String(mapped.customerNumber ?? applyNamingRule(settings.customerNumberRule, { id: payment.customer.id, name: payment.customer.name ?? '' }, settings.customerNumberLength));
	return {
		key: payment.externalDocumentNumber,
		serviceTitanId: payment.id,
		customerNumber,
		date: payment.date,
		total: Decimal.parse(payment.total).toFixed(2),
		description: `ServiceTitan ${payment.type ?? 'payment'} ${payment.reference ?? payment.checkNumber ?? payment.id}`.slice(0, 100),
		lines: payment.active ? lines : [],
	};
}
