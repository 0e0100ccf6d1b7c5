import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showFor } from './operation';
import { amount, quantity } from './values';

/** What every document line has, whatever the document. */
export interface LineParameters {
	description?: string;
	dimensionDisplayValue?: string;
	quantity?: string;
	unitPrice?: string;
	[field: string]: string | undefined;
}

const COMMON_LINE_FIELDS: INodeProperties[] = [
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	{ displayName: 'Dimension Display Value', name: 'dimensionDisplayValue', type: 'string', default: '', description: "The line's own dimensions as a display string; empty: the document's" },
	{ displayName: 'Quantity', name: 'quantity', type: 'string', default: '1' },
];

function byName(fields: INodeProperties[]): INodeProperties[] {
	return [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** A document's lines: the common fields, the document's own, and the unit price. */
export function linesProperty(resource: string, operation: string, fields: INodeProperties[], unitPricePlaceholder: string): INodeProperties {
	const unitPrice: INodeProperties = { displayName: 'Unit Price', name: 'unitPrice', type: 'string', default: '', placeholder: unitPricePlaceholder, description: 'A decimal number in the document currency' };
	return {
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Line',
		default: {},
		required: true,
		displayOptions: showFor(resource, operation),
		options: [{ displayName: 'Line', name: 'line', values: byName([...COMMON_LINE_FIELDS, ...fields, unitPrice]) }],
	};
}

export function additionalFieldsProperty(resource: string, operation: string, fields: INodeProperties[]): INodeProperties {
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: showFor(resource, operation), options: byName(fields) };
}

/** The item's lines; a document without lines is refused before anything is written. */
export function readLines(context: IExecuteFunctions, itemIndex: number, label: string): LineParameters[] {
	const lines = ((context.getNodeParameter('lines', itemIndex, {}) as IDataObject).line ?? []) as LineParameters[];
	if (lines.length === 0) throw new NodeOperationError(context.getNode(), `The ${label} has no lines: add at least one`, { itemIndex });
	return lines;
}

/** A line's quantity and unit price as exact JSON numbers; the error names the line and the field. */
export function quantityAndPrice(context: IExecuteFunctions, itemIndex: number, line: LineParameters, index: number, label: string): { quantity: number; unitPrice: number } {
	const field = (name: string) => `Line ${index + 1} ${name} of the ${label}`;
	if (String(line.unitPrice ?? '').trim() === '') throw new NodeOperationError(context.getNode(), `${field('Unit Price')} is empty`, { itemIndex });
	return { quantity: quantity(context, itemIndex, line.quantity || '1', field('Quantity')), unitPrice: amount(context, itemIndex, line.unitPrice, field('Unit Price')) };
}
