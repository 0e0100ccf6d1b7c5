import { equalsFilter } from '../shared/filters';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';

export const dimensionResource = defineResource('dimension', 'dimension', [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many dimensions',
		description: 'List dimensions (read-only in the API)',
		operation: listOperation({ resource: 'dimension', path: 'dimensions', filters: [equalsFilter('code', 'Code', 'code')] }),
	},
]);
