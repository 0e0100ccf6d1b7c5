import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { showFor } from './operation';

const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export interface LocatorConfig {
	name?: string;
	displayName: string;
	noun: string;
	/** listSearch method for a "From List" mode. */
	searchListMethod?: string;
	/** A mode that finds the record by a code field (`number`, `code`). */
	byKey?: { mode: string; displayName: string; placeholder: string };
	description?: string;
}

/** A record picked from a list, by its Business Central ID (GUID), or by its number/code. */
export function recordLocator(resource: string, operation: string | string[], config: LocatorConfig): INodeProperties {
	// Written as one `modes` literal (then trimmed) so n8n's lint recognises the modes.
	const candidates: { modes: INodePropertyMode[] } = {
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: config.searchListMethod ?? '', searchable: true } },
			{ displayName: config.byKey?.displayName ?? '', name: config.byKey?.mode ?? '', type: 'string', placeholder: config.byKey?.placeholder },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '6f0b3e5c-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
				validation: [{ type: 'regex', properties: { regex: GUID_PATTERN, errorMessage: `The ${config.noun} ID is a GUID` } }],
			},
		],
	};
	const modes = candidates.modes.filter((mode) => (mode.name === 'list' ? Boolean(config.searchListMethod) : mode.name !== ''));
	return {
		displayName: config.displayName,
		name: config.name ?? 'id',
		type: 'resourceLocator',
		default: { mode: modes[0].name, value: '' },
		required: true,
		description: config.description,
		displayOptions: showFor(resource, operation),
		modes,
	};
}

export function customerLocator(resource: string, operation: string | string[], name = 'id'): INodeProperties {
	return recordLocator(resource, operation, {
		name,
		displayName: 'Customer',
		noun: 'customer',
		searchListMethod: 'searchCustomers',
		byKey: { mode: 'number', displayName: 'By Number', placeholder: 'C00010' },
	});
}

export function vendorLocator(resource: string, operation: string | string[]): INodeProperties {
	return recordLocator(resource, operation, {
		displayName: 'Vendor',
		noun: 'vendor',
		searchListMethod: 'searchVendors',
		byKey: { mode: 'number', displayName: 'By Number', placeholder: 'V00010' },
	});
}

export function itemLocator(resource: string, operation: string | string[]): INodeProperties {
	return recordLocator(resource, operation, {
		displayName: 'Item',
		noun: 'item',
		searchListMethod: 'searchItems',
		byKey: { mode: 'number', displayName: 'By Number', placeholder: 'SVC-HVAC-DIAG' },
	});
}

export function salesInvoiceLocator(resource: string, operation: string | string[]): INodeProperties {
	return recordLocator(resource, operation, {
		displayName: 'Sales Invoice',
		noun: 'sales invoice',
		byKey: { mode: 'number', displayName: 'By Number', placeholder: 'S-INV100001' },
		description: 'The invoice by its ID, or by its current number (drafts and posted invoices have different numbers)',
	});
}

export function paymentJournalLocator(resource: string, operation: string | string[]): INodeProperties {
	return recordLocator(resource, operation, {
		name: 'paymentJournal',
		displayName: 'Customer Payment Journal',
		noun: 'journal',
		searchListMethod: 'searchCustomerPaymentJournals',
		byKey: { mode: 'code', displayName: 'By Code', placeholder: 'STPAYMENTS' },
		description: 'The customer payment journal batch (template CASHRCPT)',
	});
}
