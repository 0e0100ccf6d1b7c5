import { activeOptions, idsFilter, modifiedBeforeFilter, modifiedOnOrAfterFilter, type FilterField } from '../shared/filters';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';
import { createPricebookItem, updatePricebookItem, upsertPricebookItem, type PricebookKind } from './write.operation';

const pricebookFilters: FilterField[] = [
	idsFilter,
	modifiedOnOrAfterFilter,
	modifiedBeforeFilter,
	{ name: 'active', label: 'Active', kind: 'options', options: activeOptions },
];

function pricebookResource(kind: PricebookKind, label: string) {
	return defineResource(kind.resource, kind.noun, [
		{
			value: 'getAll',
			name: 'Get Many',
			action: `Get many pricebook ${label}`,
			description: `List pricebook ${label}`,
			operation: listOperation({ resource: kind.resource, module: 'pricebook', path: kind.path, filters: pricebookFilters }),
		},
		{ value: 'create', name: 'Create', action: `Create a pricebook ${kind.noun}`, description: `Create a pricebook ${kind.noun}`, operation: createPricebookItem(kind) },
		{ value: 'update', name: 'Update', action: `Update a pricebook ${kind.noun}`, description: `Change a pricebook ${kind.noun}`, operation: updatePricebookItem(kind) },
		{
			value: 'upsert',
			name: 'Create or Update',
			action: `Create or update a pricebook ${kind.noun}`,
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			operation: upsertPricebookItem(kind),
		},
	]);
}

export const pricebookServiceResource = pricebookResource({ resource: 'pricebookService', noun: 'service', path: 'services' }, 'services');
export const pricebookMaterialResource = pricebookResource({ resource: 'pricebookMaterial', noun: 'material', path: 'materials' }, 'materials');
