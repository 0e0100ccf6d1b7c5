import type { IDataObject } from 'n8n-workflow';

import type { Customer } from '../../canonical';
import type { WriteResult } from '../adapter';

/** A customer as the ERP holds it: enough to compare and to update it safely. */
export interface ErpParty {
	id: string;
	number: string;
	etag?: string;
	fields: IDataObject;
}

/** What an ERP implements so customers are created or updated once, in bulk. */
export interface CustomerAdapter {
	readonly system: string;
	/** The fields ml-connector owns on an ERP customer, from a canonical customer. */
	fields(customer: Customer, number: string): IDataObject;
	findCustomers(numbers: string[]): Promise<Map<string, ErpParty>>;
	createCustomers(payloads: IDataObject[]): Promise<Array<WriteResult<ErpParty>>>;
	/** Updates only the given fields, each with the record's concurrency token. */
	updateCustomers(changes: Array<{ party: ErpParty; fields: IDataObject }>): Promise<Array<WriteResult<ErpParty>>>;
}
