import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readDimensionFormat, type DimensionFormatKind } from '../../adapter/dimensionFormat';
import { displayValue, DimensionFormatError } from '../../adapter/dimensions';
import type { FinanceOperationsClient } from '../../transport';
import { dimensionsProperty } from '../shared/dimensionValues';
import { type Operation } from '../shared/operation';
import { formatKindProperty } from './getFormat.operation';

export const buildDisplayValue: Operation = {
	description: [formatKindProperty('buildDisplayValue'), dimensionsProperty('dimension', 'buildDisplayValue')],
	async execute(this: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number) {
		const kind = this.getNodeParameter('formatKind', itemIndex, 'default') as DimensionFormatKind;
		const entries = ((this.getNodeParameter('dimensions', itemIndex, {}) as IDataObject).dimension ?? []) as Array<{ name?: string; value?: string }>;
		const values = Object.fromEntries(entries.filter((entry) => String(entry.name ?? '').trim()).map((entry) => [String(entry.name).trim(), String(entry.value ?? '')]));
		const format = await readDimensionFormat(client, kind);
		try {
			return { displayValue: displayValue(format, values), format: format.segments.join(format.delimiter) };
		} catch (error) {
			if (error instanceof DimensionFormatError) throw new NodeOperationError(this.getNode(), error.message, { itemIndex });
			throw error;
		}
	},
};
