import type { INodeProperties } from 'n8n-workflow';

import { showFor } from './operation';

export function returnAllAndLimit(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor(resource, operation),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...showFor(resource, operation).show, returnAll: [false] } },
		},
	];
}

export function includeCanonicalOption(resource: string, operation: string | string[]): INodeProperties {
	return {
		displayName: 'Include Canonical Document',
		name: 'includeCanonical',
		type: 'boolean',
		default: false,
		description:
			'Whether to add a `canonical` field with the record in ml-connector\'s ERP-neutral form (amounts checked to the cent). A record that fails the checks gets `canonicalError` instead.',
		displayOptions: showFor(resource, operation),
	};
}

export const PAGE_SIZE = 500;
