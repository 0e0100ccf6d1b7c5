import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDimensionFormat, type DimensionFormatKind } from '../../adapter/dimensionFormat';
import type { FinanceOperationsClient } from '../../transport';
import { showFor, type Operation } from '../shared/operation';

export function formatKindProperty(operation: string): INodeProperties {
	return {
		displayName: 'Format',
		name: 'formatKind',
		type: 'options',
		default: 'default',
		options: [
			{ name: 'Default Dimensions', value: 'default', description: 'Dimensions only: DefaultDimensionDisplayValue, DimensionDisplayValue' },
			{ name: 'Ledger Account', value: 'ledger', description: 'Main account first, then dimensions: ledger AccountDisplayValue' },
		],
		displayOptions: showFor('dimension', operation),
	};
}

export const getFormat: Operation = {
	description: [formatKindProperty('getFormat')],
	async execute(this: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number) {
		const kind = this.getNodeParameter('formatKind', itemIndex, 'default') as DimensionFormatKind;
		const format = await readDimensionFormat(client, kind);
		return { kind, name: format.name, segments: format.segments, delimiter: format.delimiter, example: format.segments.join(format.delimiter) };
	},
};
