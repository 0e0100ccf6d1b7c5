import { listOperation } from '../shared/operations';

export const getManyFiscalPeriods = listOperation('fiscalPeriod', 'Financials/FiscalPeriods');
