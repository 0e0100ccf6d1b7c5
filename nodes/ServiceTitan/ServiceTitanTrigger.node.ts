import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ENVELOPE_TIME_FIELDS, EVENT_TIME_FIELDS } from './trigger/deliveryTime';
import { EVENT_OPTIONS, eventSelected } from './trigger/events';
import { DEFAULT_MAX_DELIVERY_AGE_HOURS, deliveryAgeCheck, signatureRefusal, type Refusal } from './trigger/refusal';
import { readWebhookEvent } from './trigger/webhookEvent';

// The same answer for every refusal: the reason would tell a caller how the key is configured.
const UNAUTHORIZED = { message: 'Unauthorized' };

const SETUP_NOTICE =
	'ServiceTitan webhooks are registered in the developer portal, not through the API. Copy this node\'s Production URL (above) into your app\'s webhook settings for each event, enter the same HMAC key there and in the ServiceTitan credential\'s "Webhook Signing Key", then publish this workflow. Requests without a valid signature, or sent longer ago than Max Delivery Age, are answered with 401 and start nothing; the reason is written to the n8n log.';

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
						displayName: 'Max Delivery Age (Hours)',
						name: 'maxDeliveryAgeHours',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_MAX_DELIVERY_AGE_HOURS,
						description: `Deliveries whose body carries a send time (${[...EVENT_TIME_FIELDS, ...ENVELOPE_TIME_FIELDS].join(', ')}) further than this from now are answered 401 and start nothing, so a captured delivery cannot be replayed later. Deliveries without a send time are not checked. 0 turns the check off.`,
					},
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
		const rawBody = (request as unknown as { rawBody?: Buffer }).rawBody;
		const body = this.getBodyData();

		let refusal: Refusal | undefined;
		if (options.verifySignature !== false) {
			const credentials = await this.getCredentials('serviceTitanApi');
			const key = String(credentials.webhookSigningKey ?? '').trim();
			const headerName = String(options.signatureHeader || 'x-servicetitan-signature').toLowerCase();
			const signature = request.headers[headerName];
			refusal = signatureRefusal(rawBody, Array.isArray(signature) ? signature[0] : signature, key, headerName);
		}
		if (!refusal) {
			const maxAgeHours = Number(options.maxDeliveryAgeHours ?? DEFAULT_MAX_DELIVERY_AGE_HOURS);
			const age = deliveryAgeCheck(body, maxAgeHours, Date.now());
			refusal = age.refusal;
			if (age.unreadableField) {
				this.logger.warn(`ServiceTitan Trigger: the delivery's "${age.unreadableField}" is not a date-time or epoch number; its age was not checked`, {
					node: this.getNode().name,
				});
			}
		}
		if (refusal) {
			this.logger.warn(`ServiceTitan Trigger answered a webhook delivery with 401 (${refusal.reason}): ${refusal.hint}`, {
				node: this.getNode().name,
				reason: refusal.reason,
			});
			this.getResponseObject().status(401).json(UNAUTHORIZED);
			return { noWebhookResponse: true };
		}

		const event = readWebhookEvent(body, request.headers, rawBody ?? JSON.stringify(body));
		const events = this.getNodeParameter('events', ['*']) as string[];
		if (!eventSelected(events, event.eventType)) return { webhookResponse: { received: true, ignored: event.eventType } };

		return { workflowData: [this.helpers.returnJsonArray([event as unknown as IDataObject])] };
	}
}
