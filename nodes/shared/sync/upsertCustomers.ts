import type { IExecuteFunctions } from 'n8n-workflow';

import { heldRawRecord, heldRecord, holdForDataProblem } from '../hold';
import type { ItemOutcome } from '../items';
import { applyNamingRule } from '../mapping';
import { DEFAULT_PARTY_NUMBER_RULE } from './keys';
import type { CustomerAdapter } from './parties/adapter';
import { syncCustomers, type CustomerInput } from './parties/syncCustomers';
import { readSource } from './source';
import type { ErpVocabulary } from './vocabulary';

/** Upsert Customer for every input item at once. */
export async function upsertCustomers(context: IExecuteFunctions, adapter: CustomerAdapter, vocabulary: ErpVocabulary): Promise<ItemOutcome[]> {
	const node = context.getNode();
	const inputs = context.getInputData().map((item, itemIndex): CustomerInput => {
		let source;
		try {
			source = readSource(context, itemIndex, 'customer');
		} catch (error) {
			return { itemIndex, error: holdForDataProblem(node, itemIndex, heldRawRecord('servicetitan', 'customer', item.json), error) };
		}
		try {
			const rule = context.getNodeParameter('customerNumberRule', itemIndex, DEFAULT_PARTY_NUMBER_RULE) as string;
			const number = String(source.mapped.customerNumber ?? applyNamingRule(rule, { id: source.document.id, name: source.document.name }, vocabulary.customerNumberLength));
			return { itemIndex, customer: source.document, number };
		} catch (error) {
			return { itemIndex, error: holdForDataProblem(node, itemIndex, heldRecord(source.document), error) };
		}
	});
	return await syncCustomers(node, adapter, inputs, context.getNodeParameter('dryRun', 0, false) as boolean);
}
