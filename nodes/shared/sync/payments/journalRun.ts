import { sleep } from 'n8n-workflow';

import { vendorMessage } from '../../errors';
import { Decimal } from '../../money';
import type { WriteResult } from '../adapter';
import { readFailedPost } from '../failedWrite';
import type { PaymentAdapter, PaymentJournal, WaitingLine } from './adapter';
import type { PaymentEntry, PaymentVerdicts } from './entry';
import { paymentDifference } from './ledgerDiff';

/** Payments written into one journal and posted with it (one post: all or nothing). */
export const PAYMENTS_PER_JOURNAL = 100;
/** Refusals naming their line that are taken out one by one before the rest is isolated. */
const NAMED_REFUSALS = 3;
/** How long a run that should win a tie waits for the run that should yield to take its lines out. */
const CONTEST_PAUSE_MS = 1000;

export interface JournalRunOptions {
	post: boolean;
	/** A connector line waiting this long belongs to a run that died, and is taken over. */
	staleAfterMs: number;
}

type Failure = Extract<WriteResult<void>, { ok: false }>;

/**
 * Posts up to PAYMENTS_PER_JOURNAL payments through one journal of this run, exactly once:
 * 1. write every payment's lines into the run's journal;
 * 2. only then look for the same payments elsewhere: first in other journals, then in the
 *    customer ledger (posted since the first look). A line is always in a journal or, once posted,
 *    in the ledger (an adapter posts a journal all or nothing), and each run looks after its own lines
 *    exist, so of two runs the later one to look always sees the other's lines. A run posts a
 *    payment only from a look that found no other live line of it. Runs that see each other break
 *    the tie by journal name: the later name steps back at once, the earlier looks again after a
 *    pause and posts if the other has stepped back (if not, it steps back too: the next run posts);
 * 3. post the journal once. A refusal naming its line takes that payment out and posts again;
 *    any other refusal moves each payment to a journal of its own, so one bad line holds only
 *    its payment.
 * Lines of a connector journal left for review, or left by a run that died (older than the
 * stale age), are taken over; lines in a journal a person made are never touched.
 */
export class JournalRun {
	private journal: PaymentJournal | undefined;
	/** Lines of this run that failed to go in; their payments take no further part. */
	private readonly failedInserts = new Map<PaymentEntry, Failure>();
	/** Other connector journals whose lines this run took over: removed once empty. */
	private readonly emptied = new Map<string, PaymentJournal>();
	/** A line of this run could not be taken out again: the run's journal must never be posted. */
	private journalUnsafe = false;

	constructor(
		private readonly adapter: PaymentAdapter,
		private readonly verdicts: PaymentVerdicts,
		private readonly options: JournalRunOptions,
	) {}

	async run(entries: PaymentEntry[]): Promise<void> {
		const writers = entries.filter((entry) => entry.writes.length > 0);
		const voided = entries.filter((entry) => entry.plan.lines.length === 0);
		if (writers.length + voided.length === 0) return;
		try {
			await this.write(writers);
			const written = writers.filter((entry) => !entry.outcome);
			const contested = await this.look(written, voided, true);
			if (contested.length > 0) {
				await sleep(CONTEST_PAUSE_MS);
				await this.look(contested, [], false);
			}
			const posting = written.filter((entry) => !entry.outcome);
			if (posting.length === 0 || !this.options.post) return;
			if (this.journalUnsafe) await this.isolate(posting);
			else await this.postTogether(posting);
		} finally {
			await this.close(writers);
		}
	}

	private async write(writers: PaymentEntry[]): Promise<void> {
		if (writers.length === 0) return;
		const [opened] = await this.adapter.openJournals([null], !this.options.post);
		if (!opened.ok) {
			for (const entry of writers) entry.outcome = { error: opened.error };
			return;
		}
		const journal = (this.journal = opened.value);
		const added = await this.adapter.addLines(writers.map((entry) => ({ journal, plan: entry.plan, lines: entry.writes })));
		added.forEach((result, index) => {
			if (!result.ok) this.failedInserts.set(writers[index], result);
		});
	}

	/** Steps back, takes over or goes on, payment by payment; returns those that wait for a tie to resolve. */
	private async look(written: PaymentEntry[], voided: PaymentEntry[], mayWait: boolean): Promise<PaymentEntry[]> {
		// Journals first, then the ledger: a line posted in between is then seen in the ledger.
		const waiting = await this.adapter.waitingLines([...written, ...voided].map((entry) => entry.plan.key));
		const ledger = written.length > 0 ? await this.adapter.postedLines(written.map((entry) => entry.plan.key)) : new Map<string, never>();
		const contested: PaymentEntry[] = [];
		const ownRemovals: WaitingLine[] = [];
		const takeOvers: Array<{ entry: PaymentEntry; lines: WaitingLine[] }> = [];
		for (const entry of written) {
			const lines = waiting.get(entry.plan.key) ?? [];
			entry.ownLines = lines.filter((line) => line.journal.id === this.journal!.id);
			const rivals = lines.filter((line) => line.journal.id !== this.journal!.id);
			const stepBack = () => ownRemovals.push(...entry.ownLines!);
			const failed = this.failedInserts.get(entry);
			if (failed) {
				stepBack();
				this.holdFailed(entry, failed, 'take its journal line');
			} else if (this.ledgerMoved(entry, ledger.get(entry.plan.key) ?? [])) {
				stepBack();
				this.yieldToLedger(entry);
			} else if (rivals.some((line) => !this.takeable(line))) {
				const live = rivals.filter((line) => !this.takeable(line));
				if (mayWait && live.every((line) => this.winsOver(line))) contested.push(entry);
				else {
					stepBack();
					this.holdForRival(entry, live.find((line) => !this.winsOver(line)) ?? live[0]);
				}
			} else if (rivals.length > 0) takeOvers.push({ entry, lines: rivals });
		}
		for (const entry of voided) {
			const lines = waiting.get(entry.plan.key) ?? [];
			const blocking = lines.find((line) => !this.takeable(line));
			if (blocking) this.holdForRival(entry, blocking);
			else takeOvers.push({ entry, lines });
		}
		const stuck = await this.remove([...ownRemovals, ...takeOvers.flatMap(({ lines }) => lines)]);
		const retreat: WaitingLine[] = [];
		for (const { entry, lines } of takeOvers) {
			const left = lines.find((line) => stuck.has(line));
			if (left) {
				retreat.push(...(entry.ownLines ?? []));
				this.holdForRival(entry, left);
			} else if (entry.plan.lines.length === 0) this.holdVoided(entry, lines.length);
		}
		if (retreat.length > 0) await this.remove(retreat);
		return contested;
	}

	/** The tie-break between two live runs: the earlier journal name goes on. */
	private winsOver(line: WaitingLine): boolean {
		return line.journal.connector && this.journal!.name < line.journal.name;
	}

	/** Removes lines; lines of other journals are noted for tidying, and a line of this run left in place makes its journal unsafe to post. */
	private async remove(lines: WaitingLine[]): Promise<Set<WaitingLine>> {
		if (lines.length === 0) return new Set();
		const results = await this.adapter.removeLines(lines);
		const stuck = new Set(lines.filter((_, index) => !results[index].ok));
		for (const line of lines) {
			if (line.journal.id === this.journal?.id) this.journalUnsafe ||= stuck.has(line);
			else if (line.journal.connector) this.emptied.set(line.journal.id, line.journal);
		}
		return stuck;
	}

	private takeable(line: WaitingLine): boolean {
		return line.journal.connector && (line.journal.forReview || Date.now() - Date.parse(line.writtenAt) > this.options.staleAfterMs);
	}

	/** Whether the ledger changed for this payment since the first look (another run posted meanwhile). */
	private ledgerMoved(entry: PaymentEntry, posted: Parameters<typeof paymentDifference>[1]): boolean {
		const now = paymentDifference(entry.plan, posted);
		const before = new Map(entry.difference!.lines.map((line) => [line.key, line.posted]));
		const moved = now.lines.some((line) => !line.posted.eq(before.get(line.key) ?? Decimal.ZERO));
		if (moved) entry.difference = now;
		return moved;
	}

	private yieldToLedger(entry: PaymentEntry): void {
		this.verdicts.settleIfInLedger(entry);
		if (entry.outcome) return;
		this.verdicts.hold(entry, 'concurrent-run', 'another run posted part of it while this run was writing it', 'Nothing was posted twice; the next run posts only what the customer ledger still does not show.');
	}

	private holdForRival(entry: PaymentEntry, line: WaitingLine): void {
		const { system } = this.verdicts;
		if (!line.journal.connector) {
			return this.verdicts.hold(
				entry,
				'erp-status',
				`line ${line.key} of it waits unposted in ${system} journal ${line.journal.name}, which ml-connector did not create`,
				`Nothing was posted, so it is not credited twice. Post or delete that line in ${system}; the next run posts only what the customer ledger does not show.`,
			);
		}
		const minutes = Math.round(this.options.staleAfterMs / 60000);
		this.verdicts.hold(
			entry,
			'concurrent-run',
			`it is being posted by another run (${system} journal ${line.journal.name}) — it finishes there or on the next run`,
			`Nothing was posted twice. If that run stopped, its lines are taken over by the first run more than ${minutes} minutes after they were written.`,
		);
	}

	private holdVoided(entry: PaymentEntry, removed: number): void {
		this.verdicts.hold(
			entry,
			'inactive',
			'it is inactive (voided)',
			`Nothing was posted${removed ? ` and ${removed} waiting journal line(s) were removed` : ''}; nothing of it is in ${this.verdicts.system}'s customer ledger.`,
		);
	}

	private holdFailed(entry: PaymentEntry, failure: Failure, what: string): void {
		const failed = readFailedPost(failure.error);
		if (!failure.uncertain && failed.refused) {
			return this.verdicts.hold(
				entry,
				'posting-refused',
				`${this.verdicts.system} refused to ${what}: ${vendorMessage(failure.error)}`,
				'Nothing of this payment was posted and nothing of it waits; other payments were not held up. Fix the cause and run again.',
			);
		}
		entry.unconfirmed = true;
	}

	private async postTogether(posting: PaymentEntry[]): Promise<void> {
		let remaining = posting;
		for (let refusals = 0; remaining.length > 0; refusals++) {
			const [result] = await this.adapter.postJournals([this.journal!]);
			if (result.ok) return;
			if (result.uncertain || !readFailedPost(result.error).refused) {
				for (const entry of remaining) entry.unconfirmed = true;
				return;
			}
			const culprit = result.lineKey ? remaining.find((entry) => entry.ownLines!.some((line) => line.key === result.lineKey)) : undefined;
			if (!culprit || refusals >= NAMED_REFUSALS) return await this.isolate(remaining);
			this.holdFailed(culprit, result, 'post it');
			remaining = remaining.filter((entry) => entry !== culprit);
			await this.remove(culprit.ownLines!);
			if (this.journalUnsafe) return await this.isolate(remaining);
		}
	}

	/** Each payment through a journal of its own: a refusal holds that payment only. */
	private async isolate(entries: PaymentEntry[]): Promise<void> {
		const opened = await this.adapter.openJournals(
			entries.map((entry) => entry.plan.key),
			false,
		);
		const journals = opened.flatMap((result) => (result.ok ? [result.value] : []));
		try {
			const ready = entries.flatMap((entry, index) => {
				const result = opened[index];
				if (result.ok) return [{ entry, journal: result.value }];
				entry.outcome = { error: result.error };
				return [];
			});
			const added = await this.adapter.addLines(ready.map(({ entry, journal }) => ({ journal, plan: entry.plan, lines: entry.writes })));
			const posting = ready.filter(({ entry }, index) => {
				const result = added[index];
				if (!result.ok) this.holdFailed(entry, result, 'take its journal line');
				return result.ok;
			});
			const posted = await this.adapter.postJournals(posting.map(({ journal }) => journal));
			posted.forEach((result, index) => {
				if (!result.ok) this.holdFailed(posting[index].entry, result, 'post it');
			});
		} finally {
			await this.closeQuietly(journals);
		}
	}

	/** Post off: the run's journal stays for a person as long as lines of it wait there. */
	private async close(writers: PaymentEntry[]): Promise<void> {
		const waitsForReview = !this.options.post && !this.journalUnsafe && writers.some((entry) => !entry.outcome);
		if (this.journal && !waitsForReview) await this.closeQuietly([this.journal]);
		if (this.emptied.size > 0) await this.adapter.closeIfEmpty([...this.emptied.values()]).catch(() => undefined);
	}

	/**
	 * A journal that cannot be removed now is left behind: its posted lines are gone already, and
	 * lines still in it are taken over once stale, so the run's outcome stands.
	 */
	private async closeQuietly(journals: PaymentJournal[]): Promise<void> {
		if (journals.length > 0) await this.adapter.closeJournals(journals).catch(() => undefined);
	}
}
