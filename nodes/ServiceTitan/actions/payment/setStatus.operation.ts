import type { IExecuteFunctions } from 'n8n-workflow';

import type { ServiceTitanClient } from '../../transport';
import { syncStatusOptions } from '../shared/filters';
import { readRecordId, recordIdProperty } from '../shared/get';
import { showFor, type Operation } from '../shared/operation';

export const setStatus: Operation = {
	description: [
		recordIdProperty('payment', 'payment', 'setStatus'),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: syncStatusOptions,
			default: 'Exported',
			displayOptions: showFor('payment', 'setStatus'),
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
		const paymentId = Number(readRecordId(this, itemIndex, 'payment'));
		const status = this.getNodeParameter('status', itemIndex, 'Exported') as string;
		await client.request('POST', 'accounting', 'payments/status', { body: { paymentIds: [paymentId], status } });
		return { paymentId, status };
	},
};
