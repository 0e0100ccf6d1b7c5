import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { odataString } from '../../../shared/odata';
import { filtersProperty } from '../../../shared/operations';
import { encodeEnumValue, isoDate, isoDateTime } from './values';

/** One entry of a list operation's Filters collection and the `$filter` clause it becomes. */
export interface FilterField {
	property: INodeProperties;
	toClause(value: unknown): string;
}

function field(name: string, displayName: string, type: INodeProperties['type'], extra: Partial<INodeProperties> = {}): INodeProperties {
	const defaults: Record<string, INodeProperties['default']> = { boolean: false, options: '' };
	return { displayName, name, type, default: defaults[type] ?? '', ...extra };
}

/** `<bcField> eq '<value>'` */
export function equalsFilter(name: string, displayName: string, bcField: string, description?: string): FilterField {
	return {
		property: field(name, displayName, 'string', { description }),
		toClause: (value) => `${bcField} eq ${odataString(String(value).trim())}`,
	};
}

/** `contains(<bcField>, '<value>')` */
export function containsFilter(name: string, displayName: string, bcField: string): FilterField {
	return {
		property: field(name, displayName, 'string', { description: `Only records whose ${bcField} contains this text` }),
		toClause: (value) => `contains(${bcField},${odataString(String(value).trim())})`,
	};
}

/** `lastModifiedDateTime gt <ISO>`: Microsoft's recommended way to poll for changes. */
export const modifiedSinceFilter: FilterField = {
	property: field('modifiedSince', 'Modified Since', 'dateTime', { description: 'Only records changed after this time (lastModifiedDateTime)' }),
	toClause: (value) => `lastModifiedDateTime gt ${isoDateTime(value, 'Modified Since')}`,
};

/** `<bcField> ge|le <date>` (dates are unquoted in OData). */
export function dateFilter(name: string, displayName: string, bcField: string, operator: 'ge' | 'le'): FilterField {
	const bound = operator === 'ge' ? 'on or after' : 'on or before';
	return {
		property: field(name, displayName, 'dateTime', { description: `Only records with ${bcField} ${bound} this date` }),
		toClause: (value) => `${bcField} ${operator} ${isoDate(value, displayName)}`,
	};
}

/** `<bcField> eq '<enum value>'`, compared in the encoded form BC uses on the wire. */
export function enumFilter(name: string, displayName: string, bcField: string, options: INodePropertyOptions[]): FilterField {
	return {
		property: field(name, displayName, 'options', { options, default: options[0].value }),
		toClause: (value) => `${bcField} eq ${odataString(encodeEnumValue(String(value)))}`,
	};
}

/** A switch that adds a fixed clause when on. */
export function flagFilter(name: string, displayName: string, clause: string, description: string): FilterField {
	return {
		property: field(name, displayName, 'boolean', { description }),
		toClause: (value) => (value === true ? clause : ''),
	};
}

/** Free OData for anything the named filters do not cover; combined with them by `and`. */
export const customFilter: FilterField = {
	property: field('custom', 'Custom OData Filter', 'string', {
		placeholder: "city eq 'Atlanta'",
		description: 'A Business Central $filter expression, e.g. <code>startswith(number,\'C0\')</code>. Strings in single quotes, dates unquoted.',
	}),
	toClause: (value) => `(${String(value).trim()})`,
};

export function filtersCollection(resource: string, operation: string, fields: FilterField[]): INodeProperties {
	return filtersProperty(resource, operation, [...fields, customFilter].map((entry) => entry.property));
}

/** The `$filter` for the values the user set (empty values are skipped), or undefined. */
export function filtersToOData(values: IDataObject, fields: FilterField[]): string | undefined {
	const clauses = [...fields, customFilter]
		.filter((entry) => {
			const value = values[entry.property.name];
			return value !== undefined && value !== null && String(value).trim() !== '';
		})
		.map((entry) => entry.toClause(values[entry.property.name]))
		.filter(Boolean);
	return clauses.length ? clauses.join(' and ') : undefined;
}
