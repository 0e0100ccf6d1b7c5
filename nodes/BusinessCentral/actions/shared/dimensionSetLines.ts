import type { IDataObject } from 'n8n-workflow';

import type { ODataCollection } from '../../../shared/paging';
import type { BusinessCentralClient } from '../../transport';
import { etagOf } from './records';

export interface DimensionAssignment {
	code: string;
	valueCode: string;
}

export type DimensionOutcome = 'added' | 'changed' | 'unchanged';

/**
 * Sets dimensions on a document (header, line or journal line). BC copies the customer's and
 * item's default dimensions onto new documents, so each one is an upsert: PATCH the existing
 * line (If-Match its ETag) when the dimension is there, POST otherwise. One GET for all of them.
 */
export async function setDimensions(client: BusinessCentralClient, parentPath: string, dimensions: DimensionAssignment[]): Promise<Record<string, DimensionOutcome>> {
	const path = `${parentPath}/dimensionSetLines`;
	const outcomes: Record<string, DimensionOutcome> = {};
	if (dimensions.length === 0) return outcomes;
	const existing = (await client.request<ODataCollection<IDataObject>>('GET', path)).value ?? [];
	for (const { code, valueCode } of dimensions) {
		const line = existing.find((candidate) => String(candidate.code).toUpperCase() === code.toUpperCase());
		if (!line) {
			await client.request('POST', path, { body: { code, valueCode } });
			outcomes[code] = 'added';
		} else if (String(line.valueCode).toUpperCase() === valueCode.toUpperCase()) {
			outcomes[code] = 'unchanged';
		} else {
			await client.request('PATCH', `${path}(${String(line.id)})`, { body: { valueCode }, etag: etagOf(line, `dimension line ${code}`) });
			outcomes[code] = 'changed';
		}
	}
	return outcomes;
}
