import type { IExecuteFunctions } from 'n8n-workflow';

import { postPayments } from '../../../shared/sync/postPayments';
import { sourceProperty } from '../../../shared/sync/source';
import { BusinessCentralPayments } from '../../adapter/payments';
import { BUSINESS_CENTRAL } from '../../adapter/vocabulary';
import type { BusinessCentralClient } from '../../transport';
import type { Operation } from '../shared/operation';

/** Every input payment at once, through the sync engine: a journal batch per run of up to 100 payments. */
export const postPayment: Operation = {
	description: [sourceProperty(['postPayment'])],
	async executeAll(this: IExecuteFunctions, client: BusinessCentralClient) {
		const journal = (this.getNodeParameter('journal', 0, 'STPAYMENTS') as string).trim();
		return await postPayments(this, new BusinessCentralPayments(client, journal), BUSINESS_CENTRAL);
	},
};
