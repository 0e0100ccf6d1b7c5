import { expandOptions, readExpand } from '../shared/expand';
import { dateFilter, enumFilter, equalsFilter, modifiedSinceFilter } from '../shared/filters';
import { getOperation } from '../shared/get';
import { listOperation } from '../shared/list';
import { salesInvoiceLocator } from '../shared/locators';
import { SALES_INVOICES } from '../shared/records';
import { defineResource } from '../shared/resource';
import { createDraft } from './createDraft.operation';
import { invoiceExpandChoices, invoiceStatuses } from './fields';
import { post } from './post.operation';

export const salesInvoiceResource = defineResource('salesInvoice', 'sales invoice', [
	{
		value: 'createDraft',
		name: 'Create Draft',
		action: 'Create a draft sales invoice',
		description: 'Create an unposted sales invoice with its lines and dimensions',
		operation: createDraft,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a sales invoice',
		description: 'Get one sales invoice, draft or posted',
		operation: getOperation({ resource: 'salesInvoice', entity: SALES_INVOICES, locator: salesInvoiceLocator('salesInvoice', 'get'), expand: invoiceExpandChoices }),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many sales invoices',
		description: 'List draft and posted sales invoices with filters',
		operation: listOperation({
			resource: 'salesInvoice',
			path: 'salesInvoices',
			filters: [
				equalsFilter('customerNumber', 'Customer Number', 'customerNumber'),
				equalsFilter('externalDocumentNumber', 'External Document Number', 'externalDocumentNumber'),
				dateFilter('invoiceDateFrom', 'Invoice Date From', 'invoiceDate', 'ge'),
				dateFilter('invoiceDateTo', 'Invoice Date To', 'invoiceDate', 'le'),
				modifiedSinceFilter,
				equalsFilter('number', 'Number', 'number'),
				enumFilter('status', 'Status', 'status', invoiceStatuses),
			],
			extraProperties: [expandOptions('salesInvoice', 'getAll', invoiceExpandChoices)],
			expand: (context, itemIndex) => readExpand(context, itemIndex, invoiceExpandChoices),
		}),
	},
	{
		value: 'post',
		name: 'Post',
		action: 'Post a sales invoice',
		description: 'Post a draft invoice and return it with its posted number',
		operation: post,
	},
]);
