import type { IDataObject } from 'n8n-workflow';

import type { Customer } from '../../shared/canonical';
import type { WriteResult } from '../../shared/sync/adapter';
import type { CustomerAdapter, ErpParty } from '../../shared/sync/parties/adapter';
import type { BatchRequest, BusinessCentralClient } from '../transport';
import { sendBatched } from './batch';
import { businessCentralCustomer } from './customerFields';

function toParty(record: IDataObject): ErpParty {
	return {
		id: String(record.id),
		number: String(record.number),
		...(typeof record['@odata.etag'] === 'string' ? { etag: record['@odata.etag'] } : {}),
		fields: record,
	};
}

/** Business Central's customers for the sync: many numbers per `$filter`, writes in `$batch`. */
export class BusinessCentralCustomers implements CustomerAdapter {
	readonly system = 'Business Central';

	constructor(private readonly client: BusinessCentralClient) {}

	fields(customer: Customer, number: string): IDataObject {
		return businessCentralCustomer(customer, number);
	}

	async findCustomers(numbers: string[]): Promise<Map<string, ErpParty>> {
		const records = await this.client.findByKeys<IDataObject>(await this.client.companyPath('customers'), 'number', numbers);
		return new Map(records.map((record) => [String(record.number), toParty(record)]));
	}

	async createCustomers(payloads: IDataObject[]): Promise<Array<WriteResult<ErpParty>>> {
		const path = await this.client.companyPath('customers');
		return await sendBatched(
			this.client,
			payloads.map((body, index): BatchRequest => ({ id: String(index), method: 'POST', url: path, body })),
			(response) => toParty(response.body ?? {}),
		);
	}

	async updateCustomers(changes: Array<{ party: ErpParty; fields: IDataObject }>): Promise<Array<WriteResult<ErpParty>>> {
		const path = await this.client.companyPath('customers');
		const results: Array<WriteResult<ErpParty> | undefined> = changes.map(({ party }) =>
			party.etag ? undefined : { ok: false, error: new Error(`Business Central returned customer ${party.number} without an @odata.etag, so it was not changed`), uncertain: false },
		);
		const targets = changes.map((change, index) => ({ change, index })).filter(({ change }) => change.party.etag);
		const sent = await sendBatched(
			this.client,
			targets.map(({ change, index }): BatchRequest => ({ id: String(index), method: 'PATCH', url: `${path}(${change.party.id})`, body: change.fields, headers: { 'If-Match': change.party.etag! } })),
			(response) => toParty(response.body ?? {}),
		);
		targets.forEach(({ index }, position) => (results[index] = sent[position]));
		return results as Array<WriteResult<ErpParty>>;
	}
}
