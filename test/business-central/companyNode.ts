import type { IDataObject } from 'n8n-workflow';

import { BusinessCentral } from '../../nodes/BusinessCentral/BusinessCentral.node';
import { runExecute } from '../helpers/context';
import type { CredentialStore } from '../helpers/credentials';

/** Lists companies through the node (token, API root and paging as in production). */
export const Company = {
	async list(credential: CredentialStore): Promise<IDataObject[]> {
		const { output } = await runExecute({
			nodeType: new BusinessCentral(),
			parameters: { resource: 'company', operation: 'getAll', returnAll: true },
			credentials: { businessCentralApi: credential },
		});
		return output[0].map((item) => item.json);
	},
};
