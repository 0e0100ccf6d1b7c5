import type { IDataObject } from 'n8n-workflow';

import { checkTimestampAge, verifyHmacSha256, type SignatureFailureReason } from '../../shared/signature';
import { readDeliveryTime } from './deliveryTime';

export const DEFAULT_MAX_DELIVERY_AGE_HOURS = 24;

/** Why a delivery is answered 401: for the operator's log only, never for the caller. */
export interface Refusal {
	reason: SignatureFailureReason | 'too-old' | 'in-the-future';
	hint: string;
}

export function signatureRefusal(rawBody: Buffer | string | undefined, signature: string | undefined, key: string, headerName: string): Refusal | undefined {
	const result = verifyHmacSha256({ rawBody, signature, key });
	if (result.valid || !result.reason) return undefined;
	const hints: Record<SignatureFailureReason, string> = {
		'missing-signature': `no "${headerName}" header: check the trigger's Signature Header option and that the webhook has an HMAC key in the developer portal`,
		'missing-body': 'the request has no body',
		'missing-key': 'the ServiceTitan credential has no Webhook Signing Key: enter the HMAC key from the developer portal',
		'malformed-signature': `the "${headerName}" header is not an HMAC-SHA256 digest in hex or base64`,
		mismatch: "the signature does not match: the credential's Webhook Signing Key differs from the portal's HMAC key, or the body was altered",
	};
	return { reason: result.reason, hint: hints[result.reason] };
}

export interface DeliveryAgeCheck {
	refusal?: Refusal;
	/** A send-time field that could not be read: the delivery is accepted, the operator told. */
	unreadableField?: string;
}

/** Checks the body's own send time against the window; bodies without one are not checked. */
export function deliveryAgeCheck(body: IDataObject, maxAgeHours: number, nowMs: number): DeliveryAgeCheck {
	if (!(maxAgeHours > 0)) return {};
	const sent = readDeliveryTime(body);
	if (!sent) return {};
	if (sent.ms === undefined) return { unreadableField: sent.field };
	const check = checkTimestampAge(sent.ms, maxAgeHours * 3600, nowMs);
	if (check.valid || !check.reason) return {};
	const when = `${sent.field} ${new Date(sent.ms).toISOString()}`;
	const hint =
		check.reason === 'too-old'
			? `sent at ${when}, more than ${maxAgeHours} h ago (Max Delivery Age): a replay, or a redelivery after the window; the export-feed backfill picks up a missed record`
			: `sent at ${when}, more than ${maxAgeHours} h in the future: check the sender's clock`;
	return { refusal: { reason: check.reason, hint } };
}
