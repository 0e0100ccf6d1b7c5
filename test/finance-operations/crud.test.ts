import type { IDataObject } from 'n8n-workflow';

import { execute, financeOperationsCredential, node, startFinanceOperations, type FinanceOperationsSimulator } from './setup';

let fo: FinanceOperationsSimulator;
let credential: ReturnType<typeof financeOperationsCredential>;

const PAGE_SIZE = 4;
const EXTRA_CUSTOMERS = 7;
const USMF_CUSTOMERS = 5 + EXTRA_CUSTOMERS;

beforeAll(async () => {
	fo = await startFinanceOperations({ pageSize: PAGE_SIZE, seed: { extraCustomers: EXTRA_CUSTOMERS } });
	credential = financeOperationsCredential(fo);
});
afterAll(async () => {
	await fo.close();
});

const byKey = (value: string) => ({ __rl: true, mode: 'key', value });

async function one(parameters: Record<string, unknown>): Promise<IDataObject> {
	const { output } = await execute(credential, parameters);
	expect(output[0]).toHaveLength(1);
	return output[0][0].json;
}

describe('F&O customers and vendors', () => {
	it('Return All follows every nextLink; Limit is one request with $top', async () => {
		const all = await execute(credential, { resource: 'customer', operation: 'getAll', returnAll: true });
		const accounts = all.output[0].map((item) => item.json.CustomerAccount);
		expect(accounts).toHaveLength(USMF_CUSTOMERS);
		expect(all.output[0].every((item) => item.json.dataAreaId === 'usmf')).toBe(true);
		expect(all.requests).toHaveLength(Math.ceil(USMF_CUSTOMERS / PAGE_SIZE));
		expect(all.requests.every((request) => new URL(request.url).searchParams.get('cross-company') === 'true')).toBe(true);

		const three = await execute(credential, { resource: 'customer', operation: 'getAll', returnAll: false, limit: 3 });
		expect(three.output[0].map((item) => item.json.CustomerAccount)).toEqual(accounts.slice(0, 3));
		expect(three.requests).toHaveLength(1);
		expect(new URL(three.requests[0].url).searchParams.get('$top')).toBe('3');

		const beyondOnePage = await execute(credential, { resource: 'customer', operation: 'getAll', returnAll: false, limit: 25000 });
		expect(new URL(beyondOnePage.requests[0].url).searchParams.get('$top')).toBe('10000');
		const limit = node.description.properties.find((property) => property.name === 'limit' && property.displayOptions?.show?.resource?.includes('customer'));
		expect(limit?.typeOptions?.maxValue).toBe(10000);
	});

	it('reads one legal entity, another one chosen on the node, or all of them', async () => {
		const usrt = await execute(credential, { legalEntity: 'USRT', resource: 'customer', operation: 'getAll', returnAll: true });
		expect(usrt.output[0].map((item) => item.json.CustomerAccount).sort()).toEqual(['US-001', 'US-006']);
		const everywhere = await execute(credential, { resource: 'customer', operation: 'getAll', returnAll: true, allLegalEntities: true });
		expect(everywhere.output[0]).toHaveLength(USMF_CUSTOMERS + 2);
		expect(await one({ legalEntity: 'usrt', resource: 'customer', operation: 'get', id: byKey('US-001') })).toMatchObject({ OrganizationName: 'Contoso Retail Seattle', dataAreaId: 'usrt' });
		expect(await one({ resource: 'customer', operation: 'get', id: byKey('US-001') })).toMatchObject({ OrganizationName: 'Forest Wholesales', dataAreaId: 'usmf' });
	});

	it('filters with F&O wildcards instead of contains(), ANDed with the legal entity', async () => {
		const { output, requests } = await execute(credential, { resource: 'customer', operation: 'getAll', returnAll: true, filters: { nameContains: 'contoso retail', customerGroup: '30' } });
		expect(output[0].map((item) => item.json.CustomerAccount).sort()).toEqual(['US-002', 'US-003']);
		expect(new URL(requests[0].url).searchParams.get('$filter')).toBe("dataAreaId eq 'usmf' and (CustomerGroupId eq '30' and OrganizationName eq '*contoso retail*')");
	});

	it('upserts a customer by account: creates it, then changes only the given fields', async () => {
		const created = await one({ resource: 'customer', operation: 'upsert', account: 'ST-10042', name: 'Acme Plumbing LLC', customerGroup: '30', currency: 'USD', additionalFields: { CreditLimit: '5000.50' } });
		expect(created).toMatchObject({ _action: 'created', CustomerAccount: 'ST-10042', OrganizationName: 'Acme Plumbing LLC', dataAreaId: 'usmf' });
		const updated = await one({ resource: 'customer', operation: 'upsert', account: 'ST-10042', name: 'Acme Plumbing & Heating LLC' });
		expect(updated).toMatchObject({ _action: 'updated', OrganizationName: 'Acme Plumbing & Heating LLC', CustomerGroupId: '30' });
		expect(fo.list('CustomersV3').filter((customer: IDataObject) => customer.CustomerAccount === 'ST-10042')).toHaveLength(1);
	});

	it("addresses an account with URL characters and a quote in it", async () => {
		await one({ resource: 'customer', operation: 'upsert', account: "O'NEIL #1/2", name: "O'Neil Heating", customerGroup: '30', currency: 'USD' });
		expect(await one({ resource: 'customer', operation: 'get', id: byKey("O'NEIL #1/2") })).toMatchObject({ OrganizationName: "O'Neil Heating" });
		expect(await one({ resource: 'customer', operation: 'upsert', account: "O'NEIL #1/2", name: "O'Neil Heating & Air" })).toMatchObject({ _action: 'updated', OrganizationName: "O'Neil Heating & Air" });
	});

	it('says what a new customer is missing instead of sending a half record', async () => {
		const { output } = await execute(credential, { resource: 'customer', operation: 'upsert', account: 'ST-NEW-1', name: 'No Group Inc' }, { continueOnFail: true });
		expect(output[0][0].json.error).toBe('The customer ST-NEW-1 does not exist in legal entity usmf yet: set Customer Group and Currency to create it');
	});

	it('a record that does not exist: the error names it and says what to check', async () => {
		const { output } = await execute(credential, { resource: 'customer', operation: 'get', id: byKey('NOPE-404') }, { continueOnFail: true });
		expect(output[0][0].json).toEqual({
			error: expect.stringMatching(/^Finance & Operations request for customer NOPE-404 failed \(HTTP 404\): Resource not found for the segment 'CustomersV3\(dataAreaId='usmf',CustomerAccount='NOPE-404'\)'/),
			message: expect.stringContaining('Not found'),
		});
	});

	it('upserts and reads a vendor', async () => {
		expect(await one({ resource: 'vendor', operation: 'upsert', account: 'ST-V-2001', name: 'Sub Electric', vendorGroup: 'SUB' })).toMatchObject({ _action: 'created', VendorAccountNumber: 'ST-V-2001' });
		expect(await one({ resource: 'vendor', operation: 'get', id: 'ST-V-2001' })).toMatchObject({ VendorOrganizationName: 'Sub Electric', CurrencyCode: 'USD' });
		const { output } = await execute(credential, { resource: 'vendor', operation: 'getAll', returnAll: true, filters: { vendorGroup: 'SUB' } });
		expect(output[0].map((item) => item.json.VendorAccountNumber).sort()).toEqual(['ST-V-2001', 'V-0091']);
	});
});

describe('F&O token lifetime', () => {
	it('a token that expires mid-run is fetched again once, and the call repeated', async () => {
		const fresh = financeOperationsCredential(fo);
		await execute(fresh, { resource: 'mainAccount', operation: 'getAll', returnAll: false, limit: 1 });
		fo.expireTokens();
		const { output, requests } = await execute(fresh, { resource: 'customer', operation: 'get', id: byKey('US-002') });
		expect(output[0][0].json.CustomerAccount).toBe('US-002');
		expect(requests.map((request) => request.status)).toEqual([401, 200]);
		expect(fresh.preAuthCalls).toBe(2);
	});
});

describe('F&O main accounts and dimensions', () => {
	it('lists the shared chart of accounts (not company-scoped)', async () => {
		const { output, requests } = await execute(credential, { resource: 'mainAccount', operation: 'getAll', returnAll: true, filters: { nameContains: 'sales' } });
		expect(output[0].map((item) => item.json.MainAccountId)).toEqual(['222200', '401100', '401200', '401300']);
		expect(new URL(requests[0].url).searchParams.get('cross-company')).toBeNull();
	});

	it('reports the active formats and builds a display value from them', async () => {
		expect(await one({ resource: 'dimension', operation: 'getFormat' })).toMatchObject({ segments: ['BusinessUnit', 'Department'], delimiter: '-', name: 'Default dimension format' });
		expect(await one({ resource: 'dimension', operation: 'getFormat', formatKind: 'ledger' })).toMatchObject({ segments: ['MainAccount', 'BusinessUnit', 'Department'] });
		const built = await one({ resource: 'dimension', operation: 'buildDisplayValue', dimensions: { dimension: [{ name: 'Department', value: '023' }, { name: 'BusinessUnit', value: '002' }] } });
		expect(built).toEqual({ displayValue: '002-023', format: 'BusinessUnit-Department' });
	});
});
