import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/operations';
import { takeRecords } from '../../../shared/paging';
import type { BusinessCentralClient } from '../../transport';
import { filtersCollection, filtersToOData, type FilterField } from './filters';
import type { Operation } from './operation';

/** Records per page with Return All (BC allows up to 20,000; smaller pages keep responses light). */
export const PAGE_SIZE = 1000;

export type PathResolver = (context: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) => Promise<string>;

export interface ListConfig {
	resource: string;
	/** Entity set under the company (`customers`), or a resolver returning the full path for nested sets. */
	path: string | PathResolver;
	filters?: FilterField[];
	extraProperties?: INodeProperties[];
	/** `$expand` computed from other parameters (e.g. "Include Lines"). */
	expand?: (context: IExecuteFunctions, itemIndex: number) => string | undefined;
	orderby?: string;
}

/**
 * "Get Many" over an OData collection: one request by default (`$top` = Limit, following
 * nextLinks only while short of the limit), every page with Return All.
 */
export function listOperation(config: ListConfig, operation = 'getAll'): Operation {
	const filters = config.filters ?? [];
	return {
		description: [
			...(config.extraProperties ?? []),
			...returnAllAndLimit(config.resource, operation),
			filtersCollection(config.resource, operation, filters),
		],
		async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
			const filter = filtersToOData(this.getNodeParameter('filters', itemIndex, {}) as IDataObject, filters);
			const path = typeof config.path === 'string' ? await client.companyPath(config.path) : await config.path(this, client, itemIndex);
			const pages = client.pages<IDataObject>(
				path,
				{ filter, expand: config.expand?.(this, itemIndex), orderby: config.orderby, top: limit },
				limit === undefined ? PAGE_SIZE : Math.min(limit, PAGE_SIZE),
			);
			return await takeRecords(pages, limit);
		},
	};
}
