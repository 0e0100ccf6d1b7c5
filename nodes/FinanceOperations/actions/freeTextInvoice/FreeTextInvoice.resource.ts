import { equalsFilter, yesNoFilter } from '../shared/filters';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/operation';
import { create } from './create.operation';
import { get } from './get.operation';

export const freeTextInvoiceResource = defineResource('freeTextInvoice', 'free text invoice', [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a free text invoice',
		description: 'Create an unposted free text invoice: the header, then its lines',
		operation: create,
	},
	{ value: 'get', name: 'Get', action: 'Get a free text invoice', description: 'Get one free text invoice with its lines', operation: get },
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many free text invoices',
		description: 'List free text invoice headers with filters',
		operation: listOperation({
			resource: 'freeTextInvoice',
			set: 'FreeTextInvoiceHeaders',
			companyScoped: true,
			filters: [
				equalsFilter('customerAccount', 'Customer Account', 'CustomerAccount', 'US-001'),
				equalsFilter('customerReference', 'Customer Reference', 'CustomerReference', 'ST-INV-88812'),
				yesNoFilter('posted', 'Posted', 'IsPosted'),
			],
		}),
	},
]);
