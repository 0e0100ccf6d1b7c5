import type { Operation } from '../../../shared/operations';
import type { GpClient } from '../../transport';
import { idProperty, requiredText } from '../shared/operations';
import { documentTypeProperty, RECEIVABLES_PATH } from './fields';

export const getReceivablesTransaction: Operation<GpClient> = {
	description: [documentTypeProperty('get'), idProperty('receivablesTransaction', 'get', 'Document Number', 'The document number of the transaction')],
	async execute(client, itemIndex) {
		const number = requiredText(this, 'id', itemIndex, 'Document Number', 'Get receivables transaction');
		return await client.get(RECEIVABLES_PATH, [this.getNodeParameter('documentType', itemIndex) as string, number]);
	},
};
