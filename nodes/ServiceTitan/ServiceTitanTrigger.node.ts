import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { verifyHmacSha256 } from '../shared/signature';
import { EVENT_OPTIONS, eventSelected } from './trigger/events';
import { readWebhookEvent } from './trigger/webhookEvent';

const SETUP_NOTICE =
	'ServiceTitan webhooks are registered in the developer portal, not through the API. Copy this node\'s Production URL (above) into your app\'s webhook settings for each event, enter the same HMAC key there and in the ServiceTitan credential\'s "Webhook Signing Key", then publish this workflow. Requests without a valid signature are answered with 401 and start nothing.';

export class ServiceTitanTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ServiceTitan Trigger',
		name: 'serviceTitanTrigger',
		icon: { light: 'file:servicetitan.svg', dark: 'file:servicetitan.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a signed ServiceTitan webhook arrives',
		defaults: { name: 'ServiceTitan Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'serviceTitanApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
		properties: [
			{ displayName: SETUP_NOTICE, name: 'setupNotice', type: 'notice', default: '' },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: ['*'],
				description: 'Which events start the workflow; others are acknowledged and dropped',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Signature Header',
						name: 'signatureHeader',
						type: 'string',
						default: 'x-servicetitan-signature',
						description: 'Header that carries the HMAC-SHA256 signature (hex or base64, "sha256=" prefix allowed)',
					},
					{
						displayName: 'Verify Signature',
						name: 'verifySignature',
						type: 'boolean',
						default: true,
						description:
							'Whether to refuse requests whose signature does not match. Turning this off accepts anyone who knows the URL: only do it for a private test.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			// Registration happens in ServiceTitan's developer portal; n8n's lifecycle is kept locally.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const webhookData = this.getWorkflowStaticData('node');
				return webhookData.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const webhookData = this.getWorkflowStaticData('node');
				webhookData.webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const webhookData = this.getWorkflowStaticData('node');
				delete webhookData.webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const verify = options.verifySignature !== false;
		const rawBody = (request as unknown as { rawBody?: Buffer }).rawBody;

		if (verify) {
			const credentials = await this.getCredentials('serviceTitanApi');
			const key = String(credentials.webhookSigningKey ?? '');
			const headerName = String(options.signatureHeader || 'x-servicetitan-signature').toLowerCase();
			const signature = request.headers[headerName];
			const result = verifyHmacSha256({ rawBody, signature: Array.isArray(signature) ? signature[0] : signature, key });
			if (!result.valid) {
				const response = this.getResponseObject();
				response.status(401).json({ message: 'Unauthorized: the webhook signature could not be verified', reason: result.reason });
				return { noWebhookResponse: true };
			}
		}

		const event = readWebhookEvent(this.getBodyData(), request.headers, rawBody ?? JSON.stringify(this.getBodyData()));
		const events = this.getNodeParameter('events', ['*']) as string[];
		if (!eventSelected(events, event.eventType)) return { webhookResponse: { received: true, ignored: event.eventType } };

		return { workflowData: [this.helpers.returnJsonArray([event as unknown as IDataObject])] };
	}
}
