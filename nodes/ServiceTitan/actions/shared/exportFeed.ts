import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ServiceTitanClient, ServiceTitanModule } from '../../transport';
import { withCanonical, type CanonicalRecordType } from './canonical';
import { includeCanonicalOption } from './common';
import { exportFeedEvent } from '../../trigger/pollEvent';
import { showFor, type Operation } from './operation';

export interface ExportFeedConfig {
	resource: string;
	module: ServiceTitanModule;
	/** Path segment after `export/`, e.g. `invoices`. */
	feed: string;
	/** Record type named in event output (and used for the canonical form when `canonical` is set). */
	recordType: CanonicalRecordType;
	canonical?: CanonicalRecordType;
}

export function exportFeedProperties(resource: string, operation: string): INodeProperties[] {
	const show = showFor(resource, operation);
	return [
		{
			displayName: 'Resume From',
			name: 'resumeFrom',
			type: 'options',
			default: 'stored',
			displayOptions: show,
			options: [
				{
					name: 'Stored Position',
					value: 'stored',
					description: 'Continue where this node stopped last time (kept in the workflow). Use this for scheduled backfills.',
				},
				{ name: 'Continuation Token or Date', value: 'token', description: 'Start from a token or a date you pass in' },
				{ name: 'Beginning', value: 'beginning', description: 'Read the whole feed from the start' },
			],
		},
		{
			displayName: 'Start From Date',
			name: 'initialFrom',
			type: 'string',
			default: '',
			placeholder: '2026-01-01',
			description: 'Where the very first run starts when nothing is stored yet (a date, or empty for the beginning of the feed)',
			displayOptions: { show: { ...show.show, resumeFrom: ['stored'] } },
		},
		{
			displayName: 'Continuation Token or Date',
			name: 'from',
			type: 'string',
			default: '',
			description: 'A `continueFrom` token returned by a previous run, or a date such as 2026-01-01',
			displayOptions: { show: { ...show.show, resumeFrom: ['token'] } },
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'records',
			displayOptions: show,
			options: [
				{ name: 'Records', value: 'records', description: 'One item per record, as ServiceTitan returns it' },
				{
					name: 'Events',
					value: 'events',
					description: 'One item per record in the ServiceTitan Trigger\'s envelope (eventId, eventType, recordId, data), to merge with webhook deliveries',
				},
			],
		},
		{
			displayName: 'Max Records per Run',
			name: 'maxRecords',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Stop after the page that reaches this many records (0 = read to the end of the feed). Whole pages are returned, so the position stays exact.',
			displayOptions: show,
		},
	];
}

function storageKey(resource: string, tenantId: string): string {
	return `exportCursor:${resource}:${tenantId}`;
}

/**
 * ServiceTitan export feed: reads pages from a continuation token until the feed says it has
 * no more (or the record cap is reached on a page boundary), then returns the records and the
 * token to resume from.
 */
export function exportFeedOperation(config: ExportFeedConfig, operation = 'exportFeed'): Operation {
	return {
		description: [
			...exportFeedProperties(config.resource, operation),
			...(config.canonical ? [includeCanonicalOption(config.resource, operation)] : []),
		],
		async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
			const resumeFrom = this.getNodeParameter('resumeFrom', itemIndex, 'stored') as string;
			const maxRecords = this.getNodeParameter('maxRecords', itemIndex, 0) as number;
			const staticData = this.getWorkflowStaticData('node');
			const key = storageKey(config.resource, client.tenantId);
			let from: string | undefined;
			if (resumeFrom === 'stored') {
				from = (staticData[key] as string | undefined) ?? ((this.getNodeParameter('initialFrom', itemIndex, '') as string).trim() || undefined);
			} else if (resumeFrom === 'token') {
				from = (this.getNodeParameter('from', itemIndex, '') as string).trim() || undefined;
			}

			const records: IDataObject[] = [];
			let continueFrom = from ?? '';
			let hasMore = false;
			for await (const batch of client.exportFeed<IDataObject>(config.module, config.feed, from)) {
				records.push(...batch.records);
				continueFrom = batch.continueFrom;
				hasMore = batch.hasMore;
				if (maxRecords > 0 && records.length >= maxRecords) break;
			}
			if (resumeFrom === 'stored' && continueFrom) staticData[key] = continueFrom;

			const includeCanonical = config.canonical && (this.getNodeParameter('includeCanonical', itemIndex, false) as boolean);
			const asEvents = this.getNodeParameter('output', itemIndex, 'records') === 'events';
			const output = records.map((record) => {
				const shaped = includeCanonical ? withCanonical(config.canonical!, record) : record;
				return asEvents ? exportFeedEvent(config.recordType, shaped) : shaped;
			});
			if (resumeFrom === 'stored') return output;
			if (output.length === 0) return { continueFrom, hasMore, records: 0 };
			return output.map((record) => ({ ...record, _continueFrom: continueFrom, _hasMore: hasMore }));
		},
	};
}
