import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeHttpFailure } from '../../../shared/http';
import { readVendorError } from '../../../shared/errors';
import type { BatchRequest } from '../../../shared/odata';
import { redactText, secretValues } from '../../../shared/redact';
import { chunks } from '../../../shared/sync/bulk';
import { ROLLED_BACK } from '../../transport/multipart';
import { CREDENTIAL_TYPE, FINANCE_OPERATIONS_LIMITS, type FinanceOperationsClient, type KeyValue } from '../../transport';

export interface HeaderWithLines {
	/** "free text invoice for customer US-001", for messages */
	label: string;
	headerSet: string;
	header: IDataObject;
	/** The created header's key (without dataAreaId), read from F&O's answer. */
	headerKey(created: IDataObject): Record<string, KeyValue>;
	lineSet: string;
	/** The line bodies, each tied to the created header. */
	lines(created: IDataObject): IDataObject[];
	/** "line 2 (main account 401100)" */
	lineLabel(line: IDataObject, index: number): string;
}

async function redacted(context: IExecuteFunctions, text: string): Promise<string> {
	return redactText(text, secretValues((await context.getCredentials(CREDENTIAL_TYPE)) as Record<string, unknown>));
}

/** What F&O said about a refused line, in its own (redacted) words. */
function refusal(body: IDataObject | undefined, status: number): string {
	return readVendorError(body).message ?? `HTTP ${status}`;
}

/**
 * Creates a header, then its lines (F&O needs the header first) in atomic changesets, and returns
 * the header with its lines. When a line is refused, no line of that changeset is written and the
 * header is deleted again, so no half document stays behind; the error names the line and what
 * F&O said.
 */
export async function createHeaderWithLines(context: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number, document: HeaderWithLines): Promise<IDataObject> {
	const created = await client.create<IDataObject>(document.headerSet, document.header);
	const lines = document.lines(created).map((line) => ({ ...line, dataAreaId: client.legalEntity }));
	const written: IDataObject[] = [];
	let offset = 0;
	for (const group of chunks(lines, FINANCE_OPERATIONS_LIMITS.batchSize)) {
		const requests: BatchRequest[] = group.map((body, index) => ({ id: String(offset + index + 1), method: 'POST', url: document.lineSet, body }));
		let failure: { index?: number; message: string } | undefined;
		try {
			const answers = await client.batch(requests, { atomic: true });
			const refused = answers.findIndex((answer) => answer.status >= 400 && answer.status !== ROLLED_BACK);
			const failed = refused >= 0 ? refused : answers.findIndex((answer) => answer.status >= 400);
			if (failed >= 0) failure = { index: offset + failed, message: refusal(answers[failed].body, answers[failed].status) };
			else written.push(...answers.map((answer) => answer.body ?? {}));
		} catch (error) {
			failure = { message: readVendorError(describeHttpFailure(error).body).message ?? (error as Error).message };
		}
		if (failure) {
			const fate = await removeHeader(client, document, created);
			const what =
				failure.index === undefined
					? `Finance & Operations did not take the lines of the ${document.label}`
					: `Finance & Operations refused ${document.lineLabel(lines[failure.index], failure.index)} of the ${document.label}`;
			throw new NodeOperationError(context.getNode(), await redacted(context, `${what}: ${failure.message}`), { itemIndex, description: await redacted(context, fate) });
		}
		offset += group.length;
	}
	return { ...created, lines: written };
}

async function removeHeader(client: FinanceOperationsClient, document: HeaderWithLines, created: IDataObject): Promise<string> {
	const key = document.headerKey(created);
	const shown = Object.values(key).join(', ');
	try {
		await client.remove(document.headerSet, key);
		return `The header (${shown}) was deleted again, so nothing of this document is left in F&O. Fix the line and run again.`;
	} catch (error) {
		return `The header (${shown}) could not be deleted again (${(error as Error).message}): delete it in F&O, or complete its lines there, before running again.`;
	}
}
