import { getOperation } from '../shared/get';
import { defineResource } from '../shared/resource';

export const jobResource = defineResource('job', 'job', [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a job',
		description: 'Get one job by ID (its invoice, business unit, customer and location)',
		operation: getOperation({ resource: 'job', noun: 'job', module: 'jpm', path: 'jobs/{id}' }),
	},
]);
