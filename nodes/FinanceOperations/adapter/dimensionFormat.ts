import type { IDataObject } from 'n8n-workflow';

import type { ODataCollection } from '../../shared/paging';
import type { FinanceOperationsClient } from '../transport';
import { delimiterOf, DimensionFormatError, segmentsOf, type DimensionFormat } from './dimensions';

export type DimensionFormatKind = 'default' | 'ledger';

const FORMAT_TYPES: Record<DimensionFormatKind, string> = {
	default: 'DataEntityDefaultDimensionFormat',
	ledger: 'DataEntityLedgerDimensionFormat',
};

const ENUMS = 'Microsoft.Dynamics.DataEntities';

/** The delimiter F&O's dimension parameters name (hyphen when F&O reports none). */
export async function readDelimiter(client: FinanceOperationsClient): Promise<string> {
	const parameters = await client.request<ODataCollection<IDataObject>>('GET', 'DimensionParameters', { qs: { $top: 1 } });
	const member = parameters.value?.[0]?.DimensionSegmentDelimiter;
	return typeof member === 'string' && member ? delimiterOf(member) : '-';
}

/** The active integration format of a kind (default: dimensions only; ledger: main account first). */
export async function readDimensionFormat(client: FinanceOperationsClient, kind: DimensionFormatKind = 'default'): Promise<DimensionFormat> {
	const filter = `IsActive eq ${ENUMS}.NoYes'Yes' and DimensionFormatType eq ${ENUMS}.DimensionHierarchyType'${FORMAT_TYPES[kind]}'`;
	const [formats, delimiter] = await Promise.all([
		client.request<ODataCollection<IDataObject>>('GET', 'DimensionIntegrationFormats', { qs: { $filter: filter } }),
		readDelimiter(client),
	]);
	const active = formats.value?.[0];
	if (!active) {
		throw new DimensionFormatError(
			`F&O has no active ${kind} dimension format: activate one on General ledger > Chart of accounts > Dimensions > Financial dimension configuration for integrating applications`,
		);
	}
	return { name: String(active.DimensionFormatName ?? ''), segments: segmentsOf(String(active.FinancialDimensionFormat ?? ''), delimiter), delimiter };
}
