import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CrossOriginRedirectError, describeHttpFailure, RetriesExhaustedError, TooManyRedirectsError, type HttpFailure } from './http';
import { CrossOriginLinkError } from './paging';
import { cleanVendorText, redactText } from './redact';

/** Which record an operation was working on, so an error can say so. */
export interface ErrorSubject {
	system: string;
	recordType?: string;
	recordId?: string | number;
}

export interface VendorError {
	code?: string;
	message?: string;
	details: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads the error bodies of the systems we talk to: RFC 7807 problem details (ServiceTitan),
 * OData `{error:{code,message}}` (Business Central, F&O, NAV), OAuth `{error, error_description}`,
 * and plain text (an HTML page is summarised by its title and `host`, never copied). Every text is
 * redacted again here: a body that did not come through requestWithRetry may still echo a token.
 */
export function readVendorError(body: unknown, host?: string): VendorError {
	const vendor = readVendorFields(body, host);
	return {
		code: vendor.code === undefined ? undefined : redactText(vendor.code),
		message: vendor.message === undefined ? undefined : redactText(vendor.message),
		details: vendor.details.map((detail) => redactText(detail)),
	};
}

function readVendorFields(body: unknown, host?: string): VendorError {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('{')) {
			try {
				return readVendorFields(JSON.parse(text), host);
			} catch {
				// not JSON after all: fall through to plain text
			}
		}
		return { message: text ? cleanVendorText(text, { host }) : undefined, details: [] };
	}
	if (!isObject(body)) return { details: [] };
	if (isObject(body.error)) {
		return {
			code: typeof body.error.code === 'string' ? body.error.code : undefined,
			message: typeof body.error.message === 'string' ? body.error.message : undefined,
			details: [],
		};
	}
	if (typeof body.error === 'string') {
		return {
			code: body.error,
			message: typeof body.error_description === 'string' ? body.error_description : undefined,
			details: [],
		};
	}
	const details: string[] = [];
	if (isObject(body.errors)) {
		for (const [field, messages] of Object.entries(body.errors)) {
			const list = Array.isArray(messages) ? messages : [messages];
			for (const message of list) details.push(field ? `${field}: ${String(message)}` : String(message));
		}
	}
	const title = typeof body.title === 'string' ? body.title : undefined;
	const message = typeof body.message === 'string' ? body.message : undefined;
	const code = typeof body.type === 'string' && !body.type.startsWith('http') ? body.type : undefined;
	return { code, message: title ?? message, details };
}

const STATUS_HINTS: Record<number, string> = {
	400: 'The request was rejected as invalid: check the fields named below.',
	401: 'The credential was rejected even after fetching a new token: check the client ID and secret.',
	403: 'Access denied: check the app key, the tenant, and that the app has the permission (scope) for this resource.',
	404: 'Not found: check the ID, the tenant or company, and the environment.',
	409: 'Conflict: the record already exists or was changed by someone else.',
	429: 'Rate limited by the server.',
};

function subjectLabel(subject: ErrorSubject): string {
	if (!subject.recordType) return subject.system;
	return subject.recordId !== undefined && subject.recordId !== ''
		? `${subject.recordType} ${subject.recordId}`
		: subject.recordType;
}

function httpMessage(subject: ErrorSubject, failure: HttpFailure, vendor: VendorError): string {
	const what = subject.recordType ? ` for ${subjectLabel(subject)}` : '';
	const status =
		failure.status !== undefined ? `HTTP ${failure.status}` : failure.networkCode === 'EMALFORMED' ? 'a body that is not valid JSON' : (failure.networkCode ?? 'network error');
	const said = vendor.message ? `: ${vendor.message}` : '';
	return `${subject.system} request${what} failed (${status}${vendor.code ? ` ${vendor.code}` : ''})${said}`;
}

function apiError(node: INode, failure: HttpFailure, subject: ErrorSubject, itemIndex: number | undefined, prefix = '', messageSuffix = '') {
	const vendor = readVendorError(failure.body, failure.host);
	const hint = failure.status !== undefined ? STATUS_HINTS[failure.status] : undefined;
	const description = redactText([prefix, ...vendor.details, hint].filter(Boolean).join('\n'));
	// Built from a plain object on purpose: wrapping the original error would carry the request
	// configuration (and its Authorization header) into the execution data.
	const sanitized: JsonObject = {
		message: httpMessage(subject, failure, vendor) + messageSuffix,
		httpCode: failure.status !== undefined ? String(failure.status) : null,
		vendorCode: vendor.code ?? null,
		vendorMessage: vendor.message ?? null,
		record: subject.recordType ? subjectLabel(subject) : null,
	};
	return new NodeApiError(node, sanitized, {
		itemIndex,
		message: sanitized.message as string,
		description: description || undefined,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
	});
}

/**
 * Turns anything an operation threw into an n8n error that names the system, the record, the
 * HTTP status and the vendor's own code and message, with the item index set — never a secret.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	subject: ErrorSubject,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof RetriesExhaustedError) {
		const asked = error.retryAfter ? ` — it asked to wait ${Math.ceil(error.retryAfter.askedMs / 1000)} s before retrying` : '';
		return apiError(node, error.lastFailure, subject, itemIndex, `${subject.system} kept failing: ${error.message}.`, asked);
	}
	if (error instanceof CrossOriginRedirectError) {
		return new NodeOperationError(node, `${subject.system} request for ${subjectLabel(subject)} was redirected to ${error.targetHost} (HTTP ${error.status}): refused`, {
			itemIndex,
			description: error.message,
		});
	}
	if (error instanceof CrossOriginLinkError || error instanceof TooManyRedirectsError) {
		return operationError(node, error.message, { itemIndex });
	}
	if (error instanceof NodeOperationError && !(error instanceof NodeApiError)) {
		if (error.context.itemIndex !== undefined || itemIndex === undefined) return error;
		return operationError(node, error.message, { itemIndex, description: error.description ?? undefined });
	}
	const failure = describeHttpFailure(error);
	if (failure.status !== undefined || failure.networkCode !== undefined) {
		return apiError(node, failure, subject, itemIndex);
	}
	const message = redactText(error instanceof Error ? error.message : String(error));
	const description =
		error !== null && typeof error === 'object' && typeof (error as { hint?: unknown }).hint === 'string'
			? redactText((error as { hint: string }).hint)
			: undefined;
	return operationError(node, message, { itemIndex, description });
}

/**
 * n8n replaces the message of an operation error that merely mentions a system error code
 * (ECONNRESET, EEXIST, "preexisting"…) with a generic connection text: keep our own words.
 */
function operationError(node: INode, message: string, options: { itemIndex?: number; description?: string }): NodeOperationError {
	const error = new NodeOperationError(node, message, options);
	error.message = message;
	return error;
}

/** The vendor's own words for a failed call (e.g. BC's "Posting Date is not within…"), else the error message. */
export function vendorMessage(error: unknown): string {
	const failure = describeHttpFailure(error);
	const vendor = readVendorError(failure.body, failure.host);
	const text = vendor.message ?? redactText(error instanceof Error ? error.message : String(error));
	return text.replace(/\s+CorrelationId:\s+[0-9a-f-]+\.?$/i, '').trim();
}
