/** A key value: strings go quoted (quotes doubled), Int64 RecIds and decimal line numbers bare. */
export type KeyValue = string | number | { number: string };

function literal(value: KeyValue): string {
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value)) throw new Error(`The key value ${value} is not a whole number F&O can address`);
		return String(value);
	}
	if (typeof value === 'object') {
		if (!/^-?\d+(\.\d+)?$/.test(value.number)) throw new Error(`The key value "${value.number}" is not a number`);
		return value.number;
	}
	return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A record's address as F&O wants it: every key field named, in order —
 * `FreeTextInvoiceHeaders(dataAreaId='usmf',InvoiceIdentifier=5637144576)`.
 */
export function keyPath(set: string, key: Record<string, KeyValue>): string {
	const parts = Object.entries(key).map(([field, value]) => `${field}=${encodeURIComponent(literal(value))}`);
	return `${set}(${parts.join(',')})`;
}
