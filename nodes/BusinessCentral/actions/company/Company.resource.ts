import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';

export const companyResource = defineResource('company', 'company', [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many companies',
		description: 'List the companies of the environment',
		// Companies are the one collection that is not under a company.
		operation: listOperation({ resource: 'company', path: async () => 'companies' }),
	},
]);
