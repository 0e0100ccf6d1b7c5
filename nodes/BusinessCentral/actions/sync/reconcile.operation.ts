import type { IExecuteFunctions } from 'n8n-workflow';

import { reconcile as reconcileWith, reconcileProperties } from '../../../shared/sync/reconcile/reconcile';
import { BusinessCentralReconciliation } from '../../adapter/reconcile';
import { BUSINESS_CENTRAL } from '../../adapter/vocabulary';
import type { BusinessCentralClient } from '../../transport';
import type { Operation } from '../shared/operation';

/** The month-end report, through the sync engine: invoices, credit memos and payments to the cent. */
export const reconcile: Operation = {
	aggregate: true,
	description: reconcileProperties,
	async execute(this: IExecuteFunctions, client: BusinessCentralClient) {
		return await reconcileWith(this, new BusinessCentralReconciliation(client), BUSINESS_CENTRAL, 'businessCentral');
	},
};
