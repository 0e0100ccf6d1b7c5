import { signHmacSha256, verifyHmacSha256 } from '../../nodes/shared/signature';

const KEY = 'k3y-0123456789abcdef0123456789abcdef';
const BODY = Buffer.from('{"eventType": "invoice.created", "data": {"id": 5012345, "total": "270.63"}}', 'utf8');

function base64url(base64: string): string {
	return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('verifyHmacSha256', () => {
	const hex = signHmacSha256(BODY, KEY, 'hex');
	const base64 = signHmacSha256(BODY, KEY, 'base64');

	it('produces 64 hex characters and 44 base64 characters', () => {
		expect(hex).toMatch(/^[0-9a-f]{64}$/);
		expect(base64).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		expect(signHmacSha256(BODY, KEY)).toBe(hex);
	});

	it.each([
		['hex', () => hex],
		['upper-case hex', () => hex.toUpperCase()],
		['base64', () => base64],
		['base64url without padding', () => base64url(base64)],
		['sha256= prefix', () => `sha256=${hex}`],
		['upper-case prefix and whitespace', () => `  SHA256=${base64}\t`],
	])('accepts a %s signature', (_label, signature) => {
		expect(verifyHmacSha256({ rawBody: BODY, signature: signature(), key: KEY })).toEqual({ valid: true });
	});

	it('hashes a string body as UTF-8', () => {
		const text = '{"name":"Café Ñandú"}';
		const signature = signHmacSha256(Buffer.from(text, 'utf8'), KEY);
		expect(verifyHmacSha256({ rawBody: text, signature, key: KEY })).toEqual({ valid: true });
	});

	it('rejects a signature made with another key', () => {
		const signature = signHmacSha256(BODY, `${KEY}x`);
		expect(verifyHmacSha256({ rawBody: BODY, signature, key: KEY })).toEqual({ valid: false, reason: 'mismatch' });
	});

	it('rejects a body with one changed whitespace byte', () => {
		const tampered = Buffer.from(BODY);
		tampered[tampered.indexOf(0x20)] = 0x09; // one space becomes a tab
		expect(tampered.length).toBe(BODY.length);
		expect(verifyHmacSha256({ rawBody: tampered, signature: hex, key: KEY })).toEqual({ valid: false, reason: 'mismatch' });
		expect(verifyHmacSha256({ rawBody: tampered, signature: base64, key: KEY })).toEqual({ valid: false, reason: 'mismatch' });
	});

	it('rejects a body re-serialised without whitespace', () => {
		const compact = JSON.stringify(JSON.parse(BODY.toString('utf8')));
		expect(verifyHmacSha256({ rawBody: compact, signature: hex, key: KEY })).toEqual({ valid: false, reason: 'mismatch' });
	});

	it.each([[undefined], [''], ['   ']])('reports a missing signature for %j', (signature) => {
		expect(verifyHmacSha256({ rawBody: BODY, signature, key: KEY })).toEqual({ valid: false, reason: 'missing-signature' });
	});

	it.each([[undefined], [''], [Buffer.alloc(0)]])('reports a missing body for %j', (rawBody) => {
		expect(verifyHmacSha256({ rawBody, signature: hex, key: KEY })).toEqual({ valid: false, reason: 'missing-body' });
	});

	it('reports a missing key instead of accepting signatures made with an empty key', () => {
		const signature = signHmacSha256(BODY, '');
		expect(verifyHmacSha256({ rawBody: BODY, signature, key: '' })).toEqual({ valid: false, reason: 'missing-key' });
	});

	it.each([
		['truncated hex', () => hex.slice(0, 63)],
		['truncated base64', () => base64.slice(0, 40)],
		['hex with a non-hex character', () => `${hex.slice(0, 63)}g`],
		['sha1-length hex', () => 'a'.repeat(40)],
		['other prefix', () => `sha1=${hex}`],
		['base64 padding inside', () => `${base64.slice(0, 20)}=${base64.slice(21)}`],
	])('reports a malformed signature for %s', (_label, signature) => {
		expect(verifyHmacSha256({ rawBody: BODY, signature: signature(), key: KEY })).toEqual({
			valid: false,
			reason: 'malformed-signature',
		});
	});

	it('never throws on values that violate the types', () => {
		const inputs = [
			{ rawBody: 42, signature: hex, key: KEY },
			{ rawBody: BODY, signature: 42, key: KEY },
			{ rawBody: BODY, signature: hex, key: undefined },
			{ rawBody: { length: 3 }, signature: hex, key: KEY },
		];
		for (const input of inputs) {
			const result = verifyHmacSha256(input as unknown as Parameters<typeof verifyHmacSha256>[0]);
			expect(result.valid).toBe(false);
		}
	});
});
