import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { money } from '../../../shared/money';
import type { BusinessCentralClient } from '../../transport';
import { patchWithEtag } from './etag';
import { showFor, type Operation } from './operation';
import { byId, describeRecord, etagOf, findRecord, findRecordId, readLocator, type EntityRef } from './records';

export interface WriteConfig {
	resource: string;
	entity: EntityRef;
	/** Settable fields of the record (Additional Fields on create, Update Fields on update). */
	fields: INodeProperties[];
	/** Fields entered as decimal strings and sent as JSON numbers. */
	moneyFields?: string[];
}

export const displayNameField: INodeProperties = { displayName: 'Display Name', name: 'displayName', type: 'string', default: '' };

function sorted(fields: INodeProperties[]): INodeProperties[] {
	return [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The request body for the fields a user set; money goes through exact decimals. */
export function bodyFromFields(values: IDataObject, moneyFields: string[] = []): IDataObject {
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		if (value === undefined || value === null) continue;
		body[name] = moneyFields.includes(name) ? money(value as string, name).toNumber(`Field "${name}"`) : value;
	}
	return body;
}

export function createOperation(config: WriteConfig, operation = 'create'): Operation {
	const show = showFor(config.resource, operation);
	return {
		description: [
			{ ...displayNameField, required: true, description: `The ${config.entity.noun}'s name`, displayOptions: show },
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: show,
				options: sorted(config.fields),
			},
		],
		async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
			const displayName = (this.getNodeParameter('displayName', itemIndex, '') as string).trim();
			if (!displayName) throw new NodeOperationError(this.getNode(), `The ${config.entity.noun} display name is empty`, { itemIndex });
			const extra = bodyFromFields(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, config.moneyFields);
			return await client.request<IDataObject>('POST', await client.companyPath(config.entity.set), { body: { displayName, ...extra } });
		},
	};
}

export function etagOption(resource: string, operation: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(resource, operation),
		options: [
			{
				displayName: 'ETag',
				name: 'etag',
				type: 'string',
				default: '',
				placeholder: 'W/"JzQ0OzNP…MDsn"',
				description:
					'The @odata.etag of the record as you read it. Business Central then refuses the update if anyone changed the record since. Empty: the record is read first and its current version is updated.',
			},
		],
	};
}

/** Update with If-Match: the caller's ETag, or the one just read. Never a blind `*`. */
export function updateOperation(config: WriteConfig & { locator: INodeProperties }, operation = 'update'): Operation {
	return {
		description: [
			config.locator,
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: showFor(config.resource, operation),
				options: sorted([displayNameField, ...config.fields]),
			},
			etagOption(config.resource, operation),
		],
		async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
			const body = bodyFromFields(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, config.moneyFields);
			const locator = readLocator(this, itemIndex, 'id', config.entity);
			if (Object.keys(body).length === 0) {
				throw new NodeOperationError(this.getNode(), `Nothing to update on ${config.entity.noun} ${locator.value}: add at least one field`, { itemIndex });
			}
			const givenEtag = String((this.getNodeParameter('options', itemIndex, {}) as IDataObject).etag ?? '').trim();
			const record: IDataObject =
				givenEtag && byId(locator)
					? { id: await findRecordId(this, client, itemIndex, 'id', config.entity) }
					: await findRecord(this, client, itemIndex, 'id', config.entity);
			return await patchWithEtag(this, client, itemIndex, {
				path: `${await client.companyPath(config.entity.set)}(${String(record.id)})`,
				body,
				etag: givenEtag || etagOf(record),
				label: describeRecord(config.entity, record),
			});
		},
	};
}
