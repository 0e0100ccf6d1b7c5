import type { IDataObject } from 'n8n-workflow';

import { BusinessCentral } from '../../nodes/BusinessCentral/BusinessCentral.node';
import { ServiceTitan } from '../../nodes/ServiceTitan/ServiceTitan.node';
import { runExecute } from '../helpers/context';
import type { CredentialStore } from '../helpers/credentials';

/** The mapping tables the sync tests and templates use with the two simulators' seed data. */
export const BUSINESS_UNIT_ROWS = { row: [['31', 'HVAC-SVC'], ['32', 'HVAC-INST'], ['33', 'PLUMB-SVC'], ['34', 'ELEC']].map(([from, to]) => ({ from, to })) };
export const ACCOUNT_ROWS = {
	row: [['4000', '4000'], ['4100', '4200'], ['4200', '4100'], ['PriceModifier', '4000'], ['Unspecified', '4000']].map(([from, to]) => ({ from, to })),
};

export async function normalize(st: CredentialStore, records: IDataObject[], recordType: string, businessUnitRows = BUSINESS_UNIT_ROWS) {
	const { output } = await runExecute({
		nodeType: new ServiceTitan(),
		parameters: {
			resource: 'document',
			operation: 'normalize',
			recordType,
			refetch: false,
			businessUnitMapSource: 'rows',
			businessUnitMapRows: businessUnitRows,
			glAccountMapSource: 'rows',
			glAccountMapRows: ACCOUNT_ROWS,
		},
		items: records,
		continueOnFail: true,
		credentials: { serviceTitanApi: st },
	});
	return output[0].map((item) => item.json);
}

export async function sync(bc: CredentialStore, operation: string, items: IDataObject[], parameters: Record<string, unknown> = {}) {
	const { output, requests } = await runExecute({
		nodeType: new BusinessCentral(),
		parameters: { resource: 'sync', operation, source: (_i: number, item: IDataObject) => item, ...parameters },
		items,
		continueOnFail: true,
		credentials: { businessCentralApi: bc },
	});
	return { items: output[0], json: output[0].map((item) => item.json), requests };
}
