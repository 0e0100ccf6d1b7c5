import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	IPollFunctions,
	IWorkflowMetadata,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { CredentialStore } from './credentials';
import { isAxiosError, plainHttpRequest } from './http';

export type ParameterValue = unknown | ((itemIndex: number, item: IDataObject) => unknown);

export interface ContextOptions {
	nodeType: INodeType;
	parameters: Record<string, ParameterValue>;
	credentials: Record<string, CredentialStore>;
	items?: IDataObject[];
	continueOnFail?: boolean;
	staticData?: Record<string, IDataObject>;
	mode?: 'manual' | 'trigger' | 'cli' | 'webhook';
}

export interface RecordedRequest {
	method: string;
	url: string;
	status: number | 'error';
}

function defaultFor(nodeType: INodeType, name: string): unknown {
	const property = nodeType.description.properties.find((candidate: INodeProperties) => candidate.name === name);
	return property?.default;
}

function resolveParameter(value: ParameterValue, itemIndex: number, item: IDataObject, extractValue: boolean): unknown {
	const resolved = typeof value === 'function' ? (value as (i: number, item: IDataObject) => unknown)(itemIndex, item) : value;
	if (extractValue && resolved && typeof resolved === 'object' && (resolved as IDataObject).__rl) {
		return (resolved as IDataObject).value;
	}
	return resolved;
}

/**
 * Builds the `this` an n8n node sees, with HTTP going for real (axios, as n8n-core) through
 * n8n-core's authentication sequence, so tests run the nodes' own code paths against simulators.
 */
export function createContext(options: ContextOptions) {
	const node: INode = {
		id: 'node-under-test',
		name: options.nodeType.description.defaults.name ?? options.nodeType.description.displayName,
		type: `n8n-nodes-ml-connector.${options.nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const staticData = options.staticData ?? {};
	const requests: RecordedRequest[] = [];

	async function httpRequestWithAuthentication(credentialType: string, request: IHttpRequestOptions) {
		const store = options.credentials[credentialType];
		if (!store) throw new Error(`no credential of type ${credentialType} in the test context`);
		const send = async () => {
			const authenticated = store.authenticate(request);
			try {
				const response = await plainHttpRequest(authenticated);
				requests.push({ method: String(request.method ?? 'GET'), url: request.url, status: 200 });
				return response;
			} catch (error) {
				requests.push({ method: String(request.method ?? 'GET'), url: request.url, status: isAxiosError(error) ? (error.response?.status ?? 'error') : 'error' });
				throw error;
			}
		};
		try {
			await store.preAuthenticate(false);
			return await send();
		} catch (error) {
			if (isAxiosError(error) && error.response?.status === 401) {
				try {
					await store.preAuthenticate(true);
					return await send();
				} catch (retryError) {
					throw new NodeApiError(node, retryError as never);
				}
			}
			throw new NodeApiError(node, error as never);
		}
	}

	const context = {
		getNode: () => node,
		getInputData: () => items,
		getMode: () => options.mode ?? 'manual',
		getWorkflow: (): IWorkflowMetadata => ({ id: 'wf-test', name: 'test', active: false }),
		continueOnFail: () => options.continueOnFail ?? false,
		getWorkflowStaticData: (type: string) => {
			staticData[type] ??= {};
			return staticData[type];
		},
		getCredentials: async (type: string): Promise<ICredentialDataDecryptedObject> => {
			const store = options.credentials[type];
			if (!store) throw new Error(`no credential of type ${type} in the test context`);
			return { ...store.data };
		},
		getNodeParameter: (name: string, itemIndexOrFallback?: unknown, fallback?: unknown, extra?: { extractValue?: boolean }) => {
			// Poll/webhook contexts call getNodeParameter(name, fallback); execute calls (name, itemIndex, fallback).
			const pollStyle = typeof itemIndexOrFallback !== 'number';
			const itemIndex = pollStyle ? 0 : (itemIndexOrFallback as number);
			const fallbackValue = pollStyle ? itemIndexOrFallback : fallback;
			if (name in options.parameters) {
				return resolveParameter(options.parameters[name], itemIndex, items[itemIndex]?.json ?? {}, extra?.extractValue ?? false);
			}
			return fallbackValue !== undefined ? fallbackValue : defaultFor(options.nodeType, name);
		},
		helpers: {
			httpRequestWithAuthentication: async function (this: unknown, type: string, request: IHttpRequestOptions) {
				return await httpRequestWithAuthentication(type, request);
			},
			httpRequest: async (request: IHttpRequestOptions) => await plainHttpRequest(request),
			returnJsonArray: (data: IDataObject | IDataObject[]): INodeExecutionData[] =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: { item: number } }) =>
				data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
		},
		logger: { debug() {}, info() {}, warn() {}, error() {} },
	};
	return { context, requests, staticData, node };
}

/** What n8n 2.41 does to a node's items before anyone sees them: an item carrying `error` keeps only `{ error }`. */
function normalizeNodeErrors(output: INodeExecutionData[][]): INodeExecutionData[][] {
	return output.map((items) => items.map((item) => (item.error ? { ...item, json: { error: item.error.message } } : item)));
}

export async function runExecute(options: ContextOptions) {
	const { context, requests, staticData } = createContext(options);
	const output = await options.nodeType.execute!.call(context as unknown as IExecuteFunctions);
	return { output: normalizeNodeErrors(output as INodeExecutionData[][]), requests, staticData };
}

export async function runPoll(options: ContextOptions) {
	const { context, requests, staticData } = createContext(options);
	const output = await options.nodeType.poll!.call(context as unknown as IPollFunctions);
	return { output, requests, staticData };
}
