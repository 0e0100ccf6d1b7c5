import type { IExecuteFunctions } from 'n8n-workflow';

import { heldRawRecord, heldRecord, holdForDataProblem } from '../hold';
import type { ItemOutcome } from '../items';
import { DEFAULT_PARTY_NUMBER_RULE } from './keys';
import type { PaymentAdapter } from './payments/adapter';
import { planPayment } from './payments/plan';
import { syncPayments, type PaymentInput } from './payments/syncPayments';
import { readSource } from './source';
import type { ErpVocabulary } from './vocabulary';

/** A claim untouched this long belongs to a run that died: its payment is taken over. */
export const STALE_CLAIM_MS = 10 * 60 * 1000;

/** Post Payment for every input item at once: plan each, then let the engine post them in bulk. */
export async function postPayments(context: IExecuteFunctions, adapter: PaymentAdapter, vocabulary: ErpVocabulary): Promise<ItemOutcome[]> {
	const node = context.getNode();
	const inputs: PaymentInput[] = context.getInputData().map((item, itemIndex): PaymentInput => {
		let source;
		try {
			source = readSource(context, itemIndex, 'payment');
		} catch (error) {
			return { itemIndex, error: holdForDataProblem(node, itemIndex, heldRawRecord('servicetitan', 'payment', item.json), error) };
		}
		try {
			const plan = planPayment(node, itemIndex, source.document, source.mapped, {
				system: vocabulary.system,
				customerNumberRule: context.getNodeParameter('customerNumberRule', itemIndex, DEFAULT_PARTY_NUMBER_RULE) as string,
				customerNumberLength: vocabulary.customerNumberLength,
			});
			return { itemIndex, payment: source.document, plan };
		} catch (error) {
			return { itemIndex, error: holdForDataProblem(node, itemIndex, heldRecord(source.document), error) };
		}
	});
	return await syncPayments(node, adapter, inputs, {
		post: context.getNodeParameter('post', 0, true) as boolean,
		dryRun: context.getNodeParameter('dryRun', 0, false) as boolean,
		staleAfterMs: STALE_CLAIM_MS,
	});
}
