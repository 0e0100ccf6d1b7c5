import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { returnAllAndLimit, showFor, type Operation } from '../../../shared/operations';
import type { GpClient } from '../../transport';

/** The ID parameter of a get or create: named `id`, so an error names the record. */
export function idProperty(resource: string, operation: string, displayName: string, description: string): INodeProperties {
	return { displayName, name: 'id', type: 'string', required: true, default: '', description, displayOptions: showFor(resource, operation) };
}

/** The "Additional Fields" collection of a create operation. */
export function additionalFieldsProperty(resource: string, operation: string, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: showFor(resource, operation), options };
}

/** A text parameter that must not be empty; the error names the record, the field and the fix. */
export function requiredText(context: IExecuteFunctions, name: string, itemIndex: number, label: string, record: string): string {
	const value = String(context.getNodeParameter(name, itemIndex) ?? '').trim();
	if (!value) throw new NodeOperationError(context.getNode(), `${record}: "${label}" is empty; enter it (or map it from the input)`, { itemIndex });
	return value;
}

/** Get one record by its key (`Customers(C-10001)`). */
export function getOperation(resource: string, path: string, label: string): Operation<GpClient> {
	return {
		description: [idProperty(resource, 'get', label, `The ${label} of the record`)],
		async execute(client, itemIndex) {
			const id = requiredText(this, 'id', itemIndex, label, `Get ${resource}`);
			return await client.get(path, [id]);
		},
	};
}

/** List a service object; SBA has no documented paging, so Limit is applied to the list GP returns. */
export function listOperation(resource: string, path: string): Operation<GpClient> {
	return {
		description: returnAllAndLimit(resource, 'getAll'),
		async execute(client, itemIndex) {
			const records: IDataObject[] = await client.list(path);
			if (this.getNodeParameter('returnAll', itemIndex) as boolean) return records;
			return records.slice(0, this.getNodeParameter('limit', itemIndex) as number);
		},
	};
}

/** `2026-10-15`, from a date or an ISO date-time as n8n's date picker gives it. */
export function dayOf(value: unknown): string | undefined {
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(String(value ?? '').trim());
	return match && !Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`)) ? match[1] : undefined;
}
