import type { INodeProperties } from 'n8n-workflow';

import { partyFields } from '../shared/partyFields';

export const vendorFields: INodeProperties[] = [
	...partyFields,
	{
		displayName: 'Blocked',
		name: 'blocked',
		type: 'options',
		default: ' ',
		description: 'Which documents Business Central refuses for this vendor',
		options: [
			{ name: 'All', value: 'All' },
			{ name: 'Not Blocked', value: ' ' },
			{ name: 'Payment', value: 'Payment' },
		],
	},
	{ displayName: 'IRS 1099 Code', name: 'irs1099Code', type: 'string', default: '', placeholder: 'NEC', description: 'US only' },
];
