import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forEachItem } from '../../shared';
import { ServiceTitanClient } from '../transport';
import { resources } from './resources';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const resource = resources.find((candidate) => candidate.value === resourceName);
	const operation = resource?.operations[operationName];
	if (!resource || !operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported for resource "${resourceName}"`);
	}
	const client = await ServiceTitanClient.create(this);
	const output = await forEachItem(
		this,
		(itemIndex) => ({
			system: 'ServiceTitan',
			recordType: resource.noun,
			recordId: safeRecordId(this, itemIndex),
		}),
		async (itemIndex) => await operation.execute.call(this, client, itemIndex),
	);
	return [output];
}

function safeRecordId(context: IExecuteFunctions, itemIndex: number): string | undefined {
	try {
		const value = context.getNodeParameter('id', itemIndex, '', { extractValue: true });
		return value === '' || value === undefined ? undefined : String(value);
	} catch {
		return undefined;
	}
}
