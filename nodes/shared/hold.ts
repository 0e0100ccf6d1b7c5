import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CanonicalError, type CanonicalDocument } from './canonical';
import { MappingError } from './mapping';
import { money, MoneyError } from './money';

/** Why a document is held, stable for Switch and Filter nodes; `reason` says it in words. */
export type HoldCode =
	/** A value is missing from a mapping table (or empty on the record). */
	| 'unmapped'
	/** The source record cannot be converted: amounts that do not add up, a missing field, an amount no ERP can take. */
	| 'invalid-record'
	/** Voided in the source system. */
	| 'inactive'
	/** An adjustment with a negative total, or a refund. */
	| 'negative-amount'
	/** Something it needs is not in the ERP yet: the customer, the invoice it pays, the journal. */
	| 'missing-in-erp'
	/** The ERP has the document in a state that blocks posting (in review, canceled). */
	| 'erp-status'
	/** What waits in the ERP differs from the source (a journal line with another amount). */
	| 'changed-in-erp'
	/** Changed in the source after it was posted; posted documents are never changed. */
	| 'changed-after-posting'
	/** The lines, or the ERP's total, differ from the source total. */
	| 'totals-differ'
	/** Another run is posting the same document at the same moment. */
	| 'concurrent-run'
	/** The ERP refused to post, in its own words. */
	| 'posting-refused'
	/** The ERP did not confirm posting (a lost answer, a 5xx) and has not posted, or could not be asked. */
	| 'posting-unconfirmed';

/** The record a hold is about: the same fields for every source and every ERP. */
export interface HeldRecord {
	/** The canonical key, e.g. "servicetitan:invoice:880011" (unique; a Data table can upsert on it). */
	key: string | null;
	/** Canonical type: invoice, payment, inventoryBill, customer, vendor. */
	recordType: string;
	/** The source system's ID. */
	recordId: string | null;
	/** The number people know it by (invoice number, payment reference), when it has one. */
	number: string | null;
	/** The document's total as a decimal string with cents ("1250.00"), when it has one. */
	amount: string | null;
	/** The source system's business unit ID, when the record names one (reports put it in its row). */
	businessUnit: string | null;
}

/** What a held item carries in `details`, next to `error` (what happened) and `message` (what to do). */
export interface HeldDocument extends HeldRecord {
	code: HoldCode;
	reason: string;
	fix: string;
}

const SYSTEM_NAMES: Record<string, string> = { servicetitan: 'ServiceTitan' };
const TYPE_NAMES: Record<string, string> = { inventoryBill: 'inventory bill' };

function text(value: unknown): string | null {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

function amountOf(value: unknown): string | null {
	try {
		return value === undefined || value === null ? null : money(value as string).toFixed(2);
	} catch {
		return null;
	}
}

/** The record part of a hold, from a canonical document. */
export function heldRecord(document: CanonicalDocument): HeldRecord {
	const fields = document as unknown as IDataObject & { source: { system: string; type: string; id: string; number?: string } };
	return {
		key: document.key,
		recordType: fields.source.type,
		recordId: fields.source.id,
		number: text(fields.number) ?? text(fields.source.number),
		amount: amountOf(fields.total),
		businessUnit: text((fields.businessUnit as IDataObject | undefined)?.id),
	};
}

/** The record part of a hold, from a raw source record that could not be converted. */
export function heldRawRecord(system: string, recordType: string, record: IDataObject | undefined): HeldRecord {
	const recordId = text(record?.id);
	return {
		key: recordId ? `${system}:${recordType}:${recordId}` : null,
		recordType,
		recordId,
		number: text(record?.number) ?? text(record?.referenceNumber),
		amount: amountOf(record?.total ?? record?.billAmount),
		businessUnit: text((record?.businessUnit as IDataObject | undefined)?.id),
	};
}

/** "ServiceTitan invoice 1001 (ID 880011)", "ServiceTitan payment 990021". */
export function describeHeld(record: HeldRecord): string {
	const system = record.key ? (SYSTEM_NAMES[record.key.split(':')[0]] ?? '') : '';
	const type = TYPE_NAMES[record.recordType] ?? record.recordType;
	const id = record.number && record.number !== record.recordId ? `${record.number} (ID ${record.recordId ?? 'unknown'})` : (record.recordId ?? '(no ID)');
	return `${system} ${type} ${id}`.trim();
}

/**
 * A document that cannot be posted yet: an error item (routed to the error output) that says
 * which document, why, and what to do, with those as fields in `held` so a flow can filter,
 * count and store held documents.
 */
export class HoldError extends NodeOperationError {
	readonly held: HeldDocument;

	constructor(node: INode, itemIndex: number, held: HeldDocument, message = `${describeHeld(held)}: ${held.reason}`) {
		super(node, message, { itemIndex, description: held.fix });
		// n8n swaps a message that merely contains "ECONNRESET", "EPERM", "EEXIST"… (any case, e.g. in a
		// customer's name) for a generic network text; a hold must keep its own words.
		this.message = message;
		this.held = held;
	}
}

/**
 * Turns the data problems of one document into a hold: a value missing from a mapping table, a
 * record that cannot be converted, an amount that cannot be sent exactly. Anything else (a node
 * setting, an HTTP failure) is returned as it is.
 */
export function holdForDataProblem(node: INode, itemIndex: number, record: HeldRecord, error: unknown): unknown {
	if (error instanceof HoldError) return error;
	if (error instanceof MappingError && (error.code === 'unmapped' || error.code === 'missing-value')) {
		const fix = error.fix ?? `Add the value to the mapping table "${error.table ?? ''}" or set a default.`;
		return new HoldError(node, itemIndex, { ...record, code: 'unmapped', reason: error.reason, fix }, error.message);
	}
	if (error instanceof CanonicalError) {
		const fix = error.fix ?? 'Correct the record at its source and run again.';
		const reason = error.fix && error.message.endsWith(error.fix) ? error.message.slice(0, -error.fix.length).trim() : error.message;
		return new HoldError(node, itemIndex, { ...record, code: 'invalid-record', reason, fix }, error.message);
	}
	if (error instanceof MoneyError && error.reason === 'not-exact-as-number') {
		return new HoldError(node, itemIndex, { ...record, code: 'invalid-record', reason: error.message, fix: 'Correct the amount at its source; nothing was sent.' });
	}
	return error;
}

/** `{ details }` for an error item's JSON when the error is a hold: the held document's fields. */
export function heldFields(error: unknown): IDataObject {
	return error instanceof HoldError ? { details: { ...error.held } as unknown as IDataObject } : {};
}
