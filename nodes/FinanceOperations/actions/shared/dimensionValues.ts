import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readDimensionFormat } from '../../adapter/dimensionFormat';
import { displayValue, DimensionFormatError } from '../../adapter/dimensions';
import type { FinanceOperationsClient } from '../../transport';
import { showFor } from './operation';

/** Dimension values by name, turned into the display string of F&O's active format at run time. */
export function dimensionsProperty(resource: string, operation: string): INodeProperties {
	return {
		displayName: 'Financial Dimensions',
		name: 'dimensions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Dimension',
		default: {},
		description: 'Dimension values by name (e.g. BusinessUnit = 001). They are put in the order of the active default dimension format F&O reports, with blanks for the others.',
		displayOptions: showFor(resource, operation),
		options: [
			{
				displayName: 'Dimension',
				name: 'dimension',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'BusinessUnit' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: '001' },
				],
			},
		],
	};
}

/** The display string for the item's dimension values; undefined when none are given. */
export async function readDimensions(context: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number, subject: string): Promise<string | undefined> {
	const entries = ((context.getNodeParameter('dimensions', itemIndex, {}) as IDataObject).dimension ?? []) as Array<{ name?: string; value?: string }>;
	const values: Record<string, string> = {};
	for (const entry of entries) {
		const name = String(entry.name ?? '').trim();
		if (!name) continue;
		if (values[name] !== undefined) throw new NodeOperationError(context.getNode(), `The dimension "${name}" is given twice for ${subject}`, { itemIndex });
		values[name] = String(entry.value ?? '');
	}
	if (Object.keys(values).length === 0) return undefined;
	try {
		return displayValue(await readDimensionFormat(client, 'default'), values, `The financial dimensions of ${subject}`);
	} catch (error) {
		if (error instanceof DimensionFormatError) throw new NodeOperationError(context.getNode(), error.message, { itemIndex });
		throw error;
	}
}
