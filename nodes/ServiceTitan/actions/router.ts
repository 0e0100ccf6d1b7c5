import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation } from '../../shared/router';
import { ServiceTitanClient } from '../transport';
import { resources } from './resources';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, 'ServiceTitan', resources, async () => await ServiceTitanClient.create(this));
}
