import { cleanVendorText, redactText, redactValue, secretValues } from '../../nodes/shared/redact';

const PRIVATE_KEY = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDf1n4AbCdEfGh', 'IjKlMnOpQrStUvWxYz0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH', '-----END PRIVATE KEY-----'].join('\n');
const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2FwaSJ9.c2lnbmF0dXJlLXBhcnQ';

describe('secretValues', () => {
	it('takes every field named like a secret, and each line of a private key', () => {
		const values = secretValues({
			tenantId: '1000001',
			clientId: 'cid-visible',
			clientSecret: 'cs-0123456789',
			appKey: 'ak1.app-key-value',
			webhookSigningKey: 'whk-0123456789abcdef',
			accessToken: 'opaque-token-value',
			certificatePrivateKey: PRIVATE_KEY,
			certificateThumbprint: 'AB12CD34EF56',
			requestsPerSecond: 60,
		});
		expect(values).toEqual(expect.arrayContaining(['cs-0123456789', 'ak1.app-key-value', 'whk-0123456789abcdef', 'opaque-token-value', PRIVATE_KEY.split('\n')[1]]));
		expect(values).not.toContain('1000001');
		expect(values).not.toContain('cid-visible');
		expect(values).not.toContain('AB12CD34EF56');
	});
});

describe('redactText', () => {
	it('removes Bearer and Basic credentials, JWTs and private keys without being told them', () => {
		const text = `Authorization: Bearer abc.def-123 | Proxy-Authorization: Basic dXNlcjpwYXNz | token ${JWT} | ${PRIVATE_KEY}`;
		const redacted = redactText(text);
		expect(redacted).toBe('Authorization: Bearer [redacted] | Proxy-Authorization: Basic [redacted] | token [redacted] | [redacted private key]');
	});

	it('removes echoed NTLM and Negotiate handshake tokens (a type 3 answer can be cracked offline)', () => {
		expect(redactText('WWW-Authenticate: NTLM TlRMTVNTUAADAAAAGAAYAEAAAAA= | Authorization: Negotiate TlRMTVNTUAABAAAAB4IIog==')).toBe(
			'WWW-Authenticate: NTLM [redacted] | Authorization: Negotiate [redacted]',
		);
	});

	it('leaves the words of a message after Basic, NTLM or Negotiate alone', () => {
		const message = 'Basic authentication refused for CONTOSO\\jane; NTLM handshake failed; Negotiate offered';
		expect(redactText(message)).toBe(message);
		expect(redactText('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: Basic [redacted]');
	});

	it('removes echoed secret headers and form fields', () => {
		expect(redactText('st-app-key: ak1.abc; client_secret=s3cr3t&grant_type=client_credentials; "access_token":"tok"')).toBe(
			'st-app-key: [redacted]; client_secret=[redacted]&grant_type=client_credentials; "access_token":"[redacted]"',
		);
	});

	it('removes the credential\'s own values as sent, form-encoded or JSON-escaped', () => {
		const secret = 'p@ss/w"rd+1';
		const text = `raw ${secret} form ${encodeURIComponent(secret)} json ${JSON.stringify(secret)}`;
		const redacted = redactText(text, [secret]);
		expect(redacted).not.toContain('p@ss');
		expect(redacted).not.toContain('p%40ss');
		expect(redacted).toBe('raw [redacted] form [redacted] json "[redacted]"');
	});

	it('leaves ordinary vendor text alone', () => {
		const text = 'Posting Date is not within your range of allowed posting dates. CorrelationId: 5b1c.';
		expect(redactText(text, ['short', 'tenant-secret-value'])).toBe(text);
	});
});

describe('redactValue', () => {
	it('redacts every string of a parsed body, keys included', () => {
		expect(redactValue({ title: 'Bad key ak1.app-key-value', errors: { 'ak1.app-key-value': ['Bearer xyz'] }, status: 400 }, ['ak1.app-key-value'])).toEqual({
			title: 'Bad key [redacted]',
			errors: { '[redacted]': ['Bearer [redacted]'] },
			status: 400,
		});
	});
});

describe('cleanVendorText', () => {
	it('summarises an HTML page by host and title instead of copying markup', () => {
		const page = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
		expect(cleanVendorText(page, { host: 'api.example.test' })).toBe('HTML error page from api.example.test ("502 Bad Gateway")');
	});

	it('shortens long text after redacting it, so a cut never leaves part of a secret', () => {
		const text = `${'x'.repeat(290)} Bearer ${'t'.repeat(40)}`;
		const cleaned = cleanVendorText(text);
		expect(cleaned).not.toContain('tttt');
		expect(cleaned.endsWith('…')).toBe(true);
	});
});
