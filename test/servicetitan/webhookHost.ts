import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeExecutionData, INodeType, IWebhookFunctions } from 'n8n-workflow';

import type { CredentialStore } from '../helpers/credentials';

export interface Delivery {
	status: number;
	items: INodeExecutionData[] | undefined;
}

export interface LogEntry {
	level: string;
	message: string;
	metadata?: unknown;
}

/**
 * Hosts a trigger node's `webhook()` on loopback the way n8n's webhook server does: the exact raw
 * bytes in `rawBody`, the parsed JSON as the body, and the node either writing its own response
 * (`noWebhookResponse`) or n8n answering 200 and starting an execution with `workflowData`.
 */
export async function hostWebhook(nodeType: INodeType, parameters: Record<string, unknown>, credential: CredentialStore) {
	const executions: INodeExecutionData[][] = [];
	const logs: LogEntry[] = [];
	const record = (level: string) => (message: string, metadata?: unknown) => logs.push({ level, message, metadata });
	const logger = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', async () => {
			const rawBody = Buffer.concat(chunks);
			let body: IDataObject = {};
			try {
				body = JSON.parse(rawBody.toString('utf8')) as IDataObject;
			} catch {
				body = {};
			}
			const req = Object.assign(request, { rawBody, body });
			const res = {
				status(code: number) {
					response.statusCode = code;
					return res;
				},
				json(value: unknown) {
					response.setHeader('content-type', 'application/json');
					response.end(JSON.stringify(value));
					return res;
				},
				send(value: unknown) {
					response.end(typeof value === 'string' ? value : JSON.stringify(value));
					return res;
				},
				end() {
					response.end();
					return res;
				},
			};
			const context = {
				getRequestObject: () => req,
				getResponseObject: () => res,
				getBodyData: () => body,
				getHeaderData: () => request.headers,
				getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
				getCredentials: async () => ({ ...credential.data }),
				getNode: () => ({ id: 'trigger', name: 'ServiceTitan Trigger', type: 'n8n-nodes-ml-connector.serviceTitanTrigger', typeVersion: 1, position: [0, 0], parameters: {} }),
				getWorkflowStaticData: () => ({}),
				logger,
				helpers: { returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })) },
			};
			try {
				const result = await nodeType.webhook!.call(context as unknown as IWebhookFunctions);
				if (result.noWebhookResponse) return;
				if (result.workflowData) executions.push(result.workflowData[0]);
				response.statusCode = 200;
				response.setHeader('content-type', 'application/json');
				response.end(JSON.stringify(result.webhookResponse ?? { message: 'Workflow was started' }));
			} catch (error) {
				response.statusCode = 500;
				response.end(String((error as Error).message));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
	/** POSTs exact bytes with exact headers, as a replay of a captured delivery would. */
	const post = async (rawBody: string, headers: Record<string, string>) => {
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody, redirect: 'manual' });
		return { status: response.status, body: await response.text() };
	};
	return {
		url,
		executions,
		logs,
		post,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
