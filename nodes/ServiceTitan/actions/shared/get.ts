import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOutcome } from '../../../shared';
import type { ServiceTitanClient, ServiceTitanModule } from '../../transport';
import { readByIds, type IdLookup } from './byIds';
import { withCanonical, type CanonicalRecordType } from './canonical';
import { includeCanonicalOption } from './common';
import { readEntries } from './itemEntries';
import { showFor, type Operation } from './operation';

interface GetBase {
	resource: string;
	noun: string;
	canonical?: CanonicalRecordType;
	/** A resource locator to use instead of a plain ID field. */
	idProperty?: INodeProperties;
}

/**
 * Either a `…/{id}` path, read item by item, or a list endpoint taking `ids`: every input item is
 * then read at once, up to 50 IDs per call.
 */
export type GetConfig = GetBase & ({ module: ServiceTitanModule; path: string } | { lookup: IdLookup });

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

function notFound(context: IExecuteFunctions, noun: string, id: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(context.getNode(), `ServiceTitan has no ${noun} with ID ${id}`, { itemIndex });
}

function shaped(context: IExecuteFunctions, config: GetConfig, record: IDataObject, itemIndex: number): IDataObject {
	const includeCanonical = config.canonical && (context.getNodeParameter('includeCanonical', itemIndex, false) as boolean);
	return includeCanonical ? withCanonical(config.canonical!, record) : record;
}

export function getOperation(config: GetConfig, operation = 'get'): Operation {
	const description = [
		config.idProperty ?? recordIdProperty(config.resource, config.noun, operation),
		...(config.canonical ? [includeCanonicalOption(config.resource, operation)] : []),
	];
	if ('lookup' in config) {
		const lookup = config.lookup;
		return {
			description,
			async executeAll(this: IExecuteFunctions, client: ServiceTitanClient) {
				const { entries: wanted, failed } = readEntries(this, (itemIndex) => ({ itemIndex, id: readRecordId(this, itemIndex, config.noun) }));
				const outcomes: ItemOutcome[] = [...failed];
				const found = await readByIds(client, lookup, wanted.map((entry) => entry.id));
				for (const { itemIndex, id } of wanted) {
					const record = found.records.get(id);
					if (found.failures.has(id)) outcomes.push({ itemIndex, error: found.failures.get(id) });
					else if (!record) outcomes.push({ itemIndex, error: notFound(this, config.noun, id, itemIndex) });
					else outcomes.push({ itemIndex, json: shaped(this, config, record, itemIndex) });
				}
				return outcomes;
			},
		};
	}
	return {
		description,
		async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
			const { module, path } = config;
			const id = readRecordId(this, itemIndex, config.noun);
			const record = await client.request<IDataObject | undefined>('GET', module, path.replace('{id}', id));
			if (!record) throw notFound(this, config.noun, id, itemIndex);
			return shaped(this, config, record, itemIndex);
		},
	};
}
