import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signature check: HMAC-SHA256 over the exact raw request bytes.
 *
 * ServiceTitan does not document the digest encoding, and receivers in the wild disagree, so the
 * header value is accepted as hex (64 characters, any case), base64 (44 characters with "=") or
 * base64url (43 characters, no padding), optionally prefixed with "sha256=" and padded with
 * whitespace. A string body is hashed as its UTF-8 bytes; pass the raw Buffer whenever possible,
 * because re-serialised JSON will not match.
 */

export type SignatureFailureReason =
	| 'missing-signature'
	| 'missing-body'
	| 'missing-key'
	| 'malformed-signature'
	| 'mismatch';

export interface SignatureCheck {
	valid: boolean;
	reason?: SignatureFailureReason;
}

export interface SignatureInput {
	rawBody: Buffer | string | undefined;
	signature: string | undefined;
	key: string;
}

const DIGEST_BYTES = 32;
const HEX_DIGEST = /^[0-9a-f]{64}$/i;
const BASE64_DIGEST = /^[A-Za-z0-9+/]{43}=$/;
const BASE64URL_DIGEST = /^[A-Za-z0-9_-]{43}$/;
const ALGORITHM_PREFIX = /^sha256=/i;

function decodeSignature(headerValue: string): Buffer | undefined {
	const text = headerValue.trim().replace(ALGORITHM_PREFIX, '').trim();
	let decoded: Buffer | undefined;
	if (HEX_DIGEST.test(text)) decoded = Buffer.from(text, 'hex');
	else if (BASE64_DIGEST.test(text)) decoded = Buffer.from(text, 'base64');
	else if (BASE64URL_DIGEST.test(text)) decoded = Buffer.from(text, 'base64url');
	return decoded?.length === DIGEST_BYTES ? decoded : undefined;
}

function bodyBytes(rawBody: Buffer | string): Buffer {
	return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
}

export function signHmacSha256(rawBody: Buffer | string, key: string, encoding: 'hex' | 'base64' = 'hex'): string {
	return createHmac('sha256', key).update(bodyBytes(rawBody)).digest(encoding);
}

/**
 * Never throws. Checks in this order: signature present, body present (an empty body counts as
 * missing: a real event always has a JSON payload), key present (an empty or whitespace-only key
 * would make any signature forgeable), signature well-formed, then a constant-time comparison.
 * The reason is for the operator's log only: telling the caller would reveal a misconfiguration.
 */
export function verifyHmacSha256(input: SignatureInput): SignatureCheck {
	try {
		const { rawBody, signature, key } = input;
		if (typeof signature !== 'string' || signature.trim() === '') return { valid: false, reason: 'missing-signature' };
		const hasBody = (typeof rawBody === 'string' || rawBody instanceof Uint8Array) && rawBody.length > 0;
		if (!hasBody) return { valid: false, reason: 'missing-body' };
		if (typeof key !== 'string' || key.trim().length === 0) return { valid: false, reason: 'missing-key' };

		const received = decodeSignature(signature);
		if (!received) return { valid: false, reason: 'malformed-signature' };

		const expected = createHmac('sha256', key).update(bodyBytes(rawBody)).digest();
		if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
			return { valid: false, reason: 'mismatch' };
		}
		return { valid: true };
	} catch {
		// Not expected with well-typed input; a verifier must fail closed rather than throw.
		return { valid: false, reason: 'mismatch' };
	}
}

export interface TimestampCheck {
	valid: boolean;
	reason?: 'too-old' | 'in-the-future';
	/** How old the delivery is (negative when stamped in the future), whole seconds. */
	ageSeconds?: number;
}

/**
 * Replay window: a validly signed body stays valid forever, so a captured delivery could be re-sent
 * at will; its signed send time bounds that. The window is symmetric so that a sender's clock
 * running ahead is tolerated as much as a late retry.
 */
export function checkTimestampAge(sentAtMs: number, maxAgeSeconds: number, nowMs: number): TimestampCheck {
	const ageSeconds = Math.round((nowMs - sentAtMs) / 1000);
	if (ageSeconds > maxAgeSeconds) return { valid: false, reason: 'too-old', ageSeconds };
	if (-ageSeconds > maxAgeSeconds) return { valid: false, reason: 'in-the-future', ageSeconds };
	return { valid: true, ageSeconds };
}

const EPOCH_MILLISECONDS_FROM = 1e11; // 1e11 seconds is the year 5138; 1e11 milliseconds is 1973
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * A send time as epoch milliseconds: epoch seconds or milliseconds (number or digit string), or an
 * ISO 8601 date-time (read as UTC when it has no zone). Anything else is undefined.
 */
export function timestampMilliseconds(value: unknown): number | undefined {
	let ms: number | undefined;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()))) {
		const n = Number(value);
		ms = n >= EPOCH_MILLISECONDS_FROM ? n : n * 1000;
	} else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		ms = Date.parse(ISO_WITHOUT_ZONE.test(text) ? `${text}Z` : text);
	}
	return ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
