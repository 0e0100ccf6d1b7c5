import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { filtersProperty } from '../../../shared/operations';
import { odataString } from '../../../shared/odata';

/** One entry of a list operation's Filters collection and the `$filter` clause it becomes. */
export interface FilterField {
	property: INodeProperties;
	toOData(value: unknown): string | undefined;
}

const ENUMS = 'Microsoft.Dynamics.DataEntities';

/** `field eq 'value'`. */
export function equalsFilter(name: string, displayName: string, field: string, placeholder = ''): FilterField {
	return {
		property: { displayName, name, type: 'string', default: '', placeholder },
		toOData: (value) => (String(value ?? '').trim() ? `${field} eq ${odataString(String(value).trim())}` : undefined),
	};
}

/** F&O has no `contains()`: a `*` wildcard inside an `eq` literal does it (`Name eq '*plumb*'`). */
export function containsFilter(name: string, displayName: string, field: string): FilterField {
	return {
		property: { displayName, name, type: 'string', default: '', description: `Records whose ${displayName.replace(/ Contains$/, '').toLowerCase()} contains this text` },
		toOData: (value) => {
			const text = String(value ?? '').trim().replace(/\*/g, '');
			return text ? `${field} eq ${odataString(`*${text}*`)}` : undefined;
		},
	};
}

/** A NoYes enum field, written fully qualified as F&O wants it in `$filter`. */
export function yesNoFilter(name: string, displayName: string, field: string): FilterField {
	return {
		property: {
			displayName,
			name,
			type: 'options',
			default: 'any',
			options: [
				{ name: 'Any', value: 'any' },
				{ name: 'No', value: 'No' },
				{ name: 'Yes', value: 'Yes' },
			],
		},
		toOData: (value) => (value === 'Yes' || value === 'No' ? `${field} eq ${ENUMS}.NoYes'${value}'` : undefined),
	};
}

export const customFilter: FilterField = {
	property: {
		displayName: 'Custom OData Filter',
		name: 'custom',
		type: 'string',
		default: '',
		placeholder: "CustomerGroupId eq '30'",
		description: "An OData $filter clause, ANDed with the others. F&O supports eq, ne, gt, ge, lt, le, and, or, not and '*' wildcards; not 'in', 'has' or contains().",
	},
	toOData: (value) => (String(value ?? '').trim() ? `(${String(value).trim()})` : undefined),
};

export function filtersCollection(resource: string, operation: string, filters: FilterField[]): INodeProperties {
	return filtersProperty(resource, operation, [...filters, customFilter].map((filter) => filter.property));
}

export function filtersToOData(values: IDataObject, filters: FilterField[]): string | undefined {
	const clauses = [...filters, customFilter]
		.map((filter) => (values[filter.property.name] === undefined ? undefined : filter.toOData(values[filter.property.name])))
		.filter((clause): clause is string => Boolean(clause));
	return clauses.length ? clauses.join(' and ') : undefined;
}
