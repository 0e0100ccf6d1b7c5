import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../shared';
import { ServiceTitanClient } from './transport';
import { EXPORT_FEEDS } from './trigger/feeds';
import { exportFeedEvent } from './trigger/pollEvent';

export class ServiceTitanPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ServiceTitan Poll Trigger',
		name: 'serviceTitanPollTrigger',
		icon: { light: 'file:servicetitan.svg', dark: 'file:servicetitan.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Poll " + $parameter["feed"]}}',
		description: 'Polls a ServiceTitan export feed and starts the workflow with every new or changed record, so nothing a webhook missed is lost',
		defaults: { name: 'ServiceTitan Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'serviceTitanApi', required: true }],
		properties: [
			{
				displayName: 'Feed',
				name: 'feed',
				type: 'options',
				options: EXPORT_FEEDS.map(({ name, value }) => ({ name, value })),
				default: 'invoices',
			},
			{
				displayName: 'Start From Date',
				name: 'startFrom',
				type: 'string',
				default: '',
				placeholder: '2026-01-01',
				description: 'Where the first poll starts (empty: the beginning of the feed). Later polls continue from the stored position.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const feedName = this.getNodeParameter('feed') as string;
		const feed = EXPORT_FEEDS.find((candidate) => candidate.value === feedName);
		if (!feed) throw new NodeOperationError(this.getNode(), `Unknown ServiceTitan feed "${feedName}"`);
		const client = await ServiceTitanClient.create(this);
		const staticData = this.getWorkflowStaticData('node');
		const key = `exportCursor:${feed.value}:${client.tenantId}`;
		const startFrom = (this.getNodeParameter('startFrom', '') as string).trim() || undefined;
		const from = (staticData[key] as string | undefined) ?? startFrom;
		const manual = this.getMode() === 'manual';

		const records: IDataObject[] = [];
		let continueFrom = from;
		try {
			for await (const batch of client.exportFeed<IDataObject>(feed.module, feed.path, from)) {
				records.push(...batch.records);
				continueFrom = batch.continueFrom;
				// A manual test shows one page and leaves the stored position alone.
				if (manual) break;
			}
		} catch (error) {
			throw toNodeError(this.getNode(), error, { system: 'ServiceTitan', recordType: `${feed.name.toLowerCase()} export feed` });
		}
		if (!manual && continueFrom) staticData[key] = continueFrom;
		if (records.length === 0) return null;
		return [this.helpers.returnJsonArray(records.map((record) => exportFeedEvent(feed.recordType, record)))];
	}
}
