import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemOutcome } from '../items';
import { applyNamingRule } from '../mapping';
import { planInputs } from './inputs';
import { DEFAULT_PARTY_NUMBER_RULE } from './keys';
import type { CustomerAdapter } from './parties/adapter';
import { syncCustomers } from './parties/syncCustomers';
import type { ErpVocabulary } from './vocabulary';

/** Upsert Customer for every input item at once. */
export async function upsertCustomers(context: IExecuteFunctions, adapter: CustomerAdapter, vocabulary: ErpVocabulary): Promise<ItemOutcome[]> {
	const inputs = planInputs(context, 'customer', (customer, mapped, itemIndex) => {
		const rule = context.getNodeParameter('customerNumberRule', itemIndex, DEFAULT_PARTY_NUMBER_RULE) as string;
		return String(mapped.customerNumber ?? applyNamingRule(rule, { id: customer.id, name: customer.name }, vocabulary.customerNumberLength));
	});
	return await syncCustomers(
		context.getNode(),
		adapter,
		inputs.map((input) => ('error' in input ? input : { itemIndex: input.itemIndex, customer: input.document, number: input.plan })),
		context.getNodeParameter('dryRun', 0, false) as boolean,
	);
}
