import type { INodeProperties } from 'n8n-workflow';

import type { ExpandChoice } from '../shared/expand';
import { showFor } from '../shared/operation';

export const invoiceExpandChoices: ExpandChoice[] = [
	{ name: 'includeLines', displayName: 'Include Lines', navigation: 'salesInvoiceLines', description: 'Whether to add the invoice lines (salesInvoiceLines)' },
	{ name: 'includeDimensions', displayName: 'Include Dimensions', navigation: 'dimensionSetLines', description: 'Whether to add the header dimensions (dimensionSetLines)' },
];

export const invoiceStatuses = [
	{ name: 'Canceled', value: 'Canceled' },
	{ name: 'Corrective', value: 'Corrective' },
	{ name: 'Draft', value: 'Draft' },
	{ name: 'In Review', value: 'In Review' },
	{ name: 'Open', value: 'Open' },
	{ name: 'Paid', value: 'Paid' },
];

export function linesProperty(operation: string): INodeProperties {
	return {
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Line',
		default: {},
		displayOptions: showFor('salesInvoice', operation),
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Empty: the item or account name' },
					{
						displayName: 'Line Type',
						name: 'lineType',
						type: 'options',
						default: 'Item',
						options: [
							{ name: 'Account', value: 'Account', description: 'A G/L account line' },
							{ name: 'Comment', value: 'Comment', description: 'Text only; needs a description' },
							{ name: 'Item', value: 'Item' },
						],
					},
					{
						displayName: 'Number',
						name: 'number',
						type: 'string',
						default: '',
						placeholder: 'SVC-HVAC-DIAG',
						description: 'The item number, or the G/L account number for an Account line',
					},
					{ displayName: 'Quantity', name: 'quantity', type: 'string', default: '1', description: 'A decimal number, e.g. 1 or 2.5' },
					{
						displayName: 'Unit Price',
						name: 'unitPrice',
						type: 'string',
						default: '',
						placeholder: '129.00',
						description: 'A decimal number, e.g. 129.00. Empty: the item\'s price in Business Central.',
					},
				],
			},
		],
	};
}

export function dimensionsProperty(operation: string): INodeProperties {
	return {
		displayName: 'Dimensions',
		name: 'dimensions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Dimension',
		default: {},
		description: "Header dimensions. A dimension the customer's defaults already put on the invoice gets the value given here.",
		displayOptions: showFor('salesInvoice', operation),
		options: [
			{
				displayName: 'Dimension',
				name: 'dimension',
				values: [
					{ displayName: 'Dimension Code', name: 'code', type: 'string', default: '', placeholder: 'DEPARTMENT' },
					{ displayName: 'Value Code', name: 'valueCode', type: 'string', default: '', placeholder: 'HVAC-SVC' },
				],
			},
		],
	};
}
