import type { IDataObject } from 'n8n-workflow';

import { Decimal } from '../../nodes/shared/money';
import { ACCOUNT_ROWS, sync } from '../business-central/flow';
import { businessCentralCredential, startBusinessCentral } from '../business-central/setup';
import { runSyncContract, type ErpUnderTest } from './contract';

const cents = (value: number) => Decimal.fromUnits(BigInt(value), 2).toFixed(2);

runSyncContract({
	name: 'Business Central',
	businessUnitRows: [
		{ from: '31', to: 'HVAC-SVC' },
		{ from: '32', to: 'DEPARTMENT=HVAC-INST; AREA=HVAC' },
		{ from: '33', to: 'PLUMB-SVC' },
	],
	async start(): Promise<ErpUnderTest> {
		const bc = await startBusinessCentral({ allowedPostingDates: { from: '2026-01-01', to: '2026-12-31' } });
		const credential = businessCentralCredential(bc);
		const byReference = (reference: string) => [
			...bc.list('salesInvoices', { filter: `externalDocumentNumber eq '${reference}'` }),
			...bc.list('salesCreditMemos', { filter: `externalDocumentNumber eq '${reference}'` }),
		];
		return {
			async sync(operation, items, parameters = {}) {
				const mappings = operation === 'postInvoice' ? { glAccountMapSource: 'rows', glAccountMapRows: ACCOUNT_ROWS } : {};
				return (await sync(credential, operation, items, { ...mappings, ...parameters })).json;
			},
			documents: (reference) =>
				byReference(reference).map((document: IDataObject) => ({
					posted: ['Open', 'Paid', 'Corrective'].includes(String(document.status)),
					total: Decimal.parse(document.totalAmountIncludingTax as number).toFixed(2),
				})),
			openAmount: (reference) => Decimal.parse(bc.list('salesInvoices', { filter: `externalDocumentNumber eq '${reference}'` })[0].remainingAmount as number).toFixed(2),
			credited: (reference) =>
				cents(-bc.customerLedger().filter((entry: IDataObject) => entry.externalDocumentNumber === reference).reduce((sum: number, entry: IDataObject) => sum + (entry.amountCents as number), 0)),
			traffic: () => ({ requests: bc.stats.apiRequests, operations: bc.stats.operations }),
			resetTraffic: () => bc.resetStats(),
			close: async () => await bc.close(),
		};
	},
});
