import type { IDataObject, INode } from 'n8n-workflow';

import type { Customer } from '../../canonical';
import type { ItemOutcome } from '../../items';
import type { CustomerAdapter, ErpParty } from './adapter';

export type CustomerInput = { itemIndex: number; customer: Customer; number: string } | { itemIndex: number; error: unknown };

/** Fields whose desired value differs from the ERP's (the number is the key, never changed). */
export function changedFields(desired: IDataObject, current: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(desired).filter(([key, value]) => key !== 'number' && (current[key] ?? '') !== value));
}

/**
 * Creates or updates customers once, in bulk: all numbers looked up together, the missing ones
 * created together, the changed fields of the others written together with their ETags. The same
 * customer arriving on several items (one per invoice) is written once.
 */
export async function syncCustomers(_node: INode, adapter: CustomerAdapter, inputs: CustomerInput[], dryRun: boolean): Promise<ItemOutcome[]> {
	const outcomes: ItemOutcome[] = [];
	const byNumber = new Map<string, { customer: Customer; items: number[]; desired: IDataObject }>();
	for (const input of inputs) {
		if ('error' in input) {
			outcomes.push(input);
			continue;
		}
		const entry = byNumber.get(input.number) ?? { customer: input.customer, items: [], desired: adapter.fields(input.customer, input.number) };
		entry.items.push(input.itemIndex);
		byNumber.set(input.number, entry);
	}
	const settle = (number: string, result: { json: IDataObject } | { error: unknown }) => {
		for (const itemIndex of byNumber.get(number)!.items) outcomes.push('json' in result ? { itemIndex, json: result.json } : { itemIndex, error: result.error });
	};
	const summary = (number: string) => ({ serviceTitanCustomerId: byNumber.get(number)!.customer.id, number });
	let existing: Map<string, ErpParty>;
	try {
		existing = byNumber.size > 0 ? await adapter.findCustomers([...byNumber.keys()]) : new Map();
	} catch (error) {
		for (const number of byNumber.keys()) settle(number, { error });
		return outcomes.sort((a, b) => a.itemIndex - b.itemIndex);
	}
	const toCreate: string[] = [];
	const toUpdate: Array<{ number: string; party: ErpParty; fields: IDataObject }> = [];
	for (const [number, { desired }] of byNumber) {
		const party = existing.get(number);
		const changes = party ? changedFields(desired, party.fields) : desired;
		if (dryRun) settle(number, { json: { ...summary(number), dryRun: true, action: party ? (Object.keys(changes).length ? 'update' : 'unchanged') : 'create', payload: changes } });
		else if (!party) toCreate.push(number);
		else if (Object.keys(changes).length === 0) settle(number, { json: { ...summary(number), action: 'unchanged', id: party.id, customer: party.fields } });
		else toUpdate.push({ number, party, fields: changes });
	}
	const created = toCreate.length > 0 ? await adapter.createCustomers(toCreate.map((number) => byNumber.get(number)!.desired)) : [];
	created.forEach((result, index) => settle(toCreate[index], result.ok ? { json: { ...summary(toCreate[index]), action: 'created', id: result.value.id, customer: result.value.fields } } : { error: result.error }));
	const updated = toUpdate.length > 0 ? await adapter.updateCustomers(toUpdate.map(({ party, fields }) => ({ party, fields }))) : [];
	updated.forEach((result, index) => {
		const { number, fields } = toUpdate[index];
		settle(number, result.ok ? { json: { ...summary(number), action: 'updated', id: result.value.id, changed: Object.keys(fields), customer: result.value.fields } } : { error: result.error });
	});
	return outcomes.sort((a, b) => a.itemIndex - b.itemIndex);
}
