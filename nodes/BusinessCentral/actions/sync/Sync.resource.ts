import { defineResource } from '../../../shared/operations';
import type { BusinessCentralClient } from '../../transport';
import { postInvoice } from './postInvoice.operation';
import { postPayment } from './postPayment.operation';
import { reconcile } from './reconcile.operation';
import { upsertCustomer } from './upsertCustomer.operation';

export const syncResource = defineResource<BusinessCentralClient>('sync', 'ServiceTitan document', [
	{
		value: 'postInvoice',
		name: 'Post Invoice',
		action: 'Post a ServiceTitan invoice as a sales invoice',
		description: 'Create and post the sales invoice once (found again by external document number), coded to the business unit\'s dimension',
		operation: postInvoice,
	},
	{
		value: 'postPayment',
		name: 'Post Payment',
		action: 'Post a ServiceTitan payment to its invoices',
		description: 'Payments through one journal batch per run, applied to the posted invoices; only what the customer ledger lacks is posted, and a payment changed after posting is held with both figures',
		operation: postPayment,
	},
	{
		value: 'reconcile',
		name: 'Reconcile',
		action: 'Reconcile ServiceTitan invoices with Business Central',
		description: 'Totals per business unit on both sides to the cent, and the documents missing on either side, for a period',
		operation: reconcile,
	},
	{
		value: 'upsertCustomer',
		name: 'Upsert Customer',
		action: 'Create or update a customer from ServiceTitan',
		description: 'Find the customer by number (made by the Customer Number Rule) and create it, or update what changed',
		operation: upsertCustomer,
	},
]);
