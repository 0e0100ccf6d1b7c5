import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../shared';
import type { ServiceTitanClient } from '../../transport';

export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number): Promise<ItemResult>;
}

export interface ResourceDefinition {
	/** Value of the `resource` parameter. */
	value: string;
	/** Singular noun used in messages, e.g. "invoice". */
	noun: string;
	operations: Record<string, Operation>;
	/** The operation selector shown for this resource. */
	operationProperty: INodeProperties;
}

export function showFor(resource: string, operation: string | string[]) {
	return { show: { resource: [resource], operation: Array.isArray(operation) ? operation : [operation] } };
}
