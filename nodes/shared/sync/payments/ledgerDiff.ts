import { Decimal } from '../../money';
import type { PaymentLinePlan, PaymentPlan, PostedPaymentLine } from './documents';

/** A line's correcting entries are `<key>-C<n>`: they count toward the line they correct. */
const CORRECTION = /-C(\d+)$/;

export interface LineDifference {
	key: string;
	posted: Decimal;
	desired: Decimal;
	invoiceKey?: string;
}

export interface PaymentDifference {
	/** Lines ServiceTitan credits more than the ledger does: to post (the key, or its next correction). */
	raise: Array<LineDifference & { writeKey: string }>;
	/** Lines the ledger credits more than ServiceTitan now does (lowered, moved, voided). */
	lower: LineDifference[];
	/** Every line, as it stands. */
	lines: LineDifference[];
}

export function baseKey(key: string): string {
	return key.replace(CORRECTION, '');
}

/** ServiceTitan's figures for a payment against what its customer ledger entries hold, line by line. */
export function paymentDifference(plan: PaymentPlan, posted: PostedPaymentLine[]): PaymentDifference {
	const postedByKey = new Map<string, Decimal>();
	const corrections = new Map<string, number>();
	for (const entry of posted) {
		const key = baseKey(entry.key);
		postedByKey.set(key, (postedByKey.get(key) ?? Decimal.ZERO).add(entry.amount));
		const sequence = CORRECTION.exec(entry.key);
		if (sequence) corrections.set(key, Math.max(corrections.get(key) ?? 0, Number(sequence[1])));
	}
	const desired = new Map<string, PaymentLinePlan>(plan.lines.map((line) => [line.key, line]));
	const keys = [...new Set([...desired.keys(), ...postedByKey.keys()])];
	const lines = keys.map((key): LineDifference => ({
		key,
		posted: postedByKey.get(key) ?? Decimal.ZERO,
		desired: desired.has(key) ? Decimal.parse(desired.get(key)!.amount) : Decimal.ZERO,
		...(desired.get(key)?.invoiceKey ? { invoiceKey: desired.get(key)!.invoiceKey } : {}),
	}));
	return {
		lines,
		lower: lines.filter((line) => line.posted.cmp(line.desired) > 0),
		raise: lines
			.filter((line) => line.desired.cmp(line.posted) > 0)
			.map((line) => ({ ...line, writeKey: line.posted.isZero() && !corrections.has(line.key) ? line.key : `${line.key}-C${(corrections.get(line.key) ?? 0) + 1}` })),
	};
}
