/**
 * Editable mapping tables (ServiceTitan value → ERP value) and naming rules such as `ST-{id}`.
 *
 * Keys are compared by their trimmed, lower-cased string form, so 31, "31" and " 31 " are the same
 * key and so are "hvac" and "HVAC". Targets are kept exactly as typed (trimmed).
 */

export type MappingErrorCode =
	| 'invalid-input'
	| 'empty-key'
	| 'empty-target'
	| 'duplicate-key'
	| 'missing-value'
	| 'unmapped'
	| 'invalid-rule'
	| 'unknown-placeholder'
	| 'empty-result'
	| 'too-long';

export interface MappingErrorDetails {
	code: MappingErrorCode;
	table?: string;
	value?: string;
	recordType?: string;
	recordId?: string;
	field?: string;
	/** 1-based row numbers involved (a duplicate names both rows). */
	rows?: number[];
	/** What to do about it, when the message ends with that advice (e.g. "Add a row for 34 or set a default."). */
	fix?: string;
}

export class MappingError extends Error {
	readonly code: MappingErrorCode;
	readonly table: string | undefined;
	readonly value: string | undefined;
	readonly recordType: string | undefined;
	readonly recordId: string | undefined;
	readonly field: string | undefined;
	readonly rows: readonly number[] | undefined;
	/** The message without the fix. */
	readonly reason: string;
	readonly fix: string | undefined;

	constructor(message: string, details: MappingErrorDetails) {
		super(message);
		this.name = 'MappingError';
		this.code = details.code;
		this.table = details.table;
		this.value = details.value;
		this.recordType = details.recordType;
		this.recordId = details.recordId;
		this.field = details.field;
		this.rows = details.rows;
		this.fix = details.fix;
		this.reason = details.fix && message.endsWith(details.fix) ? message.slice(0, -details.fix.length).trim() : message;
	}
}

export interface MappingTable {
	/** What the user sees, e.g. "Business Unit → Dimension". */
	readonly name: string;
	/** Normalised key (see mappingKey) → ERP value. */
	readonly entries: ReadonlyMap<string, string>;
	readonly defaultValue?: string;
}

export interface MappingRow {
	from: string | number;
	to: string;
}

export interface MappingTableOptions {
	/** Used for values missing from the table; empty means "no default". */
	defaultValue?: string;
	/** Where tableFromInput's value came from (e.g. "mappings.businessUnits"), for error messages. */
	fieldPath?: string;
}

export interface MappingContext {
	/** e.g. "invoice", "inventoryBill". */
	recordType: string;
	recordId: string | number;
	/** e.g. "businessUnit", "lines[2].glAccount" or a phrase such as "Business unit". */
	field: string;
	/** How to show the value, e.g. 'Electrical' or '34 ("Electrical")'. */
	label?: string;
}

export const FROM_COLUMNS = ['from', 'source', 'serviceTitan', 'key'] as const;
export const TO_COLUMNS = ['to', 'target', 'erp', 'value'] as const;
export const DEFAULT_NAMING_RULE = 'ST-{id}';

export function mappingKey(value: string | number): string {
	return String(value).trim().toLowerCase();
}

function textOf(value: unknown): string | undefined {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function preview(value: unknown): string {
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function buildMappingTable(name: string, rows: ReadonlyArray<MappingRow>, options?: MappingTableOptions): MappingTable {
	const tableName = name.trim();
	const entries = new Map<string, { to: string; row: number }>();
	rows.forEach((row, index) => {
		const rowNumber = index + 1;
		const from = textOf(row?.from);
		const to = textOf(row?.to);
		if (from === undefined || to === undefined) {
			throw new MappingError(
				`Row ${rowNumber} of the mapping table "${tableName}" is not a pair of text values: ${preview(row)}.`,
				{ code: 'invalid-input', table: tableName, rows: [rowNumber] },
			);
		}
		if (from === '' && to === '') return; // a blank row left in the editor
		if (from === '') {
			throw new MappingError(
				`Row ${rowNumber} of the mapping table "${tableName}" maps to "${to}" but has no ServiceTitan value. Fill it in or remove the row.`,
				{ code: 'empty-key', table: tableName, rows: [rowNumber] },
			);
		}
		if (to === '') {
			throw new MappingError(
				`Row ${rowNumber} of the mapping table "${tableName}" maps ${from} to an empty value. Fill in the ERP value or remove the row.`,
				{ code: 'empty-target', table: tableName, value: from, rows: [rowNumber] },
			);
		}
		const key = mappingKey(from);
		const existing = entries.get(key);
		if (existing && existing.to !== to) {
			throw new MappingError(
				`The mapping table "${tableName}" maps ${from} twice: to "${existing.to}" (row ${existing.row}) and to "${to}" (row ${rowNumber}). Keep only one of these rows.`,
				{ code: 'duplicate-key', table: tableName, value: from, rows: [existing.row, rowNumber] },
			);
		}
		if (!existing) entries.set(key, { to, row: rowNumber });
	});
	const defaultValue = options?.defaultValue?.trim() || undefined;
	return {
		name: tableName,
		entries: new Map([...entries].map(([key, entry]) => [key, entry.to])),
		...(defaultValue === undefined ? {} : { defaultValue }),
	};
}

function columnName(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function columnsNamed(row: Record<string, unknown>, candidates: readonly string[]): string[] {
	const wanted = candidates.map(columnName);
	return Object.keys(row).filter((key) => wanted.includes(columnName(key)));
}

function rowsFromArray(tableName: string, items: readonly unknown[], where: string): MappingRow[] {
	const rows: MappingRow[] = [];
	items.forEach((item, index) => {
		const rowLabel = () => `Row ${index + 1}${where}`;
		if (typeof item !== 'object' || item === null || Array.isArray(item)) {
			throw new MappingError(
				`${rowLabel()} of the mapping table "${tableName}" is not an object with "from" and "to" columns: ${preview(item)}.`,
				{ code: 'invalid-input', table: tableName, rows: [index + 1] },
			);
		}
		const row = item as Record<string, unknown>;
		const fromColumns = columnsNamed(row, FROM_COLUMNS);
		const toColumns = columnsNamed(row, TO_COLUMNS);
		for (const columns of [fromColumns, toColumns]) {
			if (columns.length > 1) {
				throw new MappingError(
					`${rowLabel()} of the mapping table "${tableName}" has the columns ${columns.join(' and ')}, which mean the same thing. Keep only one of them.`,
					{ code: 'invalid-input', table: tableName, rows: [index + 1] },
				);
			}
		}
		const [fromColumn] = fromColumns;
		const [toColumn] = toColumns;
		if (fromColumn === undefined || toColumn === undefined) {
			if (Object.values(row).every((cell) => textOf(cell) === '')) return; // an empty sheet row
			throw new MappingError(
				`${rowLabel()} of the mapping table "${tableName}" has the columns ${Object.keys(row).join(', ') || '(none)'}. ` +
					`Name the ServiceTitan column one of ${FROM_COLUMNS.join(', ')} and the ERP column one of ${TO_COLUMNS.join(', ')}.`,
				{ code: 'invalid-input', table: tableName, rows: [index + 1] },
			);
		}
		rows.push({ from: row[fromColumn] as string, to: row[toColumn] as string });
	});
	return rows;
}

/**
 * Accepts what a user keeps in an n8n Data table, a sheet or a Code node:
 * - an object `{ "31": "HVAC", "34": "ELEC" }`;
 * - an array of rows whose ServiceTitan column is named from | source | serviceTitan | key and whose
 *   ERP column is named to | target | erp | value (case, spaces and underscores ignored; other
 *   columns such as a Data table's id are ignored);
 * - either of the above as a JSON string.
 * An empty object or array gives an empty table; nothing at all (undefined/null) is an error, since
 * it usually means the field path is wrong.
 */
export function tableFromInput(name: string, value: unknown, options?: MappingTableOptions): MappingTable {
	const tableName = name.trim();
	const where = options?.fieldPath ? ` (from field "${options.fieldPath}")` : '';
	let input = value;
	if (typeof input === 'string' && /^\s*[[{]/.test(input)) {
		try {
			input = JSON.parse(input) as unknown;
		} catch {
			throw new MappingError(`The mapping table "${tableName}"${where} is text that is not valid JSON.`, {
				code: 'invalid-input',
				table: tableName,
			});
		}
	}
	if (input === undefined || input === null) {
		throw new MappingError(
			`The mapping table "${tableName}"${where} is empty: the input item has no value there. Check the field path.`,
			{ code: 'invalid-input', table: tableName },
		);
	}
	if (Array.isArray(input)) return buildMappingTable(tableName, rowsFromArray(tableName, input, where), options);
	if (typeof input === 'object') {
		const rows = Object.entries(input as Record<string, unknown>).map(([from, to]) => {
			if (textOf(to) === undefined) {
				throw new MappingError(
					`The mapping table "${tableName}"${where} maps ${from} to ${preview(to)}; each value must be text or a number.`,
					{ code: 'invalid-input', table: tableName, value: from },
				);
			}
			return { from, to: to as string };
		});
		return buildMappingTable(tableName, rows, options);
	}
	throw new MappingError(
		`The mapping table "${tableName}"${where} must be an object like {"31": "HVAC"} or a list of rows like ` +
			`[{"from": "31", "to": "HVAC"}], not ${preview(input)}.`,
		{ code: 'invalid-input', table: tableName },
	);
}

export function lookupMapping(table: MappingTable, value: string | number | undefined): string | undefined {
	if (value === undefined || value === null) return undefined;
	return table.entries.get(mappingKey(value));
}

const ACRONYMS: Readonly<Record<string, string>> = { gl: 'GL', id: 'ID', erp: 'ERP', sku: 'SKU', po: 'PO' };

function words(identifier: string): string[] {
	return identifier
		.replace(/\[\d+\]/g, '')
		.split(/(?=[A-Z])|[\s_-]+/)
		.filter(Boolean)
		.map((word) => ACRONYMS[word.toLowerCase()] ?? word.toLowerCase());
}

function describeField(field: string): { subject: string; path?: string } {
	if (/\s/.test(field)) return { subject: field };
	const segments = field.split('.');
	const last = words(segments[segments.length - 1]);
	const subject = last.length > 0 ? last.join(' ') : field;
	return {
		subject: subject.charAt(0).toUpperCase() + subject.slice(1),
		path: segments.length > 1 ? field : undefined,
	};
}

export function resolveMapping(
	table: MappingTable,
	value: string | number | undefined,
	context: MappingContext,
): string {
	const { subject, path } = describeField(context.field);
	const record = `${words(context.recordType).join(' ').toLowerCase()} ${context.recordId}${path ? ` (${path})` : ''}`;
	const text = value === undefined || value === null ? '' : String(value).trim();
	const details = {
		table: table.name,
		recordType: context.recordType,
		recordId: String(context.recordId),
		field: context.field,
	};
	if (text === '') {
		if (table.defaultValue !== undefined) return table.defaultValue;
		const fix = 'Fill it in ServiceTitan or set a default for the table.';
		throw new MappingError(
			`${subject} is empty on ${record}, so it cannot be looked up in the mapping table "${table.name}". ${fix}`,
			{ code: 'missing-value', fix, ...details },
		);
	}
	const mapped = lookupMapping(table, text);
	if (mapped !== undefined) return mapped;
	if (table.defaultValue !== undefined) return table.defaultValue;
	const label = context.label?.trim();
	const shown = !label ? text : label.includes(text) ? label : `${text} ("${label}")`;
	const fix = `Add a row for ${text} or set a default.`;
	throw new MappingError(`${subject} ${shown} on ${record} is not in the mapping table "${table.name}". ${fix}`, {
		code: 'unmapped',
		value: text,
		fix,
		...details,
	});
}

/**
 * Fills `{id}`-style placeholders (names case-insensitive), e.g. "ST-{id}" → "ST-880011".
 * A placeholder without a value, a stray brace, an empty result or one longer than maxLength
 * is a MappingError.
 */
export function applyNamingRule(rule: string, values: Record<string, string | number>, maxLength?: number): string {
	const available = Object.keys(values).filter((key) => values[key] !== undefined && values[key] !== null);
	const result = rule
		.replace(/\{([^{}]*)\}|[{}]/g, (match: string, placeholder: string | undefined, offset: number) => {
			if (placeholder === undefined) {
				throw new MappingError(
					`The naming rule "${rule}" has an unmatched "${match}" at position ${offset + 1}. Write placeholders like {id}.`,
					{ code: 'invalid-rule', value: rule },
				);
			}
			const key = available.find((name) => name.toLowerCase() === placeholder.trim().toLowerCase());
			if (key === undefined) {
				throw new MappingError(
					`The naming rule "${rule}" uses {${placeholder}}, which is not available here. ` +
						`Use ${available.map((name) => `{${name}}`).join(', ') || 'no placeholders'}.`,
					{ code: 'unknown-placeholder', value: rule, field: placeholder },
				);
			}
			return String(values[key]).trim();
		})
		.trim();
	if (result === '') {
		throw new MappingError(`The naming rule "${rule}" gives an empty value.`, { code: 'empty-result', value: rule });
	}
	if (maxLength !== undefined && result.length > maxLength) {
		throw new MappingError(
			`The naming rule "${rule}" gives "${result}" (${result.length} characters), longer than the ${maxLength} allowed. Shorten the rule.`,
			{ code: 'too-long', value: result },
		);
	}
	return result;
}
