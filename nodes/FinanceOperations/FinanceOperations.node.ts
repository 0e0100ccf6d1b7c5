import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties } from '../shared/operations';
import { routeOperation } from '../shared/router';
import { resourceLabels, resources } from './actions/resources';
import { searchCustomers, searchVendors } from './methods/listSearch';
import { FinanceOperationsClient } from './transport';

export class FinanceOperations implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finance & Operations',
		name: 'financeOperations',
		icon: { light: 'file:financeoperations.svg', dark: 'file:financeoperations.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with Dynamics 365 Finance & Operations customers, vendors, free text invoices, vendor invoices, main accounts and financial dimensions',
		defaults: { name: 'Finance & Operations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'financeOperationsApi', required: true }],
		properties: [
			{
				displayName: 'Legal Entity',
				name: 'legalEntity',
				type: 'string',
				default: '',
				placeholder: 'usmf',
				description: "The company (dataAreaId) to read and write; empty uses the credential's default legal entity",
			},
			...resourceProperties(resources, resourceLabels, 'customer'),
		],
	};

	methods = { listSearch: { searchCustomers, searchVendors } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const legalEntity = this.getNodeParameter('legalEntity', 0, '') as string;
		return await routeOperation(this, 'Finance & Operations', resources, async () => await FinanceOperationsClient.create(this, legalEntity));
	}
}
