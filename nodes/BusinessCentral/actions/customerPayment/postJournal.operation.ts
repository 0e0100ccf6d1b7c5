import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sumMoney } from '../../../shared/money';
import { takeRecords } from '../../../shared/paging';
import type { BusinessCentralClient } from '../../transport';
import { PAGE_SIZE } from '../shared/list';
import { paymentJournalLocator } from '../shared/locators';
import type { Operation } from '../shared/operation';
import { paymentJournalId } from './journal';

export const postJournal: Operation = {
	description: [paymentJournalLocator('customerPayment', 'postJournal')],
	async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
		const journalId = await paymentJournalId(this, client, itemIndex);
		const lines = await takeRecords(
			client.pages<IDataObject>(await client.companyPath(`customerPaymentJournals(${journalId})/customerPayments`), { select: 'id,amount' }, PAGE_SIZE),
		);
		// Customer payment journals have no post action of their own; `journals` finds any batch by ID.
		await client.request('POST', await client.companyPath(`journals(${journalId})/Microsoft.NAV.post`));
		return {
			journalId,
			linesPosted: lines.length,
			totalAmount: sumMoney(lines.map((line) => line.amount as number)).toFixed(2),
		};
	},
};
