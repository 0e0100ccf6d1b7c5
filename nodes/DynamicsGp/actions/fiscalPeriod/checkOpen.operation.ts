import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showFor, type Operation } from '../../../shared/operations';
import type { GpClient } from '../../transport';
import { dayOf } from '../shared/operations';

const show = showFor('fiscalPeriod', 'checkOpen');


export const checkFiscalPeriodOpen: Operation<GpClient> = {
	description: [
		{ displayName: 'Date', name: 'date', type: 'dateTime', required: true, default: '', description: 'The posting date to check', displayOptions: show },
		{
			displayName: 'Series',
			name: 'series',
			type: 'options',
			options: [
				{ name: 'Financial', value: 'Financial' },
				{ name: 'Purchasing', value: 'Purchasing' },
				{ name: 'Sales', value: 'Sales' },
			],
			default: 'Sales',
			description: 'GP closes periods per series: Sales for receivables, Purchasing for payables',
			displayOptions: show,
		},
	],
	async execute(client, itemIndex) {
		const date = dayOf(this.getNodeParameter('date', itemIndex));
		if (!date) {
			throw new NodeOperationError(this.getNode(), 'Check fiscal period: "Date" is not a date; enter one like 2026-10-15', { itemIndex });
		}
		const series = this.getNodeParameter('series', itemIndex) as string;
		const periods = await client.list('Financials/FiscalPeriods');
		const period = periods.find((candidate) => String(candidate.StartDate) <= date && date <= String(candidate.EndDate));
		if (!period) return { date, series, open: false, reason: `No fiscal period is set up for ${date} in GP` };
		const closed = ((period.Closed ?? {}) as IDataObject)[series] === true;
		return {
			date,
			series,
			open: !closed,
			period: { year: period.Year, periodId: period.PeriodId, name: period.Name },
			...(closed ? { reason: `${String(period.Name)} is closed for the ${series} series in GP` } : {}),
		};
	},
};
