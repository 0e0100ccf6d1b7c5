import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forEachItem } from './items';
import type { ResourceDefinition } from './operations';

function recordIdOf(context: IExecuteFunctions, itemIndex: number): string | undefined {
	try {
		const value = context.getNodeParameter('id', itemIndex, '', { extractValue: true });
		return value === '' || value === undefined || value === null ? undefined : String(value);
	} catch {
		return undefined;
	}
}

/**
 * Runs the chosen resource/operation for every input item with one client for the whole
 * execution; failures become per-item errors that name the system, the record and the item.
 */
export async function routeOperation<Client>(
	context: IExecuteFunctions,
	system: string,
	resources: Array<ResourceDefinition<Client>>,
	createClient: () => Promise<Client>,
): Promise<INodeExecutionData[][]> {
	const resourceName = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const resource = resources.find((candidate) => candidate.value === resourceName);
	const operation = resource?.operations[operationName];
	if (!resource || !operation) {
		throw new NodeOperationError(context.getNode(), `The operation "${operationName}" is not supported for resource "${resourceName}"`);
	}
	const client = await createClient();
	const output = await forEachItem(
		context,
		(itemIndex) => ({ system, recordType: resource.noun, recordId: recordIdOf(context, itemIndex) }),
		async (itemIndex) => await operation.execute.call(context, client, itemIndex),
	);
	return [output];
}
