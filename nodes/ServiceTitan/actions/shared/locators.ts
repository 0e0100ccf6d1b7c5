import type { INodeProperties } from 'n8n-workflow';

import { showFor } from './operation';

function locator(resource: string, operation: string | string[], noun: string, searchListMethod: string, placeholder: string): INodeProperties {
	return {
		displayName: noun,
		name: 'id',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: showFor(resource, operation),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: `The ${noun.toLowerCase()} ID is a number` } }],
			},
		],
	};
}

export function customerLocator(resource: string, operation: string | string[]): INodeProperties {
	return locator(resource, operation, 'Customer', 'searchCustomers', '880011');
}

export function businessUnitLocator(resource: string, operation: string | string[]): INodeProperties {
	return locator(resource, operation, 'Business Unit', 'searchBusinessUnits', '31');
}
