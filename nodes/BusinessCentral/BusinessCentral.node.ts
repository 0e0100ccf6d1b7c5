import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties } from '../shared/operations';
import { routeOperation } from '../shared/router';
import { resourceLabels, resources } from './actions/resources';
import { syncParameters } from './actions/sync/parameters';
import { searchCompanies, searchCustomerPaymentJournals, searchCustomers, searchItems, searchVendors } from './methods/listSearch';
import { BusinessCentralClient } from './transport';

export class BusinessCentral implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Business Central',
		name: 'businessCentral',
		icon: { light: 'file:businesscentral.svg', dark: 'file:businesscentral.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Post ServiceTitan invoices and payments into Dynamics 365 Business Central, and work with its customers, items and ledgers',
		defaults: { name: 'Business Central' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'businessCentralApi', required: true }],
		properties: [
			{
				displayName: 'Company',
				name: 'company',
				type: 'string',
				default: '',
				description: 'Company ID or name; empty uses the credential\'s default company',
			},
			...resourceProperties(resources, resourceLabels, 'sync'),
			// Parameters several sync operations share (mappings, journal, dry run), shown once.
			...syncParameters,
		],
	};

	methods = { listSearch: { searchCompanies, searchCustomers, searchVendors, searchItems, searchCustomerPaymentJournals } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const company = this.getNodeParameter('company', 0, '') as string;
		return await routeOperation(this, 'Business Central', resources, async () => await BusinessCentralClient.create(this, company));
	}
}
