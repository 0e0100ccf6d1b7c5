import type { IDataObject, INode } from 'n8n-workflow';

import type { ArInvoice } from '../canonical';
import { vendorMessage } from '../errors';
import { heldRecord, HoldError, type HoldCode } from '../hold';
import { Decimal } from '../money';
import { groupByKey, itemOutcomes, type KeyedEntry } from './entries';
import { readFailedPost } from './failedWrite';
import type { SalesDocumentAdapter } from './adapter';
import type { ErpDocument, SalesDocumentKind, SalesDocumentPlan } from './documents';
import type { ItemOutcome } from '../items';

export type SalesInput = { itemIndex: number; invoice: ArInvoice; plan: SalesDocumentPlan | undefined } | { itemIndex: number; error: unknown };

export interface SalesSyncOptions {
	post: boolean;
	dryRun: boolean;
}

/** One reference key of the run and its state. */
interface Entry extends KeyedEntry {
	plan: SalesDocumentPlan;
	invoice: ArInvoice;
	drafts: ErpDocument[];
	appliesTo?: ErpDocument;
	created?: ErpDocument;
	createUncertain?: unknown;
	postError?: { error: unknown; uncertain: boolean };
}

const UNPOSTED_FIX = 'Nothing was posted; it posts on a later run.';
const noun = (entry: Entry) => (entry.plan.kind === 'creditMemo' ? 'credit memo' : 'invoice');

function summary(entry: Entry, action: string, document?: ErpDocument): IDataObject {
	return {
		action,
		kind: entry.plan.kind,
		serviceTitanInvoiceId: entry.plan.serviceTitanId,
		externalDocumentNumber: entry.plan.key,
		id: document?.id ?? null,
		number: document?.number ?? null,
		status: document?.statusText ?? null,
		total: document?.total ?? null,
	};
}

/**
 * Posts ServiceTitan invoices and adjustments to an ERP exactly once, in bulk: every document of
 * the run is looked up by its reference at once, created together (header, lines and dimensions),
 * checked against ServiceTitan's total, posted together and read back together. Each input item
 * gets its own result or hold; nothing is half-written without a trace.
 */
export async function syncSalesDocuments(node: INode, adapter: SalesDocumentAdapter, inputs: SalesInput[], options: SalesSyncOptions): Promise<ItemOutcome[]> {
	const direct: ItemOutcome[] = [];
	const planned: Array<{ itemIndex: number; invoice: ArInvoice; plan: SalesDocumentPlan }> = [];
	for (const input of inputs) {
		if ('error' in input) direct.push(input);
		else if (!input.plan) direct.push({ itemIndex: input.itemIndex, json: { action: 'skipped', serviceTitanInvoiceId: input.invoice.id, externalDocumentNumber: input.invoice.externalDocumentNumber, reason: 'nothing to post: a $0 invoice without lines' } });
		else planned.push({ itemIndex: input.itemIndex, invoice: input.invoice, plan: input.plan });
	}
	const entries = groupByKey<(typeof planned)[number], Entry>(planned, (input) => input.plan.key, (input) => ({ plan: input.plan, invoice: input.invoice, drafts: [] }));
	const engine = new SalesSync(node, adapter, options);
	// Invoices first: an adjustment arriving with the invoice it adjusts becomes a credit memo in the same run.
	for (const kind of ['invoice', 'creditMemo'] as SalesDocumentKind[]) {
		const ofKind = [...entries.values()].filter((entry) => entry.plan.kind === kind);
		try {
			if (ofKind.length > 0) await engine.run(ofKind);
		} catch (error) {
			for (const entry of ofKind) entry.outcome ??= { error };
		}
	}
	return itemOutcomes(node, direct, entries.values());
}

class SalesSync {
	constructor(
		private readonly node: INode,
		private readonly adapter: SalesDocumentAdapter,
		private readonly options: SalesSyncOptions,
	) {}

	private hold(entry: Entry, code: HoldCode, reason: string, fix: string): void {
		entry.outcome = { error: new HoldError(this.node, entry.items[0], { ...heldRecord(entry.invoice), code, reason, fix }) };
	}

	private settle(entry: Entry, action: string, document?: ErpDocument, extra: IDataObject = {}): void {
		entry.outcome = { json: { ...summary(entry, action, document), ...extra } };
	}

	private open = (entries: Entry[]) => entries.filter((entry) => !entry.outcome);

	private async find(entries: Entry[]): Promise<Map<string, ErpDocument[]>> {
		const found = new Map<string, ErpDocument[]>();
		for (const kind of ['invoice', 'creditMemo'] as SalesDocumentKind[]) {
			const keys = entries.filter((entry) => entry.plan.kind === kind).map((entry) => entry.plan.key);
			if (keys.length === 0) continue;
			for (const [key, documents] of await this.adapter.findDocuments(kind, keys)) found.set(`${kind}:${key}`, documents);
		}
		return found;
	}

	async run(all: Entry[]): Promise<void> {
		const existing = await this.find(all);
		for (const entry of all) this.classify(entry, existing.get(`${entry.plan.kind}:${entry.plan.key}`) ?? []);
		await this.resolveAppliesTo(this.open(all));
		await this.requireCustomers(this.open(all));
		if (this.options.dryRun) return this.dryRun(this.open(all));

		await this.deleteDrafts(this.open(all));
		await this.create(this.open(all));
		await this.settleCreation(this.open(all));
		const toPost = this.open(all);
		if (!this.options.post) {
			for (const entry of toPost) this.settle(entry, entry.drafts.length ? 'draftReplaced' : 'draftCreated', entry.created);
			return;
		}
		await this.post(toPost);
	}

	/** Posted: done (or edited after posting, reported). Blocked: held. Drafts of an earlier run: replaced. */
	private classify(entry: Entry, documents: ErpDocument[]): void {
		const { system } = this.adapter;
		const posted = documents.find((document) => document.status === 'posted');
		if (posted) {
			if (Decimal.parse(posted.total).eq(entry.plan.total)) return this.settle(entry, 'existing', posted);
			return this.hold(
				entry,
				'changed-after-posting',
				`changed in ServiceTitan after it was posted: ${system} has ${posted.number} for ${posted.total}, ServiceTitan now says ${entry.plan.total}`,
				`Posted documents are never changed. Post the difference of ${Decimal.parse(entry.plan.total).sub(posted.total).toFixed(2)} in ${system} (a credit memo or a corrective invoice), or undo the edit in ServiceTitan.`,
			);
		}
		if (documents.length === 0 && entry.invoice.syncStatus === 'Exported') {
			return this.hold(
				entry,
				'missing-in-erp',
				`ServiceTitan shows it exported, but ${system} has no document with reference ${entry.plan.key}`,
				`It was exported by another system or entered by hand: nothing was posted, so it is not booked twice. If ${system} has it, set its external document number to ${entry.plan.key}; if not, set it back to Posted in ServiceTitan and it posts on the next run.`,
			);
		}
		const blocked = documents.find((document) => document.status !== 'draft');
		if (blocked) {
			return this.hold(entry, 'erp-status', `${system} has it as ${blocked.number} with status "${blocked.statusText}"`, `Finish (approve) or remove it in ${system}; nothing new was created.`);
		}
		entry.drafts = documents;
	}

	/** A credit memo is applied to the invoice it adjusts, which must be posted first. */
	private async resolveAppliesTo(entries: Entry[]): Promise<void> {
		const memos = entries.filter((entry) => entry.plan.appliesToKey);
		if (memos.length === 0) return;
		const invoices = await this.adapter.findDocuments('invoice', [...new Set(memos.map((entry) => entry.plan.appliesToKey!))]);
		for (const entry of memos) {
			const invoice = (invoices.get(entry.plan.appliesToKey!) ?? []).find((document) => document.status === 'posted');
			if (invoice) entry.appliesTo = invoice;
			else {
				this.hold(entry, 'missing-in-erp', `the invoice it adjusts (${entry.plan.appliesToKey}) is not posted in ${this.adapter.system} yet`, `Post that invoice first; this credit memo posts on a later run.`);
			}
		}
	}

	private async requireCustomers(entries: Entry[]): Promise<void> {
		if (entries.length === 0) return;
		const known = await this.adapter.existingCustomers([...new Set(entries.map((entry) => entry.plan.customerNumber))]);
		for (const entry of entries) {
			if (!known.has(entry.plan.customerNumber)) {
				this.hold(entry, 'missing-in-erp', `customer ${entry.plan.customerNumber} is not in ${this.adapter.system} yet`, `Run the customers flow (ServiceTitan → ${this.adapter.system}: customers) first; this ${noun(entry)} posts on the next run.`);
			}
		}
	}

	private dryRun(entries: Entry[]): void {
		for (const entry of entries) {
			this.settle(entry, entry.drafts.length ? 'replaceDraft' : 'create', undefined, { dryRun: true, payload: this.adapter.preview(entry.plan) as IDataObject, dimensions: entry.plan.dimensions as unknown as IDataObject[] });
		}
	}

	private async deleteDrafts(entries: Entry[]): Promise<void> {
		const withDrafts = entries.filter((entry) => entry.drafts.length > 0);
		const drafts = withDrafts.flatMap((entry) => entry.drafts.map((draft) => ({ entry, draft })));
		if (drafts.length === 0) return;
		const results = await this.adapter.deleteDocuments(drafts.map(({ draft }) => draft));
		results.forEach((result, index) => {
			const { entry, draft } = drafts[index];
			if (!result.ok && !entry.outcome) {
				this.hold(entry, 'erp-status', `the unposted draft ${draft.number} left by an earlier run could not be replaced: ${vendorMessage(result.error)}`, `Remove draft ${draft.number} in ${this.adapter.system}; nothing new was created.`);
			}
		});
	}

	private async create(entries: Entry[]): Promise<void> {
		if (entries.length === 0) return;
		const results = await this.adapter.createDocuments(entries.map((entry) => ({ ...entry.plan, appliesTo: entry.appliesTo })));
		results.forEach((result, index) => {
			const entry = entries[index];
			if (result.ok) entry.created = result.value;
			else if (result.uncertain) entry.createUncertain = result.error;
			else this.hold(entry, 'posting-refused', `${this.adapter.system} refused to create it: ${vendorMessage(result.error)}`, `Fix the cause and run again; nothing was created.`);
		});
	}

	/**
	 * Reads every key again: a create whose answer was lost is resolved by its reference, and when
	 * another run created the same document at the same moment the lowest number wins and the other
	 * is removed. Then ServiceTitan's total is checked against the ERP's.
	 */
	private async settleCreation(entries: Entry[]): Promise<void> {
		if (entries.length === 0) return;
		const found = await this.find(entries);
		const losers: Array<{ entry: Entry; document: ErpDocument }> = [];
		for (const entry of entries) {
			const documents = found.get(`${entry.plan.kind}:${entry.plan.key}`) ?? [];
			if (!entry.created) {
				const draft = documents.length === 1 && documents[0].status === 'draft' ? documents[0] : undefined;
				if (draft) entry.created = draft;
				else {
					this.hold(entry, 'posting-unconfirmed', `the answer to creating it was lost and ${this.adapter.system} shows ${documents.length === 0 ? 'no such document' : `${documents.length} documents`} for ${entry.plan.key}: ${vendorMessage(entry.createUncertain)}`, UNPOSTED_FIX);
					continue;
				}
			}
			const winner = documents.find((document) => document.status === 'posted') ?? [...documents].sort((a, b) => a.number.localeCompare(b.number))[0];
			if (winner && winner.id !== entry.created.id) {
				losers.push({ entry, document: entry.created });
				this.hold(entry, 'concurrent-run', 'another run is posting it at the same moment', 'Nothing was duplicated: the other run posts it, and the next run marks it exported.');
				continue;
			}
			if (!Decimal.parse(entry.created.total).eq(entry.plan.total)) {
				this.hold(
					entry,
					'totals-differ',
					`${this.adapter.system} computed ${entry.created.total} but ServiceTitan says ${entry.plan.total}`,
					`Draft ${entry.created.number} was left unposted for review (the next run replaces it, never adds a second one). A customer or line set up to add tax in ${this.adapter.system} is the usual cause.`,
				);
			}
		}
		if (losers.length > 0) await this.adapter.deleteDocuments(losers.map(({ document }) => document));
	}

	private async post(entries: Entry[]): Promise<void> {
		if (entries.length === 0) return;
		const results = await this.adapter.postDocuments(entries.map((entry) => entry.created!));
		results.forEach((result, index) => {
			if (!result.ok) entries[index].postError = { error: result.error, uncertain: result.uncertain };
		});
		// Whatever posting answered, the ERP's own state decides: a lost answer may hide a posted document.
		const found = await this.find(entries);
		for (const entry of entries) {
			const documents = found.get(`${entry.plan.kind}:${entry.plan.key}`) ?? [];
			const current = documents.find((document) => document.id === entry.created!.id) ?? documents.find((document) => document.status === 'posted');
			if (current?.status === 'posted') {
				this.settle(entry, entry.drafts.length ? 'postedReplacingDraft' : 'posted', current);
			} else if (entry.postError && !entry.postError.uncertain) {
				this.hold(
					entry,
					'posting-refused',
					`${this.adapter.system} refused to post draft ${entry.created!.number}: ${vendorMessage(entry.postError.error)}`,
					`Fix the cause (posting date range, blocked customer, dimension value) and run again: the draft is replaced and posted, never a second ${noun(entry)}.`,
				);
			} else {
				const answer = entry.postError ? readFailedPost(entry.postError.error).answer : 'its answer said posted';
				this.hold(
					entry,
					'posting-unconfirmed',
					`${this.adapter.system} did not confirm posting draft ${entry.created!.number} (${answer}) and it is still ${current ? `a ${current.statusText.toLowerCase()}` : 'missing'}`,
					`Run again: the draft is replaced and posted, never a second ${noun(entry)}.`,
				);
			}
		}
	}
}
