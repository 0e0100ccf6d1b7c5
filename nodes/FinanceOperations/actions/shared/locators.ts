import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showFor } from './operation';

export interface LocatorConfig {
	name: string;
	displayName: string;
	noun: string;
	/** listSearch method for a "From List" mode. */
	searchListMethod?: string;
	placeholder: string;
	description?: string;
}

/** A record picked from a list or given by its F&O key (account number, header reference…). */
export function keyLocator(resource: string, operation: string | string[], config: LocatorConfig): INodeProperties {
	const byKey = { displayName: 'By Key', name: 'key', type: 'string' as const, placeholder: config.placeholder };
	const fromList = { displayName: 'From List', name: 'list', type: 'list' as const, typeOptions: { searchListMethod: config.searchListMethod ?? '', searchable: true } };
	const modes = config.searchListMethod ? [fromList, byKey] : [byKey];
	return {
		displayName: config.displayName,
		name: config.name,
		type: 'resourceLocator',
		default: { mode: modes[0].name, value: '' },
		required: true,
		description: config.description,
		displayOptions: showFor(resource, operation),
		modes,
	};
}

export function customerLocator(resource: string, operation: string | string[], name = 'customerAccount'): INodeProperties {
	return keyLocator(resource, operation, { name, displayName: 'Customer', noun: 'customer', searchListMethod: 'searchCustomers', placeholder: 'US-001', description: 'The customer account' });
}

export function vendorLocator(resource: string, operation: string | string[], name = 'vendorAccount'): INodeProperties {
	return keyLocator(resource, operation, { name, displayName: 'Vendor', noun: 'vendor', searchListMethod: 'searchVendors', placeholder: 'US-101', description: 'The vendor account' });
}

/** The key a locator (or a plain string from an expression or an AI tool) holds. */
export function readKey(context: IExecuteFunctions, itemIndex: number, name: string, noun: string): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value) throw new NodeOperationError(context.getNode(), `Choose the ${noun}: the ${noun} field is empty`, { itemIndex });
	return value;
}
