import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FinanceOperationsClient } from '../../transport';
import { readKey } from './locators';
import type { Operation } from './operation';

/** "Get" one company-scoped record by its account-style key. */
export function getByAccountOperation(config: { set: string; keyField: string; noun: string; locator: INodeProperties }): Operation {
	return {
		description: [config.locator],
		async execute(this: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number) {
			const key = readKey(this, itemIndex, config.locator.name, config.noun);
			return await client.getByKey<IDataObject>(config.set, { [config.keyField]: key });
		},
	};
}
