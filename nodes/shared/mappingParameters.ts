import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildMappingTable, tableFromInput, type MappingTable } from './mapping';

/**
 * The canvas side of a mapping table: rows edited on the node, or a table taken from a field of
 * the incoming item (so it can live in a Data table or a sheet), and an optional default.
 */
export interface MappingParameterSpec {
	/** Parameter name prefix, e.g. `businessUnitMap`. */
	name: string;
	/** Table name shown to users and named in errors, e.g. "Business Unit → Dimension Value". */
	tableName: string;
	fromLabel: string;
	toLabel: string;
	displayOptions?: INodeProperties['displayOptions'];
}

export function mappingProperties(spec: MappingParameterSpec): INodeProperties[] {
	const when = (sources: string[]): INodeProperties['displayOptions'] => ({
		...spec.displayOptions,
		show: { ...(spec.displayOptions?.show ?? {}), [`${spec.name}Source`]: sources },
	});
	return [
		{
			displayName: `${spec.tableName} Mapping`,
			name: `${spec.name}Source`,
			type: 'options',
			default: 'none',
			displayOptions: spec.displayOptions,
			options: [
				{ name: 'Not Used', value: 'none' },
				{ name: 'Rows on This Node', value: 'rows', description: 'Edit the table here' },
				{ name: 'From a Field of the Input Item', value: 'field', description: 'Keep the table in a Data table, a sheet or a Code node' },
			],
		},
		{
			displayName: `${spec.tableName} Rows`,
			name: `${spec.name}Rows`,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Row',
			default: {},
			displayOptions: when(['rows']),
			options: [
				{
					displayName: 'Row',
					name: 'row',
					values: [
						{ displayName: spec.fromLabel, name: 'from', type: 'string', default: '' },
						{ displayName: spec.toLabel, name: 'to', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: `${spec.tableName} Field`,
			name: `${spec.name}Field`,
			type: 'string',
			default: '',
			placeholder: 'mappings.businessUnits',
			description:
				'Dot path of a field in the input item holding the table — an object like {"31": "HVAC"} or rows like [{"from": "31", "to": "HVAC"}] — or an expression that returns the table, e.g. from another node',
			displayOptions: when(['field']),
		},
		{
			displayName: `${spec.tableName} Default`,
			name: `${spec.name}Default`,
			type: 'string',
			default: '',
			description: 'Used for values missing from the table. Leave empty to stop such records with an error instead.',
			displayOptions: when(['rows', 'field']),
		},
	];
}

export function readPath(source: IDataObject, path: string): unknown {
	let value: unknown = source;
	for (const part of path.split('.').filter(Boolean)) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[part];
	}
	return value;
}

/** The table configured on the node for this item, or undefined when the mapping is not used. */
export function readMappingTable(context: IExecuteFunctions, itemIndex: number, spec: MappingParameterSpec): MappingTable | undefined {
	const source = context.getNodeParameter(`${spec.name}Source`, itemIndex, 'none') as string;
	if (source === 'none') return undefined;
	const defaultValue = (context.getNodeParameter(`${spec.name}Default`, itemIndex, '') as string).trim() || undefined;
	if (source === 'rows') {
		const rows = (context.getNodeParameter(`${spec.name}Rows`, itemIndex, {}) as { row?: Array<{ from: string; to: string }> }).row ?? [];
		return buildMappingTable(spec.tableName, rows, { defaultValue });
	}
	const field = context.getNodeParameter(`${spec.name}Field`, itemIndex, '') as unknown;
	if (field !== null && typeof field === 'object') return tableFromInput(spec.tableName, field, { defaultValue });
	const path = String(field ?? '').trim();
	const value = readPath(context.getInputData()[itemIndex].json, path);
	return tableFromInput(spec.tableName, value, { defaultValue, fieldPath: path });
}
