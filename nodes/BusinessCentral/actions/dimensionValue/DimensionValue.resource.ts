import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BusinessCentralClient } from '../../transport';
import { equalsFilter } from '../shared/filters';
import { listOperation } from '../shared/list';
import { showFor } from '../shared/operation';
import { defineResource } from '../shared/resource';

/** All values of the company, or those of one dimension when a code is given. */
async function dimensionValuesPath(context: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number): Promise<string> {
	const code = (context.getNodeParameter('dimensionCode', itemIndex, '') as string).trim();
	if (!code) return await client.companyPath('dimensionValues');
	const dimension = await client.findBy<IDataObject>(await client.companyPath('dimensions'), 'code', code);
	if (!dimension) throw new NodeOperationError(context.getNode(), `Business Central has no dimension with code "${code}"`, { itemIndex });
	return await client.companyPath(`dimensions(${String(dimension.id)})/dimensionValues`);
}

export const dimensionValueResource = defineResource('dimensionValue', 'dimension value', [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many dimension values',
		description: 'List dimension values, of every dimension or of one (read-only in the API)',
		operation: listOperation({
			resource: 'dimensionValue',
			path: dimensionValuesPath,
			extraProperties: [
				{
					displayName: 'Dimension Code',
					name: 'dimensionCode',
					type: 'string',
					default: '',
					placeholder: 'DEPARTMENT',
					description: 'Only the values of this dimension; empty for the values of every dimension',
					displayOptions: showFor('dimensionValue', 'getAll'),
				},
			],
			filters: [equalsFilter('code', 'Code', 'code')],
		}),
	},
]);
