import { equalsFilter } from '../shared/filters';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/operation';
import { create } from './create.operation';
import { get } from './get.operation';

export const vendorInvoiceResource = defineResource('vendorInvoice', 'vendor invoice', [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a vendor invoice',
		description: 'Create a pending vendor invoice: the header, then its lines',
		operation: create,
	},
	{ value: 'get', name: 'Get', action: 'Get a vendor invoice', description: 'Get one pending vendor invoice with its lines', operation: get },
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many vendor invoices',
		description: 'List pending vendor invoice headers with filters',
		operation: listOperation({
			resource: 'vendorInvoice',
			set: 'VendorInvoiceHeaders',
			companyScoped: true,
			filters: [
				equalsFilter('vendorAccount', 'Vendor Account', 'VendorAccount', 'US-101'),
				equalsFilter('invoiceNumber', 'Invoice Number', 'InvoiceNumber', 'SUP-2026-0412'),
				equalsFilter('headerReference', 'Header Reference', 'HeaderReference', 'ST-BILL-7781'),
			],
		}),
	},
]);
