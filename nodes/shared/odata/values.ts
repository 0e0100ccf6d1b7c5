/** OData v4 literals, filters and enum decoding shared by the Dynamics products (Business Central, F&O, NAV). */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
	return GUID.test(value);
}

/** A string literal for $filter: single-quoted, quotes doubled. */
export function odataString(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

/** `field eq 'value'` with the value escaped. */
export function eqFilter(field: string, value: string): string {
	return `${field} eq ${odataString(value)}`;
}

/**
 * Enum values on the wire are XML-name encoded (`G_x002F_L_x0020_Account` → `G/L Account`,
 * `_x0020_` → ` `): decode them for people and for comparisons.
 */
export function decodeXmlName(value: string): string {
	return value.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Decodes the named enum fields of a record (and of nested records and arrays). */
export function decodeEnumFields<T>(value: T, enumFields: ReadonlySet<string>): T {
	if (Array.isArray(value)) return value.map((entry) => decodeEnumFields(entry, enumFields)) as T;
	if (value === null || typeof value !== 'object') return value;
	const decoded: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		decoded[key] =
			typeof entry === 'string' && enumFields.has(key) ? decodeXmlName(entry) : decodeEnumFields(entry, enumFields);
	}
	return decoded as T;
}
