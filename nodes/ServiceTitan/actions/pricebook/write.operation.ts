import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { takeRecords } from '../../../shared';
import type { ServiceTitanClient } from '../../transport';
import { readRecordId, recordIdProperty } from '../shared/get';
import { showFor, type Operation } from '../shared/operation';
import { pricebookFields } from './fields';

const codeAndDescription: INodeProperties[] = [
	{ displayName: 'Code', name: 'code', type: 'string', default: '' },
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
];

export interface PricebookKind {
	resource: string;
	noun: string;
	path: 'services' | 'materials';
}

function itemProperties(kind: PricebookKind, show: ReturnType<typeof showFor>): INodeProperties[] {
	return [
		{ displayName: 'Code', name: 'code', type: 'string', required: true, default: '', description: `Unique code of the ${kind.noun}`, displayOptions: show },
		{ displayName: 'Description', name: 'description', type: 'string', required: true, default: '', displayOptions: show },
		{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: show, options: pricebookFields },
	];
}

function readItem(context: IExecuteFunctions, itemIndex: number, kind: PricebookKind): IDataObject {
	const code = (context.getNodeParameter('code', itemIndex) as string).trim();
	const description = (context.getNodeParameter('description', itemIndex) as string).trim();
	if (!code || !description) {
		throw new NodeOperationError(context.getNode(), `A pricebook ${kind.noun} needs a code and a description`, { itemIndex });
	}
	return { code, description, ...(context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) };
}

export function createPricebookItem(kind: PricebookKind): Operation {
	const show = showFor(kind.resource, 'create');
	return {
		description: itemProperties(kind, show),
		async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
			return await client.request<IDataObject>('POST', 'pricebook', kind.path, { body: readItem(this, itemIndex, kind) });
		},
	};
}

export function updatePricebookItem(kind: PricebookKind): Operation {
	const show = showFor(kind.resource, 'update');
	return {
		description: [
			recordIdProperty(kind.resource, kind.noun, 'update'),
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: show,
				options: [...codeAndDescription, ...pricebookFields].sort((a, b) => a.displayName.localeCompare(b.displayName)),
			},
		],
		async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
			const id = readRecordId(this, itemIndex, kind.noun);
			const body = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
			if (Object.keys(body).length === 0) {
				throw new NodeOperationError(this.getNode(), `Nothing to update on ${kind.noun} ${id}: add at least one field`, { itemIndex });
			}
			return await client.request<IDataObject>('PATCH', 'pricebook', `${kind.path}/${id}`, { body });
		},
	};
}

/** Creates the item, or updates the one with the same code (codes compared without case). */
export function upsertPricebookItem(kind: PricebookKind): Operation {
	const show = showFor(kind.resource, 'upsert');
	return {
		description: itemProperties(kind, show),
		async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
			const body = readItem(this, itemIndex, kind);
			const code = String(body.code);
			const key = `pricebook:${kind.path}`;
			const existing = await client.memoize(key, async () => {
				const byCode = new Map<string, IDataObject>();
				const all = await takeRecords(client.pages<IDataObject>('pricebook', kind.path, { active: 'Any' }, 500));
				for (const record of all) byCode.set(String(record.code).toUpperCase(), record);
				return byCode;
			});
			const match = existing.get(code.toUpperCase());
			if (match) {
				const updated = await client.request<IDataObject>('PATCH', 'pricebook', `${kind.path}/${String(match.id)}`, { body });
				return { action: 'updated', ...updated };
			}
			const created = await client.request<IDataObject>('POST', 'pricebook', kind.path, { body });
			existing.set(code.toUpperCase(), created);
			return { action: 'created', ...created };
		},
	};
}
