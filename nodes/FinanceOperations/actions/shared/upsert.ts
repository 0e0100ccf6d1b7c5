import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { odataString } from '../../../shared/odata';
import type { FinanceOperationsClient } from '../../transport';

export interface UpsertTarget {
	set: string;
	/** The account field, e.g. `CustomerAccount`. */
	keyField: string;
	noun: string;
	/** Fields a new record must have, with the parameter that sets them: `{ CustomerGroupId: 'Customer Group' }`. */
	requiredOnCreate: Record<string, string>;
}

/**
 * Creates the record with this account, or changes the given fields of the existing one (with
 * the ETag just read, so a change someone made in between is not overwritten). Returns the record
 * as F&O has it afterwards.
 */
export async function upsertByAccount(
	context: IExecuteFunctions,
	client: FinanceOperationsClient,
	itemIndex: number,
	target: UpsertTarget,
	account: string,
	fields: IDataObject,
): Promise<IDataObject> {
	const existing = await client.findOne<IDataObject>(target.set, `${target.keyField} eq ${odataString(account)}`);
	if (!existing) {
		const missing = Object.entries(target.requiredOnCreate).filter(([field]) => fields[field] === undefined).map(([, label]) => label);
		if (missing.length) {
			throw new NodeOperationError(context.getNode(), `The ${target.noun} ${account} does not exist in legal entity ${client.legalEntity} yet: set ${missing.join(' and ')} to create it`, { itemIndex });
		}
		return { ...(await client.create<IDataObject>(target.set, { ...fields, [target.keyField]: account })), _action: 'created' };
	}
	if (Object.keys(fields).length === 0) return { ...existing, _action: 'unchanged' };
	const etag = typeof existing['@odata.etag'] === 'string' ? existing['@odata.etag'] : undefined;
	await client.update(target.set, { [target.keyField]: existing[target.keyField] as string }, fields, etag);
	return { ...(await client.getByKey<IDataObject>(target.set, { [target.keyField]: existing[target.keyField] as string })), _action: 'updated' };
}
