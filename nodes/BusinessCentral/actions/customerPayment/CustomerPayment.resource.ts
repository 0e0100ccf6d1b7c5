import { equalsFilter } from '../shared/filters';
import { listOperation } from '../shared/list';
import { paymentJournalLocator } from '../shared/locators';
import { defineResource } from '../shared/resource';
import { create } from './create.operation';
import { paymentsPath } from './journal';
import { postJournal } from './postJournal.operation';

export const customerPaymentResource = defineResource('customerPayment', 'customer payment', [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a customer payment',
		description: 'Add a payment line to a customer payment journal, optionally applied to a posted invoice',
		operation: create,
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many customer payments',
		description: 'List the unposted payment lines of a customer payment journal',
		operation: listOperation({
			resource: 'customerPayment',
			path: paymentsPath,
			extraProperties: [paymentJournalLocator('customerPayment', 'getAll')],
			filters: [
				equalsFilter('customerNumber', 'Customer Number', 'customerNumber'),
				equalsFilter('documentNumber', 'Document Number', 'documentNumber'),
				equalsFilter('externalDocumentNumber', 'External Document Number', 'externalDocumentNumber'),
			],
		}),
	},
	{
		value: 'postJournal',
		name: 'Post Journal',
		action: 'Post a customer payment journal',
		description: 'Post every payment line of the journal batch',
		operation: postJournal,
	},
]);
