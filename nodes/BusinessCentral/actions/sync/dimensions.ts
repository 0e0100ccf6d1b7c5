import type { IDataObject } from 'n8n-workflow';

import type { ODataCollection } from '../../../shared';
import type { BusinessCentralClient } from '../../transport';

/**
 * Sets one dimension on a document. BC copies the customer's default dimensions onto new
 * documents, so this is an upsert: change the value when the dimension is there, add it otherwise.
 */
export async function upsertDimension(client: BusinessCentralClient, documentPath: string, code: string, valueCode: string): Promise<'added' | 'changed' | 'unchanged'> {
	const path = `${documentPath}/dimensionSetLines`;
	const lines = (await client.request<ODataCollection<IDataObject>>('GET', path)).value ?? [];
	const existing = lines.find((line) => String(line.code).toUpperCase() === code.toUpperCase());
	if (!existing) {
		await client.request('POST', path, { body: { code, valueCode } });
		return 'added';
	}
	if (String(existing.valueCode).toUpperCase() === valueCode.toUpperCase()) return 'unchanged';
	await client.request('PATCH', `${path}(${String(existing.id)})`, { body: { valueCode }, etag: String(existing['@odata.etag'] ?? '*') });
	return 'changed';
}
