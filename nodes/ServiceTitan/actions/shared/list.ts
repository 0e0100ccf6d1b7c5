import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { takeRecords } from '../../../shared';
import type { ServiceTitanClient, ServiceTitanModule } from '../../transport';
import { withCanonical, type CanonicalRecordType } from './canonical';
import { includeCanonicalOption, PAGE_SIZE, returnAllAndLimit } from './common';
import { filtersCollection, filtersToQuery, type FilterField } from './filters';
import type { Operation } from './operation';

export interface ListConfig {
	resource: string;
	module: ServiceTitanModule;
	path: string;
	filters: FilterField[];
	canonical?: CanonicalRecordType;
	extraProperties?: INodeProperties[];
	/** Extra query parameters computed from other node parameters. */
	extraQuery?: (context: IExecuteFunctions, itemIndex: number) => IDataObject;
}

/** "Get Many" over a page/pageSize/hasMore endpoint, with Return All / Limit and filters. */
export function listOperation(config: ListConfig, operation = 'getAll'): Operation {
	const description: INodeProperties[] = [
		...(config.extraProperties ?? []),
		...returnAllAndLimit(config.resource, operation),
		filtersCollection(config.resource, operation, config.filters),
		...(config.canonical ? [includeCanonicalOption(config.resource, operation)] : []),
	];
	return {
		description,
		async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const qs = { ...filtersToQuery(filters, config.filters), ...(config.extraQuery?.(this, itemIndex) ?? {}) };
			const pageSize = limit === undefined ? PAGE_SIZE : Math.min(limit, PAGE_SIZE);
			const records = await takeRecords(client.pages<IDataObject>(config.module, config.path, qs, pageSize), limit);
			const includeCanonical = config.canonical && (this.getNodeParameter('includeCanonical', itemIndex, false) as boolean);
			return includeCanonical ? records.map((record) => withCanonical(config.canonical!, record)) : records;
		},
	};
}
