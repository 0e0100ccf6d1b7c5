import type { INodeProperties } from 'n8n-workflow';

import { partyFields } from '../shared/partyFields';

export const customerFields: INodeProperties[] = [
	...partyFields,
	{
		displayName: 'Blocked',
		name: 'blocked',
		type: 'options',
		default: ' ',
		description: 'Which documents Business Central refuses for this customer',
		options: [
			{ name: 'All', value: 'All' },
			{ name: 'Invoice', value: 'Invoice' },
			{ name: 'Not Blocked', value: ' ' },
			{ name: 'Ship', value: 'Ship' },
		],
	},
	{
		displayName: 'Credit Limit',
		name: 'creditLimit',
		type: 'string',
		default: '',
		placeholder: '5000.00',
		description: 'In the customer\'s currency, as a decimal number (e.g. 5000.00)',
	},
	{ displayName: 'Salesperson Code', name: 'salespersonCode', type: 'string', default: '' },
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'Company',
		options: [
			{ name: 'Company', value: 'Company' },
			{ name: 'Person', value: 'Person' },
		],
	},
];

export const customerMoneyFields = ['creditLimit'];
