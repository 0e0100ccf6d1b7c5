import type { INodeProperties } from 'n8n-workflow';

import { showFor } from './operation';

export { returnAllAndLimit } from '../../../shared/operations';

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
