import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchCustomers, searchVendors } from '../../nodes/FinanceOperations/methods/listSearch';
import { createContext } from '../helpers/context';
import { financeOperationsCredential, node, startFinanceOperations, type FinanceOperationsSimulator } from './setup';

let fo: FinanceOperationsSimulator;
const EXTRA_CUSTOMERS = 60;

beforeAll(async () => {
	fo = await startFinanceOperations({ seed: { extraCustomers: EXTRA_CUSTOMERS } });
});
afterAll(async () => {
	await fo.close();
});

function loadOptions(legalEntity?: string): ILoadOptionsFunctions {
	const { context } = createContext({ nodeType: node, parameters: {}, credentials: { financeOperationsApi: financeOperationsCredential(fo) } });
	return { ...context, getCurrentNodeParameter: (name: string) => (name === 'legalEntity' ? legalEntity : undefined) } as unknown as ILoadOptionsFunctions;
}

describe('F&O list searches (resource locators)', () => {
	it("pages through the legal entity's customers by account, 50 at a time", async () => {
		const values: string[] = [];
		const pages: number[] = [];
		let token: string | undefined;
		do {
			const page = await searchCustomers.call(loadOptions(), undefined, token);
			values.push(...page.results.map((result) => String(result.value)));
			pages.push(page.results.length);
			token = page.paginationToken as string | undefined;
		} while (token !== undefined);
		expect(pages).toEqual([50, 15]);
		expect(new Set(values).size).toBe(5 + EXTRA_CUSTOMERS);
		expect(values[0]).toBe('SIM-00001');
	});

	it('matches accounts from their start and names anywhere, in the node\'s legal entity', async () => {
		expect((await searchCustomers.call(loadOptions(), 'oakwood')).results).toEqual([{ name: 'Oakwood Elementary School (US-005)', value: 'US-005' }]);
		expect((await searchCustomers.call(loadOptions('usrt'), 'US-')).results.map((result) => result.value).sort()).toEqual(['US-001', 'US-006']);
		expect((await searchVendors.call(loadOptions(), 'fabrikam')).results.map((result) => result.value)).toEqual(['US-101', 'US-104']);
	});
});
