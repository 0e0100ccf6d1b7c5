/**
 * The one place where vendor text is made safe before it reaches an item, an error or a log:
 * vendors echo request headers (the Bearer token, `ST-App-Key`) and form fields in their error
 * bodies, and proxies answer with whole HTML pages.
 */

const REDACTED = '[redacted]';

/** Values shorter than this are not treated as secrets: they would mangle ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** Credential fields whose values are secrets, by name (clientSecret, appKey, accessToken, privateKey…). */
const SECRET_FIELD = /secret|password|token|key$|privatekey/i;

const PATTERNS: Array<[RegExp, string]> = [
	[/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, `[redacted private key]`],
	[/\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
	// Basic credentials and NTLM/Negotiate handshake tokens are base64: a digit, `+`, `/`, `=` or a capital
	// after the first letter, which the words of a message ("Basic authentication refused") never have.
	[/\b(Basic|basic|BASIC|NTLM|ntlm|Negotiate|negotiate)\s+(?=[A-Za-z0-9\-._~+/]*[0-9+/=]|[A-Za-z0-9\-._~+/][a-z\-._~]*[A-Z])[A-Za-z0-9\-._~+/]+=*/g, `$1 ${REDACTED}`],
	// A JWT: base64url JSON header ("eyJ…"), payload, optional signature.
	[/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(\.[A-Za-z0-9_-]*)?/g, REDACTED],
	// Header and form echoes: `st-app-key: …`, `client_secret=…`, `"access_token":"…"`.
	[
		/\b(st-app-key|x-api-key|api[_-]?key|client[_-]?secret|client[_-]?assertion|access[_-]?token|refresh[_-]?token|id[_-]?token|password)(["']?\s*[:=]\s*["']?)(?!\[redacted)[^\s"'&,;}\]]+/gi,
		`$1$2${REDACTED}`,
	],
];

/** The secret values of a credential's data (every field named like a secret), for redaction. */
export function secretValues(credentials: Record<string, unknown> | undefined): string[] {
	const values: string[] = [];
	for (const [name, value] of Object.entries(credentials ?? {})) {
		if (!SECRET_FIELD.test(name) || typeof value !== 'string') continue;
		values.push(value.trim());
		// A PEM key may come back line by line or with its newlines escaped.
		for (const line of value.split(/\r?\n/)) if (!line.startsWith('-----')) values.push(line.trim());
	}
	return values.filter((value) => value.length >= MIN_SECRET_LENGTH);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every way a secret may appear in an echoed body: as is, form-encoded, JSON-escaped. */
function spellings(secret: string): string[] {
	const variants = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
	return [...variants].sort((a, b) => b.length - a.length);
}

/** Replaces Bearer/Basic credentials, JWTs, private keys, echoed secret headers and fields, and the given secret values. */
export function redactText(text: string, secrets: readonly string[] = []): string {
	let result = text;
	for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
		if (secret.length < MIN_SECRET_LENGTH) continue;
		for (const spelling of spellings(secret)) result = result.replace(new RegExp(escapeRegExp(spelling), 'g'), REDACTED);
	}
	for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
	return result;
}

/** redactText applied to every string inside a parsed body (keys included). */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
	if (typeof value === 'string') return redactText(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets)) as T;
	if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>).map(([key, entry]) => [redactText(key, secrets), redactValue(entry, secrets)]),
		) as T;
	}
	return value;
}

export function isHtml(text: string): boolean {
	return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<html)/i.test(text);
}

function pageTitle(html: string): string | undefined {
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
	const text = title?.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
	return text ? text.slice(0, 120) : undefined;
}

/** "HTML error page from api.example.com ("502 Bad Gateway")" — the markup itself is never shown. */
export function describeHtmlPage(html: string, host: string | undefined): string {
	const title = pageTitle(html);
	return `HTML error page from ${host ?? 'the server'}${title ? ` ("${title}")` : ''}`;
}

export interface VendorTextOptions {
	/** host:port that answered, named when the answer is an HTML page */
	host?: string;
	secrets?: readonly string[];
	maxLength?: number;
}

/** Vendor text as it may be shown: an HTML page summarised, anything else redacted, then shortened. */
export function cleanVendorText(text: string, options: VendorTextOptions = {}): string {
	if (isHtml(text)) return redactText(describeHtmlPage(text, options.host), options.secrets);
	const cleaned = redactText(text.trim(), options.secrets);
	const max = options.maxLength ?? 300;
	return cleaned.length > max ? `${cleaned.slice(0, max)}…` : cleaned;
}
