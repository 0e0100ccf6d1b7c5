import { listOperation } from '../shared/operations';

export const getManyGlAccounts = listOperation('glAccount', 'Financials/GLAccounts');
