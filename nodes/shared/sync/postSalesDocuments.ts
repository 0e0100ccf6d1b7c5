import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemOutcome } from '../items';
import { readMappingTable } from '../mappingParameters';
import type { SalesDocumentAdapter } from './adapter';
import { planInputs } from './inputs';
import { DEFAULT_PARTY_NUMBER_RULE } from './keys';
import { businessUnitMapping, glAccountMapping } from './parameters';
import { mappedValues, planSalesDocument, type SalesPlanSettings } from './planSalesDocument';
import { syncSalesDocuments } from './syncSalesDocuments';
import type { ErpVocabulary } from './vocabulary';

function settingsFor(context: IExecuteFunctions, itemIndex: number, vocabulary: ErpVocabulary): SalesPlanSettings {
	return {
		system: vocabulary.system,
		customerNumberRule: context.getNodeParameter('customerNumberRule', itemIndex, DEFAULT_PARTY_NUMBER_RULE) as string,
		customerNumberLength: vocabulary.customerNumberLength,
		dimensionCode: (context.getNodeParameter('dimensionCode', itemIndex, vocabulary.defaultDimensionCode) as string).trim(),
		businessUnitTable: readMappingTable(context, itemIndex, businessUnitMapping(vocabulary)),
		accountTable: readMappingTable(context, itemIndex, glAccountMapping(vocabulary)),
		taxAccount: (context.getNodeParameter('taxAccount', itemIndex, vocabulary.defaultTaxAccount) as string).trim(),
	};
}

/** Post Invoice for every input item at once: plan each, then let the engine post them in bulk. */
export async function postSalesDocuments(context: IExecuteFunctions, adapter: SalesDocumentAdapter, vocabulary: ErpVocabulary): Promise<ItemOutcome[]> {
	const node = context.getNode();
	const inputs = planInputs(context, 'invoice', (invoice, mapped, itemIndex) => planSalesDocument(node, itemIndex, invoice, mappedValues(mapped), settingsFor(context, itemIndex, vocabulary)));
	return await syncSalesDocuments(
		node,
		adapter,
		inputs.map((input) => ('error' in input ? input : { itemIndex: input.itemIndex, invoice: input.document, plan: input.plan })),
		{ post: context.getNodeParameter('post', 0, true) as boolean, dryRun: context.getNodeParameter('dryRun', 0, false) as boolean },
	);
}
