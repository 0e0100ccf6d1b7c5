import { checkTimestampAge, signHmacSha256, timestampMilliseconds, verifyHmacSha256 } from '../../nodes/shared/signature';

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

	it.each([[' '], ['   '], ['\t\n'], [' '.repeat(40)]])('reports a missing key for a key of only whitespace (%j)', (key) => {
		const signature = signHmacSha256(BODY, key);
		expect(verifyHmacSha256({ rawBody: BODY, signature, key })).toEqual({ valid: false, reason: 'missing-key' });
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

describe('checkTimestampAge', () => {
	const NOW = Date.parse('2026-05-01T12:00:00Z');
	const DAY = 24 * 3600;

	it.each([
		['now', 0],
		['exactly at the limit', DAY * 1000],
		['at the limit in the future', -DAY * 1000],
	])('accepts a send time %s', (_label, ageMs) => {
		expect(checkTimestampAge(NOW - ageMs, DAY, NOW).valid).toBe(true);
	});

	it('refuses a send time older than the window, with its age', () => {
		expect(checkTimestampAge(NOW - (DAY + 2) * 1000, DAY, NOW)).toEqual({ valid: false, reason: 'too-old', ageSeconds: DAY + 2 });
	});

	it('refuses a send time further in the future than the window', () => {
		expect(checkTimestampAge(NOW + (DAY + 2) * 1000, DAY, NOW)).toEqual({ valid: false, reason: 'in-the-future', ageSeconds: -(DAY + 2) });
	});
});

describe('timestampMilliseconds', () => {
	const JAN_2020 = Date.UTC(2020, 0, 1);

	it.each([
		['ISO with Z', '2020-01-01T00:00:00Z'],
		['ISO with an offset', '2020-01-01T01:00:00+01:00'],
		['ISO without a zone (read as UTC)', '2020-01-01T00:00:00'],
		['ISO with fractions and no zone', '2020-01-01T00:00:00.000'],
		['epoch seconds', 1577836800],
		['epoch seconds as text', '1577836800'],
		['epoch milliseconds', 1577836800000],
		['epoch milliseconds as text', ' 1577836800000 '],
	])('reads %s', (_label, value) => {
		expect(timestampMilliseconds(value)).toBe(JAN_2020);
	});

	it.each([[''], ['yesterday'], [null], [undefined], [{}], [true], [0], [-5], [Number.NaN]])('gives undefined for %j', (value) => {
		expect(timestampMilliseconds(value)).toBeUndefined();
	});
});
