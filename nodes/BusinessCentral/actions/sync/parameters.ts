import type { INodeProperties } from 'n8n-workflow';

import { mappingProperties, type MappingParameterSpec } from '../../../shared/mappingParameters';

const show = (operations: string[]) => ({ show: { resource: ['sync'], operation: operations } });

export const INVOICE_OPS = ['postInvoice'];
export const PAYMENT_OPS = ['postPayment'];
export const WRITE_OPS = ['upsertCustomer', 'postInvoice', 'postPayment'];

export const businessUnitMapping: MappingParameterSpec = {
	name: 'businessUnitMap',
	tableName: 'Business Unit → Dimension Value',
	fromLabel: 'ServiceTitan Business Unit ID',
	toLabel: 'Business Central Dimension Value',
	displayOptions: show(['postInvoice', 'reconcile']),
};

export const accountMapping: MappingParameterSpec = {
	name: 'accountMap',
	tableName: 'GL Account → G/L Account',
	fromLabel: 'ServiceTitan GL Account Number (or Item Type)',
	toLabel: 'Business Central G/L Account No.',
	displayOptions: show(INVOICE_OPS),
};

export const syncParameters: INodeProperties[] = [
	{
		displayName: 'Dimension Code',
		name: 'dimensionCode',
		type: 'string',
		default: 'DEPARTMENT',
		description: 'The Business Central dimension that carries the ServiceTitan business unit',
		displayOptions: show(['postInvoice', 'reconcile']),
	},
	...mappingProperties(businessUnitMapping),
	...mappingProperties(accountMapping),
	{
		displayName: 'Sales Tax G/L Account',
		name: 'taxAccount',
		type: 'string',
		default: '2200',
		description: 'ServiceTitan computes the tax; it is posted as its own line to this account so the BC total equals the ServiceTitan total to the cent',
		displayOptions: show(INVOICE_OPS),
	},
	{
		displayName: 'Customer Payment Journal',
		name: 'journal',
		type: 'string',
		default: 'STPAYMENTS',
		description: 'Code of the customer payment journal batch the payments go to',
		displayOptions: show(PAYMENT_OPS),
	},
	{
		displayName: 'Post',
		name: 'post',
		type: 'boolean',
		default: true,
		description: 'Whether to post the document (or the payment journal) after creating it; otherwise it is left for a person to review and post',
		displayOptions: show(['postInvoice', 'postPayment']),
	},
	{
		displayName: 'Customer Number Rule',
		name: 'customerNumberRule',
		type: 'string',
		default: 'ST-{id}',
		description: 'Business Central customer number made from the ServiceTitan customer, when the Normalize operation did not map it',
		hint: 'Placeholders: {id}, {name}',
		displayOptions: show(['upsertCustomer', 'postInvoice', 'postPayment']),
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only validate mappings, resolve the customer and dimension, and return the exact Business Central payloads, writing nothing',
		displayOptions: show(WRITE_OPS),
	},
];
