import { defineResource } from '../shared/operation';
import { buildDisplayValue } from './buildDisplayValue.operation';
import { getFormat } from './getFormat.operation';

export const dimensionResource = defineResource('dimension', 'dimension format', [
	{
		value: 'getFormat',
		name: 'Get Format',
		action: 'Get the active dimension format',
		description: 'The segments and delimiter of the active display-string format F&O reports',
		operation: getFormat,
	},
	{
		value: 'buildDisplayValue',
		name: 'Build Display Value',
		action: 'Build a dimension display value',
		description: 'Turn dimension values by name into the display string of the active format',
		operation: buildDisplayValue,
	},
]);
