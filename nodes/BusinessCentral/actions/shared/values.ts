/** Turns node parameter values into the literals Business Central expects in bodies and filters. */

function asText(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	if (value !== null && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		// Luxon DateTime, which n8n expressions such as {{ $now }} produce
		return String((value as { toISO: () => string }).toISO());
	}
	return String(value ?? '').trim();
}

/**
 * A BC date (`2026-05-02`). Takes the date part as written, so `2026-05-02T23:30:00-05:00`
 * stays the 2nd: the day the user meant, not the UTC day.
 */
export function isoDate(value: unknown, field: string): string {
	const text = asText(value);
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(text);
	const date = match ? new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`) : undefined;
	if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text.slice(0, 10)) {
		throw new Error(`${field} must be a date such as 2026-05-02, got "${text}"`);
	}
	return text.slice(0, 10);
}

/** An ISO-8601 UTC timestamp, unquoted in filters (`lastModifiedDateTime gt 2026-05-02T10:00:00.000Z`). */
export function isoDateTime(value: unknown, field: string): string {
	const text = asText(value);
	const time = Date.parse(text);
	if (text === '' || Number.isNaN(time)) throw new Error(`${field} must be a date and time such as 2026-05-02T10:00:00Z, got "${text}"`);
	return new Date(time).toISOString();
}

/**
 * Enum values as BC puts them on the wire (XML names: `G/L Account` → `G_x002F_L_x0020_Account`).
 * Responses are decoded by the transport; filters compare against the encoded form.
 */
export function encodeEnumValue(value: string): string {
	let encoded = '';
	for (const character of value) {
		encoded += /[A-Za-z0-9_.-]/.test(character) ? character : `_x${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}_`;
	}
	return encoded;
}
