import type { INodeProperties } from 'n8n-workflow';

/** Fields shared by services and materials; prices are numbers in the pricebook API. */
export const pricebookFields: INodeProperties[] = [
	{ displayName: 'Account', name: 'account', type: 'string', default: '', description: 'Income GL account name' },
	{ displayName: 'Active', name: 'active', type: 'boolean', default: true },
	{ displayName: 'Cost', name: 'cost', type: 'number', typeOptions: { numberPrecision: 4 }, default: 0 },
	{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '' },
	{ displayName: 'Member Price', name: 'memberPrice', type: 'number', typeOptions: { numberPrecision: 4 }, default: 0 },
	{ displayName: 'Price', name: 'price', type: 'number', typeOptions: { numberPrecision: 4 }, default: 0 },
	{ displayName: 'Taxable', name: 'taxable', type: 'boolean', default: true },
];
