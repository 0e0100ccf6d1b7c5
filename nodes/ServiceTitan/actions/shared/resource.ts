import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation, ResourceDefinition } from './operation';

export interface OperationEntry {
	value: string;
	name: string;
	action: string;
	description: string;
	operation: Operation;
}

/** Builds a resource: its operation selector plus the descriptions of all its operations. */
export function defineResource(value: string, noun: string, entries: OperationEntry[]): ResourceDefinition {
	const options: INodePropertyOptions[] = entries
		.map(({ value: op, name, action, description }) => ({ name, value: op, action, description }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const operationProperty: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [value] } },
		options,
		default: '',
	};
	operationProperty.default = entries[0].value;
	return {
		value,
		noun,
		operations: Object.fromEntries(entries.map((entry) => [entry.value, entry.operation])),
		operationProperty,
	};
}
