import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../shared/operation';

export function headerReferenceProperty(operation: string, description: string): INodeProperties {
	return { displayName: 'Header Reference', name: 'headerReference', type: 'string', required: true, default: '', placeholder: 'ST-BILL-7781', description, displayOptions: showFor('vendorInvoice', operation) };
}
