import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemOutcome } from '../items';
import { planInputs } from './inputs';
import { DEFAULT_PARTY_NUMBER_RULE } from './keys';
import type { PaymentAdapter } from './payments/adapter';
import { planPayment } from './payments/plan';
import { syncPayments } from './payments/syncPayments';
import type { ErpVocabulary } from './vocabulary';

/** A connector journal line untouched this long belongs to a run that stopped: it is taken over. */
export const STALE_CLAIM_MS = 10 * 60 * 1000;

/** Post Payment for every input item at once: plan each, then let the engine post them in bulk. */
export async function postPayments(context: IExecuteFunctions, adapter: PaymentAdapter, vocabulary: ErpVocabulary): Promise<ItemOutcome[]> {
	const node = context.getNode();
	const inputs = planInputs(context, 'payment', (payment, mapped, itemIndex) =>
		planPayment(node, itemIndex, payment, mapped, {
			system: vocabulary.system,
			customerNumberRule: context.getNodeParameter('customerNumberRule', itemIndex, DEFAULT_PARTY_NUMBER_RULE) as string,
			customerNumberLength: vocabulary.customerNumberLength,
		}),
	);
	return await syncPayments(
		node,
		adapter,
		inputs.map((input) => ('error' in input ? input : { itemIndex: input.itemIndex, payment: input.document, plan: input.plan })),
		{
			post: context.getNodeParameter('post', 0, true) as boolean,
			dryRun: context.getNodeParameter('dryRun', 0, false) as boolean,
			staleAfterMs: STALE_CLAIM_MS,
		},
	);
}
