import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { filtersProperty } from '../../../shared/operations';

/** One filter of a list endpoint: how it is shown, and how it becomes a ServiceTitan query parameter. */
export interface FilterField {
	name: string;
	label: string;
	kind: 'string' | 'number' | 'dateTime' | 'multiOptions' | 'options' | 'boolean';
	description?: string;
	options?: INodePropertyOptions[];
	/** Query parameter name when it differs from `name`. */
	query?: string;
	/** How a list value is sent: repeated parameters (default) or one comma-separated value. */
	listFormat?: 'repeat' | 'comma';
}

export function filtersCollection(resource: string, operation: string, fields: FilterField[]): INodeProperties {
	return filtersProperty(
		resource,
		operation,
		fields.map((field) => ({
			displayName: field.label,
			name: field.name,
			type: field.kind,
			default: field.kind === 'multiOptions' ? [] : field.kind === 'boolean' ? false : field.kind === 'number' ? 0 : '',
			description: field.description,
			...(field.options ? { options: field.options } : {}),
		})) as INodeProperties[],
	);
}

function toQueryValue(field: FilterField, value: unknown): unknown {
	if (field.kind === 'dateTime') return new Date(String(value)).toISOString();
	if (field.kind === 'multiOptions') {
		const list = value as string[];
		return field.listFormat === 'comma' ? list.join(',') : list;
	}
	if (field.listFormat === 'repeat' && typeof value === 'string') {
		return value.split(',').map((part) => part.trim()).filter(Boolean);
	}
	if (typeof value === 'string') return value.trim();
	return value;
}

export function filtersToQuery(values: IDataObject, fields: FilterField[]): IDataObject {
	const query: IDataObject = {};
	for (const field of fields) {
		const value = values[field.name];
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
		query[field.query ?? field.name] = toQueryValue(field, value) as IDataObject[string];
	}
	return query;
}

export const syncStatusOptions: INodePropertyOptions[] = [
	{ name: 'Exported', value: 'Exported' },
	{ name: 'Pending', value: 'Pending' },
	{ name: 'Posted', value: 'Posted' },
];

export const activeOptions: INodePropertyOptions[] = [
	{ name: 'Active Only', value: 'True' },
	{ name: 'Any', value: 'Any' },
	{ name: 'Inactive Only', value: 'False' },
];

export const idsFilter: FilterField = {
	name: 'ids',
	label: 'IDs',
	kind: 'string',
	description: 'Comma-separated record IDs (at most 50)',
};

export const modifiedOnOrAfterFilter: FilterField = {
	name: 'modifiedOnOrAfter',
	label: 'Modified On or After',
	kind: 'dateTime',
};

export const modifiedBeforeFilter: FilterField = {
	name: 'modifiedBefore',
	label: 'Modified Before',
	kind: 'dateTime',
};
