import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { resourceProperties } from '../shared/operations';
import { routeOperation } from '../shared/router';
import { resourceLabels, resources } from './actions/resources';
import { credentialTest } from './methods/credentialTest';
import { GpClient, GpSettingsError } from './transport';

export class DynamicsGp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dynamics GP',
		name: 'dynamicsGp',
		icon: { light: 'file:dynamicsgp.svg', dark: 'file:dynamicsgp.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with Microsoft Dynamics GP customers, vendors, accounts, fiscal periods and receivables through its Service Based Architecture',
		defaults: { name: 'Dynamics GP' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dynamicsGpApi', required: true, testedBy: 'dynamicsGpConnectionTest' }],
		properties: resourceProperties(resources, resourceLabels, 'customer'),
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		let client: GpClient | undefined;
		try {
			return await routeOperation(this, 'Dynamics GP', resources, async () => {
				try {
					client = await GpClient.create(this);
				} catch (error) {
					if (error instanceof GpSettingsError) throw new NodeOperationError(this.getNode(), `Dynamics GP credential: ${error.message}`);
					throw error;
				}
				return client;
			});
		} finally {
			client?.close();
		}
	}
}
