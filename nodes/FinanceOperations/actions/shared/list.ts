import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit, showFor } from '../../../shared/operations';
import { takeRecords } from '../../../shared/paging';
import type { FinanceOperationsClient } from '../../transport';
import { filtersCollection, filtersToOData, type FilterField } from './filters';
import type { Operation } from './operation';

export interface ListConfig {
	resource: string;
	/** The entity set, e.g. `CustomersV3`. */
	set: string;
	/** Whether records belong to a legal entity (`dataAreaId`). */
	companyScoped: boolean;
	filters?: FilterField[];
	orderby?: string;
}

/** F&O answers `$top` with one page and no nextLink, and a page holds at most 10,000 records. */
export const MAX_PAGE = 10_000;

function withinOnePage(property: INodeProperties): INodeProperties {
	if (property.name !== 'limit') return property;
	return { ...property, typeOptions: { ...property.typeOptions, maxValue: MAX_PAGE }, description: `Max number of results to return (at most ${MAX_PAGE.toLocaleString('en-US')}, F&O's page; use Return All for more)` };
}

function allLegalEntitiesOption(resource: string, operation: string): INodeProperties {
	return {
		displayName: 'All Legal Entities',
		name: 'allLegalEntities',
		type: 'boolean',
		default: false,
		description: 'Whether to read every legal entity the integration user may see (cross-company), not only the node\'s legal entity',
		displayOptions: showFor(resource, operation),
	};
}

/**
 * "Get Many": with a Limit one request with `$top` (F&O sends no nextLink then); with Return All
 * every page, following F&O's nextLinks on the environment's own origin.
 */
export function listOperation(config: ListConfig, operation = 'getAll'): Operation {
	const filters = config.filters ?? [];
	return {
		description: [
			...returnAllAndLimit(config.resource, operation).map(withinOnePage),
			...(config.companyScoped ? [allLegalEntitiesOption(config.resource, operation)] : []),
			filtersCollection(config.resource, operation, filters),
		],
		async execute(this: IExecuteFunctions, client: FinanceOperationsClient, itemIndex: number) {
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			const limit = returnAll ? undefined : Math.min(this.getNodeParameter('limit', itemIndex, 50) as number, MAX_PAGE);
			const filter = filtersToOData(this.getNodeParameter('filters', itemIndex, {}) as IDataObject, filters);
			const allCompanies = config.companyScoped && (this.getNodeParameter('allLegalEntities', itemIndex, false) as boolean);
			const pages = client.list<IDataObject>(config.set, { companyScoped: config.companyScoped, allCompanies, filter, orderby: config.orderby, top: limit });
			return await takeRecords(pages, limit);
		},
	};
}
