import type { IDataObject, INode } from 'n8n-workflow';

import type { Payment } from '../../canonical';
import { heldRecord, HoldError, type HoldCode } from '../../hold';
import type { ItemOutcome } from '../../items';
import { Decimal } from '../../money';
import { chunks } from '../bulk';
import { groupByKey, itemOutcomes } from '../entries';
import type { PaymentAdapter, PostedInvoice } from './adapter';
import type { PaymentPlan } from './documents';
import type { PaymentEntry as Entry, PaymentVerdicts } from './entry';
import { JournalRun, PAYMENTS_PER_JOURNAL } from './journalRun';
import { baseKey, paymentDifference } from './ledgerDiff';

export type PaymentInput = { itemIndex: number; payment: Payment; plan: PaymentPlan } | { itemIndex: number; error: unknown };

export interface PaymentSyncOptions {
	post: boolean;
	dryRun: boolean;
	/** A connector line waiting this long belongs to a run that died, and is taken over. */
	staleAfterMs: number;
}

const money = (value: Decimal) => value.toFixed(2);

/**
 * Posts ServiceTitan payments exactly once, in bulk, through a journal per run of up to
 * PAYMENTS_PER_JOURNAL payments (see JournalRun: two runs never both post one payment). Only the
 * difference between ServiceTitan's figures and the customer ledger is posted. A payment changed after
 * posting in a way a further credit cannot express (an application lowered, moved or removed, a
 * void) is never credited again: it is held with both figures and what to do. One payment the ERP
 * refuses holds that payment only.
 */
export async function syncPayments(node: INode, adapter: PaymentAdapter, inputs: PaymentInput[], options: PaymentSyncOptions): Promise<ItemOutcome[]> {
	const direct = inputs.filter((input): input is Extract<PaymentInput, { error: unknown }> => 'error' in input);
	const planned = inputs.filter((input): input is Extract<PaymentInput, { plan: PaymentPlan }> => !('error' in input));
	const entries = groupByKey<(typeof planned)[number], Entry>(planned, (input) => input.plan.key, (input) => ({ plan: input.plan, payment: input.payment, writes: [], lines: [] }));
	const engine = new PaymentSync(node, adapter, options);
	try {
		await engine.run([...entries.values()]);
	} catch (error) {
		for (const entry of entries.values()) entry.outcome ??= { error };
	}
	return itemOutcomes(node, direct, entries.values());
}

class PaymentSync implements PaymentVerdicts {
	constructor(
		private readonly node: INode,
		private readonly adapter: PaymentAdapter,
		private readonly options: PaymentSyncOptions,
	) {}

	get system(): string {
		return this.adapter.system;
	}

	hold(entry: Entry, code: HoldCode, reason: string, fix: string): void {
		entry.outcome = { error: new HoldError(this.node, entry.items[0], { ...heldRecord(entry.payment), code, reason, fix }) };
	}

	private settle(entry: Entry, action: string): void {
		entry.outcome = {
			json: {
				action,
				serviceTitanPaymentId: entry.plan.serviceTitanId,
				externalDocumentNumber: entry.plan.key,
				customerNumber: entry.plan.customerNumber,
				lines: entry.lines as unknown as IDataObject[],
			},
		};
	}

	private open = (entries: Entry[]) => entries.filter((entry) => !entry.outcome);

	private async readLedger(entries: Entry[]): Promise<void> {
		if (entries.length === 0) return;
		const posted = await this.adapter.postedLines(entries.map((entry) => entry.plan.key));
		for (const entry of entries) entry.difference = paymentDifference(entry.plan, posted.get(entry.plan.key) ?? []);
	}

	async run(all: Entry[]): Promise<void> {
		// Most payments of a rerun are already in the ledger: settled before anything is written.
		await this.readLedger(all);
		for (const entry of all) this.settleIfInLedger(entry);
		if (this.options.dryRun) return await this.dryRun(this.open(all));
		await this.plan(this.open(all));
		// Each chunk is finished before the next: a failure later in the run leaves its outcomes standing.
		for (const chunk of chunks(this.open(all), PAYMENTS_PER_JOURNAL)) {
			await new JournalRun(this.adapter, this, this.options).run(chunk);
			await this.confirm(chunk.filter((entry) => entry.unconfirmed && !entry.outcome));
			for (const entry of this.open(chunk)) this.finish(entry);
		}
	}

	/**
	 * Already in the ledger as ServiceTitan has it: nothing to do. Changed after posting: held. A
	 * voided payment with nothing posted is left to the journal run, which removes lines an
	 * earlier run left waiting.
	 */
	settleIfInLedger(entry: Entry): void {
		const difference = entry.difference!;
		entry.lines = difference.lines.map((line) => ({
			documentNumber: line.key,
			amount: money(line.desired),
			invoice: line.invoiceKey ?? null,
			status: line.desired.cmp(line.posted) === 0 && !line.posted.isZero() ? 'posted' : 'planned',
		}));
		if (difference.lower.length > 0) return this.holdChanged(entry);
		if (entry.payment.syncStatus === 'Exported' && difference.lines.every((line) => line.posted.isZero()) && entry.plan.lines.length > 0) {
			return this.hold(
				entry,
				'missing-in-erp',
				`ServiceTitan shows it exported, but ${this.adapter.system}'s customer ledger has nothing with external document number ${entry.plan.key}`,
				`It was exported by another system or entered by hand: nothing was posted, so it is not credited twice. If ${this.adapter.system} has it, set its external document number to ${entry.plan.key}; if not, set it back in ServiceTitan and it posts on the next run.`,
			);
		}
		if (difference.raise.length === 0 && entry.plan.lines.length > 0) this.settle(entry, 'existing');
	}

	private holdChanged(entry: Entry): void {
		const { system } = this.adapter;
		const lowered = entry.difference!.lower.map((line) => `${line.key}: ${money(line.posted)} posted, ServiceTitan now ${money(line.desired)}`).join('; ');
		const raised = entry.difference!.raise.map((line) => `${line.key}${line.invoiceKey ? ` (to ${line.invoiceKey})` : ''}: ${money(line.posted)} posted, ServiceTitan now ${money(line.desired)}`).join('; ');
		const voided = entry.plan.lines.length === 0;
		this.hold(
			entry,
			'changed-after-posting',
			voided ? `voided in ServiceTitan after it was posted (${lowered})` : `changed in ServiceTitan after it was posted — ${lowered}${raised ? `; ${raised}` : ''}`,
			voided
				? `Reverse the posted entries ${entry.difference!.lower.map((line) => line.key).join(', ')} (external document number ${entry.plan.key}) in ${system}; nothing more was posted.`
				: `Nothing more was posted, so nothing is credited twice. In ${system}, unapply and re-apply (or reverse and re-enter) the entries with external document number ${entry.plan.key} so they match ServiceTitan's figures above.`,
		);
	}

	private async invoicesFor(entries: Entry[]): Promise<Map<string, PostedInvoice>> {
		const keys = [...new Set(entries.flatMap((entry) => entry.difference!.raise.map((line) => line.invoiceKey).filter((key): key is string => !!key)))];
		return keys.length > 0 ? await this.adapter.postedInvoices(keys) : new Map();
	}

	/** The lines to write: each raise, applied to its posted invoice; one whose invoice is not posted waits. */
	private async plan(entries: Entry[]): Promise<void> {
		const invoices = await this.invoicesFor(entries);
		for (const entry of entries) {
			for (const line of entry.difference!.raise) {
				const outcome = entry.lines.find((candidate) => candidate.documentNumber === line.key)!;
				const invoice = line.invoiceKey ? invoices.get(line.invoiceKey) : undefined;
				if (line.invoiceKey && !invoice) {
					outcome.status = 'held';
					outcome.reason = `invoice ${line.invoiceKey} is not posted in ${this.adapter.system} yet`;
					continue;
				}
				// An invoice the ERP already shows closed (a credit memo for an adjustment settled it) takes no
				// application: the money is credited on account, so the customer's balance still ties out.
				const closed = invoice?.remaining !== undefined && Decimal.parse(invoice.remaining).isZero();
				if (closed) {
					outcome.onAccount = true;
					outcome.reason = `invoice ${invoice!.number} (${line.invoiceKey}) is already closed in ${this.adapter.system}: credited on account`;
				}
				entry.writes.push({ key: line.writeKey, amount: money(line.desired.sub(line.posted)), ...(invoice && !closed ? { invoiceId: invoice.id, invoiceNumber: invoice.number } : {}) });
			}
		}
	}

	private async dryRun(entries: Entry[]): Promise<void> {
		await this.plan(entries);
		for (const entry of entries) {
			for (const write of entry.writes) {
				const line = entry.lines.find((candidate) => candidate.documentNumber === baseKey(write.key))!;
				line.payload = this.adapter.preview(entry.plan, write) as IDataObject;
			}
			this.settle(entry, 'dryRun');
		}
	}

	/** The ledger decides what was posted, whatever the answers said. */
	private async confirm(entries: Entry[]): Promise<void> {
		if (entries.length === 0) return;
		await this.readLedger(entries);
		for (const entry of entries) {
			const posted = new Map(entry.difference!.lines.map((line) => [line.key, line]));
			for (const line of entry.lines) {
				const now = posted.get(line.documentNumber);
				if (now && now.desired.eq(now.posted) && !now.posted.isZero()) line.status = 'posted';
			}
			const stillMissing = entry.difference!.raise.filter((line) => entry.writes.some((write) => baseKey(write.key) === line.key));
			if (stillMissing.length > 0) {
				this.hold(
					entry,
					'posting-unconfirmed',
					`${this.adapter.system} did not confirm posting ${stillMissing.map((line) => line.key).join(', ')} and its customer ledger does not show them`,
					'Run again: what the ledger shows is never posted twice; the rest is posted.',
				);
			}
		}
	}

	private finish(entry: Entry): void {
		const written = new Set(entry.writes.map((write) => baseKey(write.key)));
		for (const line of entry.lines) {
			if (line.status === 'planned' && written.has(line.documentNumber)) line.status = this.options.post ? 'posted' : 'created';
		}
		const held = entry.lines.filter((line) => line.status === 'held');
		if (held.length > 0) {
			const others = entry.lines.length - held.length;
			const posted = entry.lines.filter((line) => line.status === 'posted').length;
			const waiting = entry.lines.filter((line) => line.status === 'created').length;
			const state = others === 0 ? '' : ` Of the other ${others}: ${posted} posted${waiting ? `, ${waiting} waiting unposted` : ''}.`;
			return this.hold(
				entry,
				'missing-in-erp',
				`${held.length} of ${entry.lines.length} application(s) held — ${held.map((line) => line.reason).join('; ')}`,
				`Post the invoice first; the held application(s) post on a later run.${state}`,
			);
		}
		this.settle(entry, entry.writes.length === 0 ? 'existing' : this.options.post ? 'posted' : 'created');
	}
}
