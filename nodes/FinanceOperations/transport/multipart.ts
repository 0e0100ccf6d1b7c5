import type { IDataObject } from 'n8n-workflow';

import type { BatchRequest, BatchResponse } from '../../shared/odata';

/**
 * F&O's `$batch` is OData's multipart/mixed form (no JSON batch): each part an inner HTTP request
 * with an absolute URL; a changeset (nested multipart) is atomic, and when it fails F&O answers it
 * with one part, the failure, for all its requests.
 */

const CRLF = '\r\n';

/** OData's status for a request that was not carried out because another one it depended on failed. */
export const ROLLED_BACK = 424;

function boundaryOf(contentType: string): string | undefined {
	return /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)?.slice(1).find(Boolean);
}

function requestPart(request: BatchRequest, serviceRoot: string): string {
	const head = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary', `Content-ID: ${request.id}`];
	const lines = [`${request.method} ${serviceRoot}/${request.url} HTTP/1.1`, 'Accept: application/json'];
	for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`);
	const body = request.body === undefined ? '' : JSON.stringify(request.body);
	if (body) lines.push('Content-Type: application/json');
	return `${head.join(CRLF)}${CRLF}${CRLF}${lines.join(CRLF)}${CRLF}${CRLF}${body}`;
}

export interface MultipartBatch {
	contentType: string;
	body: string;
}

/** The `$batch` body: each request on its own, or all of them in one changeset when `atomic`. */
export function writeBatch(requests: BatchRequest[], serviceRoot: string, atomic: boolean, unique: string): MultipartBatch {
	const batch = `batch_${unique}`;
	const parts = (boundary: string) => requests.map((request) => `--${boundary}${CRLF}${requestPart(request, serviceRoot)}${CRLF}`).join('');
	const changeset = `changeset_${unique}`;
	const content = atomic
		? `--${batch}${CRLF}Content-Type: multipart/mixed; boundary=${changeset}${CRLF}${CRLF}${parts(changeset)}--${changeset}--${CRLF}`
		: parts(batch);
	return { contentType: `multipart/mixed; boundary=${batch}`, body: `${content}--${batch}--${CRLF}` };
}

function splitParts(text: string, boundary: string): string[] {
	const delimiter = `--${boundary}`;
	const end = text.indexOf(`${delimiter}--`);
	const inside = end >= 0 ? text.slice(0, end) : text;
	return inside
		.split(delimiter)
		.slice(1)
		.map((part) => part.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
}

function splitHead(text: string): { headers: Record<string, string>; body: string } {
	const match = /\r?\n\r?\n/.exec(text);
	const head = match ? text.slice(0, match.index) : text;
	const body = match ? text.slice(match.index + match[0].length) : '';
	const headers: Record<string, string> = {};
	for (const line of head.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers, body };
}

interface PartAnswer {
	contentId?: string;
	status: number;
	body?: IDataObject;
}

function readHttpPart(part: string): PartAnswer {
	const outer = splitHead(part);
	const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(outer.body.trimStart());
	if (!statusLine) throw new Error('A $batch answer part has no HTTP status line');
	const inner = splitHead(outer.body.trimStart());
	const text = inner.body.trim();
	let body: IDataObject | undefined;
	if (text) {
		try {
			body = JSON.parse(text) as IDataObject;
		} catch {
			body = { error: { message: 'The $batch part answered with a body that is not JSON' } };
		}
	}
	return { contentId: outer.headers['content-id'], status: Number(statusLine[1]), body };
}

/**
 * Each request's answer, matched by Content-ID (or by position, for servers that do not echo it).
 * A failed changeset answers with one part: every request of that changeset gets it.
 */
export function readBatch(text: string, requests: BatchRequest[], atomic: boolean): BatchResponse[] {
	const firstLine = /^\s*--([^\r\n]+)/.exec(text)?.[1];
	if (!firstLine) throw new Error('The $batch answer is not multipart/mixed');
	const answers: PartAnswer[] = [];
	for (const part of splitParts(text, firstLine.trim())) {
		const { headers, body } = splitHead(part);
		const nested = /^multipart\/mixed/i.test(headers['content-type'] ?? '') ? boundaryOf(headers['content-type']) : undefined;
		answers.push(...(nested ? splitParts(body, nested).map(readHttpPart) : [readHttpPart(part)]));
	}
	if (atomic && answers.length === 1 && requests.length > 1 && answers[0].status >= 400) {
		const failed = answers[0];
		const culprit = requests.some((request) => request.id === failed.contentId) ? failed.contentId : undefined;
		return requests.map((request) =>
			culprit === undefined || request.id === culprit
				? { id: request.id, status: failed.status, body: failed.body }
				: { id: request.id, status: ROLLED_BACK, body: { error: { code: '', message: `Not written: request ${culprit} of the same changeset was refused, so none of it was committed` } } },
		);
	}
	return answers.map((answer, index) => ({ id: answer.contentId ?? requests[index]?.id ?? String(index), status: answer.status, body: answer.body }));
}
