import { defineResource } from '../shared/resource';
import { normalize } from './normalize.operation';

export const documentResource = defineResource('document', 'document', [
	{
		value: 'normalize',
		name: 'Normalize',
		action: 'Normalize a ServiceTitan record',
		description: 'Turn an invoice, payment, bill, customer or vendor into ml-connector\'s canonical document and apply the mapping tables',
		operation: normalize,
	},
]);
