import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from './errors';
import { errorJson, forEachItem, outcomeItems, pairedItems, type ItemResult } from './items';
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
	const subjectOf = (itemIndex: number) => ({ system, recordType: resource.noun, recordId: recordIdOf(context, itemIndex) });
	if ('executeAll' in operation) return [outcomeItems(context, await operation.executeAll.call(context, client), subjectOf)];
	if (operation.aggregate) return [await runOnce(context, system, resource.noun, () => operation.execute.call(context, client, 0))];
	return [await forEachItem(context, subjectOf, async (itemIndex) => await operation.execute.call(context, client, itemIndex))];
}

/** An aggregate operation runs once; its output is paired with every input item. */
async function runOnce(context: IExecuteFunctions, system: string, noun: string, run: () => Promise<ItemResult>): Promise<INodeExecutionData[]> {
	const inputs = context.getInputData().map((_, item) => ({ item }));
	try {
		return pairedItems(await run(), 0).map((entry) => ({ ...entry, pairedItem: inputs }));
	} catch (error) {
		const nodeError = toNodeError(context.getNode(), error, { system, recordType: noun });
		if (!context.continueOnFail()) throw nodeError;
		return [{ json: errorJson(nodeError, error), pairedItem: inputs }];
	}
}
