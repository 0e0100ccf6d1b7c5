import { defineResource } from '../../../shared/operations';
import type { GpClient } from '../../transport';
import { checkFiscalPeriodOpen } from './checkOpen.operation';
import { getManyFiscalPeriods } from './getAll.operation';

export const fiscalPeriodResource = defineResource<GpClient>('fiscalPeriod', 'fiscal period', [
	{ value: 'getAll', name: 'Get Many', action: 'Get many fiscal periods', description: 'List the fiscal periods with what is closed per series', operation: getManyFiscalPeriods },
	{
		value: 'checkOpen',
		name: 'Check Open',
		action: 'Check whether a fiscal period is open',
		description: 'Whether a date falls in a period that is open for a series',
		operation: checkFiscalPeriodOpen,
	},
]);
