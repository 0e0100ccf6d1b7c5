import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ServiceTitanClient, ServiceTitanModule } from '../../transport';
import { withCanonical, type CanonicalRecordType } from './canonical';
import { includeCanonicalOption } from './common';
import { showFor, type Operation } from './operation';

export interface GetConfig {
	resource: string;
	noun: string;
	module: ServiceTitanModule;
	/** `{id}` is replaced by the record ID; when `byIdsQuery` is set the ID goes into `?ids=` instead. */
	path: string;
	byIdsQuery?: boolean;
	canonical?: CanonicalRecordType;
	/** A resource locator to use instead of a plain ID field. */
	idProperty?: INodeProperties;
}

export function recordIdProperty(resource: string, noun: string, operation: string | string[]): INodeProperties {
	return {
		displayName: `${noun[0].toUpperCase()}${noun.slice(1)} ID`,
		name: 'id',
		type: 'string',
		required: true,
		default: '',
		description: `The ServiceTitan ID of the ${noun}`,
		displayOptions: showFor(resource, operation),
	};
}

export function readRecordId(context: IExecuteFunctions, itemIndex: number, noun: string): string {
	const raw = context.getNodeParameter('id', itemIndex, '', { extractValue: true }) as string | number;
	const id = String(raw).trim();
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(context.getNode(), `The ${noun} ID must be a number, got "${id}"`, { itemIndex });
	}
	return id;
}

export function getOperation(config: GetConfig, operation = 'get'): Operation {
	return {
		description: [
			config.idProperty ?? recordIdProperty(config.resource, config.noun, operation),
			...(config.canonical ? [includeCanonicalOption(config.resource, operation)] : []),
		],
		async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
			const id = readRecordId(this, itemIndex, config.noun);
			let record: IDataObject | undefined;
			if (config.byIdsQuery) {
				const page = await client.request<{ data: IDataObject[] }>('GET', config.module, config.path, { qs: { ids: id } });
				record = page.data?.[0];
			} else {
				record = await client.request<IDataObject>('GET', config.module, config.path.replace('{id}', id));
			}
			if (!record) {
				throw new NodeOperationError(this.getNode(), `ServiceTitan has no ${config.noun} with ID ${id}`, { itemIndex });
			}
			const includeCanonical = config.canonical && (this.getNodeParameter('includeCanonical', itemIndex, false) as boolean);
			return includeCanonical ? withCanonical(config.canonical!, record) : record;
		},
	};
}
