import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties } from '../shared/operations';
import { resourceLabels, resources } from './actions/resources';
import { router } from './actions/router';
import { searchBusinessUnits, searchCustomers } from './methods/listSearch';

export class ServiceTitan implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ServiceTitan',
		name: 'serviceTitan',
		icon: { light: 'file:servicetitan.svg', dark: 'file:servicetitan.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read invoices, payments, bills and masters from ServiceTitan, and mark what was posted to the ERP',
		defaults: { name: 'ServiceTitan' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'serviceTitanApi', required: true }],
		properties: resourceProperties(resources, resourceLabels, 'invoice'),
	};

	methods = { listSearch: { searchCustomers, searchBusinessUnits } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
