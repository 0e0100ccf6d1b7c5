/**
 * F&O's financial-dimension display strings (fact sheet A8): one string whose segments follow the
 * active integration format, joined by the delimiter F&O's dimension parameters name. Nothing is
 * hard-coded: the format and delimiter are read from F&O at run time (see dimensionFormat.ts).
 */

/** `DimensionParameters.DimensionSegmentDelimiter` → the characters it stands for. */
export const DIMENSION_DELIMITERS: Readonly<Record<string, string>> = Object.freeze({
	Hyphen: '-',
	Period: '.',
	Underscore: '_',
	Bar: '|',
	DoubleHyphen: '--',
	Tilde: '~',
	DoubleTilde: '~~',
});

export interface DimensionFormat {
	/** e.g. "Default dimension format" */
	name: string;
	/** Segment names in format order, e.g. ["BusinessUnit", "Department"]. */
	segments: string[];
	delimiter: string;
}

export class DimensionFormatError extends Error {}

/** The delimiter an enum member of DimensionSegmentDelimiter stands for. */
export function delimiterOf(member: string): string {
	const delimiter = DIMENSION_DELIMITERS[member];
	if (!delimiter) throw new DimensionFormatError(`F&O reports the dimension segment delimiter "${member}", which this node does not know (known: ${Object.keys(DIMENSION_DELIMITERS).join(', ')})`);
	return delimiter;
}

/** `FinancialDimensionFormat` ("BusinessUnit-Department") → its segment names, in order. */
export function segmentsOf(financialDimensionFormat: string, delimiter: string): string[] {
	const text = financialDimensionFormat.trim();
	const segments = (text.includes(delimiter) ? text.split(delimiter) : text.split(/[^A-Za-z0-9_]+/)).map((name) => name.trim()).filter(Boolean);
	if (segments.length === 0) throw new DimensionFormatError(`F&O's active dimension format "${financialDimensionFormat}" names no dimensions`);
	return segments;
}

/** A value inside one segment: the backslash and the delimiter are backslash-escaped (`US-108` → `US\-108`). */
export function escapeSegment(value: string, delimiter: string): string {
	return value.replace(/\\/g, '\\\\').split(delimiter).join(`\\${delimiter}`);
}

/**
 * The display string for dimension values by name (case-insensitive): every segment of the
 * format in order, blank where no value is given. A name the format does not have is an error,
 * never silently dropped.
 */
export function displayValue(format: DimensionFormat, values: Record<string, string | undefined>, subject = 'the dimension values'): string {
	const bySegment = new Map(format.segments.map((segment) => [segment.toLowerCase(), segment]));
	const ordered = new Map<string, string>();
	for (const [name, value] of Object.entries(values)) {
		const segment = bySegment.get(name.trim().toLowerCase());
		const text = (value ?? '').trim();
		if (!segment) {
			if (!text) continue;
			throw new DimensionFormatError(
				`${subject} name the dimension "${name}", which F&O's active format "${format.name}" (${format.segments.join(format.delimiter)}) does not have: use one of ${format.segments.join(', ')}, or add it to the format in F&O (General ledger > Chart of accounts > Dimensions > Financial dimension configuration for integrating applications)`,
			);
		}
		ordered.set(segment, text);
	}
	return format.segments.map((segment) => escapeSegment(ordered.get(segment) ?? '', format.delimiter)).join(format.delimiter);
}
