import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BusinessCentralClient } from '../../transport';
import { expandOptions, readExpand, type ExpandChoice } from './expand';
import type { Operation } from './operation';
import { findRecord, type EntityRef } from './records';

export interface GetConfig {
	resource: string;
	entity: EntityRef;
	/** The resource locator, named `id`. */
	locator: INodeProperties;
	expand?: ExpandChoice[];
}

/** "Get" one record from a resource locator (list, ID or number). */
export function getOperation(config: GetConfig, operation = 'get'): Operation {
	return {
		description: [config.locator, ...(config.expand ? [expandOptions(config.resource, operation, config.expand)] : [])],
		async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
			const expand = config.expand ? readExpand(this, itemIndex, config.expand) : undefined;
			return await findRecord(this, client, itemIndex, 'id', config.entity, expand);
		},
	};
}
