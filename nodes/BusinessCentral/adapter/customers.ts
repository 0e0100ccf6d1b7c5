import type { IDataObject } from 'n8n-workflow';

import type { Customer } from '../../shared/canonical';
import { takeRecords } from '../../shared';
import { odataString } from '../../shared/odata';
import type { WriteResult } from '../../shared/sync/adapter';
import { chunks, inParallel } from '../../shared/sync/bulk';
import type { CustomerAdapter, ErpParty } from '../../shared/sync/parties/adapter';
import type { BatchRequest, BusinessCentralClient } from '../transport';
import { CONCURRENCY, sendBatched } from './batch';
import { businessCentralCustomer } from './customerFields';

const KEYS_PER_FILTER = 40;

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
		const path = await this.client.companyPath('customers');
		const pages = await inParallel(chunks([...new Set(numbers)], KEYS_PER_FILTER), CONCURRENCY, async (group) =>
			await takeRecords(this.client.pages<IDataObject>(path, { filter: group.map((number) => `number eq ${odataString(number)}`).join(' or ') }, 1000)),
		);
		return new Map(pages.flat().map((record) => [String(record.number), toParty(record)]));
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
