import type { IExecuteFunctions } from 'n8n-workflow';

import { heldRawRecord, heldRecord, holdForDataProblem } from '../hold';
import { readMappingTable } from '../mappingParameters';
import type { SalesDocumentAdapter } from './adapter';
import type { ItemOutcome } from '../items';
import { businessUnitMapping, glAccountMapping } from './parameters';
import { mappedValues, planSalesDocument, type SalesPlanSettings } from './planSalesDocument';
import { readSource } from './source';
import { syncSalesDocuments, type SalesInput } from './syncSalesDocuments';
import type { ErpVocabulary } from './vocabulary';

function settingsFor(context: IExecuteFunctions, itemIndex: number, vocabulary: ErpVocabulary): SalesPlanSettings {
	return {
		system: vocabulary.system,
		customerNumberRule: context.getNodeParameter('customerNumberRule', itemIndex, 'ST-{id}') as string,
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
	const inputs: SalesInput[] = context.getInputData().map((item, itemIndex): SalesInput => {
		let source;
		try {
			source = readSource(context, itemIndex, 'invoice');
		} catch (error) {
			return { itemIndex, error: holdForDataProblem(node, itemIndex, heldRawRecord('servicetitan', 'invoice', item.json), error) };
		}
		try {
			const plan = planSalesDocument(node, itemIndex, source.document, mappedValues(source.mapped), settingsFor(context, itemIndex, vocabulary));
			return { itemIndex, invoice: source.document, plan };
		} catch (error) {
			return { itemIndex, error: holdForDataProblem(node, itemIndex, heldRecord(source.document), error) };
		}
	});
	return await syncSalesDocuments(node, adapter, inputs, {
		post: context.getNodeParameter('post', 0, true) as boolean,
		dryRun: context.getNodeParameter('dryRun', 0, false) as boolean,
	});
}
