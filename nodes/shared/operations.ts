import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ItemOutcome, ItemResult } from './items';

/**
 * One node operation: its parameters and what it does, given the product's client. Most work one
 * input item at a time (`execute`); a bulk operation takes every item of the execution at once and
 * returns one outcome per item (`executeAll`); an aggregate one summarises them all in one result.
 */
export type Operation<Client> = { description: INodeProperties[] } & (
	| {
			execute(this: IExecuteFunctions, client: Client, itemIndex: number): Promise<ItemResult>;
			/** For operations that summarise all input items at once (e.g. a reconciliation report). */
			aggregate?: boolean;
	  }
	| { executeAll(this: IExecuteFunctions, client: Client): Promise<ItemOutcome[]> }
);

export interface ResourceDefinition<Client> {
	/** Value of the `resource` parameter. */
	value: string;
	/** Singular noun used in messages, e.g. "invoice". */
	noun: string;
	operations: Record<string, Operation<Client>>;
	/** The operation selector shown for this resource. */
	operationProperty: INodeProperties;
}

export interface OperationEntry<Client> {
	value: string;
	name: string;
	action: string;
	description: string;
	operation: Operation<Client>;
}

export function showFor(resource: string, operation: string | string[]) {
	return { show: { resource: [resource], operation: Array.isArray(operation) ? operation : [operation] } };
}

/** Builds a resource: its operation selector plus the descriptions of all its operations. */
export function defineResource<Client>(value: string, noun: string, entries: Array<OperationEntry<Client>>): ResourceDefinition<Client> {
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

/** The node's resource selector and every resource's operations and parameters. */
export function resourceProperties<Client>(resources: Array<ResourceDefinition<Client>>, labels: Record<string, string>, defaultResource: string): INodeProperties[] {
	const selector: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => ({ name: labels[resource.value], value: resource.value })).sort((a, b) => a.name.localeCompare(b.name)),
		default: '',
	};
	selector.default = defaultResource;
	return [
		selector,
		...resources.map((resource) => resource.operationProperty),
		...resources.flatMap((resource) => Object.values(resource.operations).flatMap((operation) => operation.description)),
	];
}

export function returnAllAndLimit(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor(resource, operation),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...showFor(resource, operation).show, returnAll: [false] } },
		},
	];
}

/** The "Filters" collection of a list operation, its options sorted as n8n's lint wants. */
export function filtersProperty(resource: string, operation: string, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(resource, operation),
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
