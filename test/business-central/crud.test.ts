import { NodeApiError, NodeOperationError, type IDataObject, type ILoadOptionsFunctions, type INodeProperties } from 'n8n-workflow';

import { BusinessCentral } from '../../nodes/BusinessCentral/BusinessCentral.node';
import { searchCustomers, searchItems } from '../../nodes/BusinessCentral/methods/listSearch';
import { resources } from '../../nodes/BusinessCentral/actions/resources';
import { createContext, runExecute } from '../helpers/context';
import { businessCentralCredential, startBusinessCentral, type BusinessCentralSimulator } from './setup';

const node = new BusinessCentral();
let bc: BusinessCentralSimulator;
let credential: ReturnType<typeof businessCentralCredential>;

const EXTRA_CUSTOMERS = 12;
const SEEDED_CUSTOMERS = 6 + EXTRA_CUSTOMERS;
const PAGE_SIZE = 5;

beforeAll(async () => {
	bc = await startBusinessCentral({ pageSize: PAGE_SIZE, seed: { seed: 7, extraCustomers: EXTRA_CUSTOMERS } });
	credential = businessCentralCredential(bc);
});
afterAll(async () => {
	await bc.close();
});

function execute(parameters: Record<string, unknown>, extra: { items?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return runExecute({ nodeType: node, parameters, items: extra.items, continueOnFail: extra.continueOnFail, credentials: { businessCentralApi: credential } });
}

async function one(parameters: Record<string, unknown>): Promise<IDataObject> {
	const { output } = await execute(parameters);
	expect(output[0]).toHaveLength(1);
	return output[0][0].json;
}

const byNumber = (value: string) => ({ __rl: true, mode: 'number', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const journal = { __rl: true, mode: 'code', value: 'STPAYMENTS' };
const requestsTo = (requests: Array<{ url: string }>, set: string) => requests.filter((request) => new URL(request.url).pathname.endsWith(`/${set}`));

describe('Business Central CRUD: lists', () => {
	it('lists the companies of the environment', async () => {
		const { output } = await execute({ resource: 'company', operation: 'getAll', returnAll: true });
		expect(output[0].map((item) => item.json.name).sort()).toEqual(['CRONUS Canada', 'CRONUS USA, Inc.']);
	});

	it('Return All follows every nextLink; Limit stops as soon as it has enough', async () => {
		const all = await execute({ resource: 'customer', operation: 'getAll', returnAll: true });
		const numbers = all.output[0].map((item) => item.json.number);
		expect(numbers).toHaveLength(SEEDED_CUSTOMERS);
		expect(new Set(numbers).size).toBe(SEEDED_CUSTOMERS);
		expect(requestsTo(all.requests, 'customers')).toHaveLength(Math.ceil(SEEDED_CUSTOMERS / PAGE_SIZE));
		expect(all.output[0].every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);

		const seven = await execute({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 7 });
		expect(seven.output[0].map((item) => item.json.number)).toEqual(numbers.slice(0, 7));
		expect(requestsTo(seven.requests, 'customers')).toHaveLength(2);

		const three = await execute({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 3 });
		expect(three.output[0]).toHaveLength(3);
		expect(requestsTo(three.requests, 'customers')).toHaveLength(1);
	});

	it('turns filters into one $filter (number, display name contains, custom OData)', async () => {
		const contains = await execute({ resource: 'customer', operation: 'getAll', returnAll: true, filters: { displayNameContains: 'Generated' } });
		expect(contains.output[0]).toHaveLength(EXTRA_CUSTOMERS);
		const combined = await execute({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: { displayNameContains: 'Generated', custom: "type eq 'Person'" },
		});
		expect(combined.output[0]).toHaveLength(EXTRA_CUSTOMERS / 2);
		expect(combined.output[0].every((item) => item.json.type === 'Person')).toBe(true);
		const exact = await execute({ resource: 'customer', operation: 'getAll', returnAll: true, filters: { number: 'C00030' } });
		expect(exact.output[0].map((item) => item.json.displayName)).toEqual(['Oakwood Elementary School']);
	});

	it('items modified since a time: lastModifiedDateTime gt <ISO>, unquoted; type compared decoded', async () => {
		const items = bc.list('items') as IDataObject[];
		const cutoff = new Date(Date.now() - 5 * 86400000).toISOString();
		const expected = items.filter((item) => String(item.lastModifiedDateTime) > cutoff).map((item) => item.number);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(items.length);
		const { output } = await execute({ resource: 'item', operation: 'getAll', returnAll: true, filters: { modifiedSince: cutoff } });
		expect(output[0].map((item) => item.json.number).sort()).toEqual([...expected].sort());

		const services = await execute({ resource: 'item', operation: 'getAll', returnAll: true, filters: { type: 'Non-Inventory' } });
		expect(services.output[0].length).toBeGreaterThan(0);
		expect(services.output[0].every((item) => item.json.type === 'Non-Inventory')).toBe(true);
	});

	it('dimension values of one dimension, posting accounts only', async () => {
		const values = await execute({ resource: 'dimensionValue', operation: 'getAll', returnAll: true, dimensionCode: 'DEPARTMENT' });
		expect(values.output[0].map((item) => item.json.code)).toEqual(['HVAC-SVC', 'HVAC-INST', 'PLUMB-SVC', 'ELEC', 'ADMIN', 'OLD-DEPT']);
		const accounts = await execute({ resource: 'account', operation: 'getAll', returnAll: true, filters: { postingOnly: true, directPostingOnly: true } });
		expect(accounts.output[0].length).toBeGreaterThan(5);
		expect(accounts.output[0].every((item) => item.json.accountType === 'Posting' && item.json.directPosting === true)).toBe(true);
		expect(accounts.output[0].map((item) => item.json.number)).not.toContain('1100');
	});

	it('list searches for resource locators page and match names or numbers', async () => {
		const { context } = createContext({ nodeType: node, parameters: {}, credentials: { businessCentralApi: credential } });
		const loadOptions = { ...context, getCurrentNodeParameter: () => undefined } as unknown as ILoadOptionsFunctions;
		const names: string[] = [];
		let token: string | undefined;
		do {
			const page = await searchCustomers.call(loadOptions, undefined, token);
			names.push(...page.results.map((result) => result.name));
			token = page.paginationToken as string | undefined;
		} while (token !== undefined);
		expect(names).toHaveLength(SEEDED_CUSTOMERS);
		expect(names[0]).toBe('Jane Cooper (C00010)');
		const oak = await searchCustomers.call(loadOptions, 'oakwood');
		expect(oak.results.map((result) => result.name)).toEqual(['Oakwood Elementary School (C00030)']);
		const byPrefix = await searchItems.call(loadOptions, 'SVC-HVAC');
		expect(byPrefix.results.map((result) => result.name)).toEqual(expect.arrayContaining([expect.stringContaining('(SVC-HVAC-DIAG)')]));
	});
});

describe('Business Central CRUD: customers', () => {
	it('gets a customer by number and by ID', async () => {
		const byNo = await one({ resource: 'customer', operation: 'get', id: byNumber('C00030') });
		expect(byNo).toMatchObject({ number: 'C00030', displayName: 'Oakwood Elementary School', blocked: ' ' });
		const again = await one({ resource: 'customer', operation: 'get', id: byId(String(byNo.id)) });
		expect(again.id).toBe(byNo.id);
	});

	it('creates a customer, money fields as exact decimals', async () => {
		const created = await one({
			resource: 'customer',
			operation: 'create',
			displayName: 'Peachtree Dental',
			additionalFields: { city: 'Atlanta', creditLimit: '1234.50', type: 'Company' },
		});
		expect(created).toMatchObject({ displayName: 'Peachtree Dental', city: 'Atlanta', creditLimit: 1234.5 });
		expect(String(created.number)).toMatch(/^C\d+/);
	});

	it('updates with If-Match and refuses a stale ETag with a conflict error instead of overwriting', async () => {
		const read = await one({ resource: 'customer', operation: 'get', id: byNumber('C00040') });
		const staleEtag = String(read['@odata.etag']);

		const withEtag = await one({ resource: 'customer', operation: 'update', id: byId(String(read.id)), updateFields: { phoneNumber: '404-555-0101' }, options: { etag: staleEtag } });
		expect(withEtag.phoneNumber).toBe('404-555-0101');
		expect(withEtag['@odata.etag']).not.toBe(staleEtag);

		// Read-then-update (no ETag given) also works on the changed record.
		const readFirst = await one({ resource: 'customer', operation: 'update', id: byNumber('C00040'), updateFields: { city: 'Decatur' } });
		expect(readFirst).toMatchObject({ city: 'Decatur', phoneNumber: '404-555-0101' });

		const attempt = execute({ resource: 'customer', operation: 'update', id: byId(String(read.id)), updateFields: { phoneNumber: '000' }, options: { etag: staleEtag } });
		await expect(attempt).rejects.toThrow(NodeOperationError);
		await expect(attempt).rejects.toThrow(/Someone else changed customer .* after it was read/);
		const after = await one({ resource: 'customer', operation: 'get', id: byNumber('C00040') });
		expect(after.phoneNumber).toBe('404-555-0101');
	});

	it('upserts by number: creates the first time, updates the same record the second', async () => {
		const created = await one({ resource: 'customer', operation: 'upsert', number: 'ST-77001', displayName: 'Lakeside HOA', additionalFields: { city: 'Marietta' } });
		expect(created).toMatchObject({ number: 'ST-77001', displayName: 'Lakeside HOA', city: 'Marietta' });
		const updated = await one({ resource: 'customer', operation: 'upsert', number: 'ST-77001', displayName: 'Lakeside Homeowners Association' });
		expect(updated).toMatchObject({ id: created.id, number: 'ST-77001', displayName: 'Lakeside Homeowners Association', city: 'Marietta' });
		expect((bc.list('customers', { filter: "number eq 'ST-77001'" }) as IDataObject[]).length).toBe(1);
	});
});

describe('Business Central CRUD: invoice to payment', () => {
	let invoice: IDataObject;

	it('creates a draft by deep insert and replaces the default DEPARTMENT instead of adding a second one', async () => {
		const { output, requests } = await execute({
			resource: 'salesInvoice',
			operation: 'createDraft',
			customer: byNumber('C00030'),
			externalDocumentNumber: 'ST-INV-5001',
			lines: {
				line: [
					{ lineType: 'Item', number: 'SVC-HVAC-DIAG', quantity: '1', unitPrice: '129.00' },
					{ lineType: 'Account', number: '4000', description: 'Trip charge', quantity: '2', unitPrice: '49.50' },
				],
			},
			dimensions: { dimension: [{ code: 'DEPARTMENT', valueCode: 'HVAC-INST' }, { code: 'AREA', valueCode: 'HVAC' }] },
			additionalFields: { invoiceDate: '2026-05-02T00:00:00', postingDate: '2026-05-02T00:00:00' },
		});
		invoice = output[0][0].json;
		// C00030's default DEPARTMENT came with the new invoice: PATCHed (If-Match), AREA POSTed.
		const dimensionWrites = requests.filter((request) => request.url.includes('/dimensionSetLines') && request.method !== 'GET');
		expect(dimensionWrites.map((request) => `${request.method} ${request.url.endsWith(')') ? 'line' : 'collection'}`)).toEqual(['PATCH line', 'POST collection']);
		expect(invoice).toMatchObject({ status: 'Draft', customerNumber: 'C00030', externalDocumentNumber: 'ST-INV-5001', invoiceDate: '2026-05-02', totalAmountIncludingTax: 228 });
		expect(String(invoice.number)).toMatch(/^S-INV/);
		expect((invoice.salesInvoiceLines as IDataObject[]).map((line) => [line.lineType, line.lineObjectNumber, line.quantity, line.unitPrice])).toEqual([
			['Item', 'SVC-HVAC-DIAG', 1, 129],
			['Account', '4000', 2, 49.5],
		]);
		const dimensions = (invoice.dimensionSetLines as IDataObject[]).map((line) => `${String(line.code)}=${String(line.valueCode)}`).sort();
		expect(dimensions).toEqual(['AREA=HVAC', 'DEPARTMENT=HVAC-INST']);
	});

	it('finds the draft by external document number and status', async () => {
		const { output } = await execute({ resource: 'salesInvoice', operation: 'getAll', returnAll: true, filters: { externalDocumentNumber: 'ST-INV-5001', status: 'Draft' } });
		expect(output[0].map((item) => item.json.id)).toEqual([invoice.id]);
	});

	it('posts the draft: same ID, posted number and status', async () => {
		const posted = await one({ resource: 'salesInvoice', operation: 'post', id: byId(String(invoice.id)) });
		expect(posted.id).toBe(invoice.id);
		expect(String(posted.number)).toMatch(/^PS-INV/);
		expect(posted).toMatchObject({ status: 'Open', remainingAmount: 228 });
		invoice = posted;
	});

	it('creates a payment: a positive receipt is sent negative and applied to the posted invoice', async () => {
		const payment = await one({
			resource: 'customerPayment',
			operation: 'create',
			paymentJournal: journal,
			customerNumber: 'C00030',
			amount: '100.00',
			postingDate: '2026-05-03T00:00:00',
			appliesToInvoice: String(invoice.number),
			externalDocumentNumber: 'ST-PMT-9001',
		});
		expect(payment).toMatchObject({ amount: -100, appliesToInvoiceNumber: invoice.number, customerNumber: 'C00030', postingDate: '2026-05-03' });

		const { output } = await execute({ resource: 'customerPayment', operation: 'getAll', paymentJournal: journal, returnAll: true, filters: { externalDocumentNumber: 'ST-PMT-9001' } });
		expect(output[0].map((item) => item.json.id)).toEqual([payment.id]);
	});

	it('posts the journal and the invoice remaining amount drops', async () => {
		const result = await one({ resource: 'customerPayment', operation: 'postJournal', paymentJournal: journal });
		expect(result).toMatchObject({ linesPosted: 1, totalAmount: '-100.00' });
		const after = await one({ resource: 'salesInvoice', operation: 'get', id: byNumber(String(invoice.number)) });
		expect(after.remainingAmount).toBe(128);
		const entries = await execute({ resource: 'generalLedgerEntry', operation: 'getAll', returnAll: true, filters: { documentNumber: String(invoice.number) } });
		expect(entries.output[0].length).toBeGreaterThan(0);
	});

	it('sends the amount as entered when "make negative" is off', async () => {
		const refund = await one({ resource: 'customerPayment', operation: 'create', paymentJournal: journal, customerNumber: 'C00010', amount: '12.34', amountIsReceipt: false });
		expect(refund.amount).toBe(12.34);
	});
});

describe('Business Central CRUD: per-item errors', () => {
	const parameters = {
		resource: 'salesInvoice',
		operation: 'createDraft',
		customer: (itemIndex: number, item: IDataObject) => byNumber(String(item.customer)),
		lines: { line: [{ lineType: 'Item', number: 'TRIP', quantity: '1' }] },
	};
	const items = [{ customer: 'C00010' }, { customer: 'C99999' }];

	it('with Continue On Fail, the failing item becomes an error item paired with its input', async () => {
		const { output } = await execute(parameters, { items, continueOnFail: true });
		expect(output[0]).toHaveLength(2);
		expect(output[0][0].json).toMatchObject({ customerNumber: 'C00010', status: 'Draft' });
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
		expect(output[0][1].pairedItem).toEqual({ item: 1 });
		expect(String(output[0][1].json.error)).toMatch(/^Business Central request for sales invoice failed \(HTTP 400 Application_DialogException\): The "customerNumber" provided does not match to a Customer/);
	});

	it('without it, the node stops with the item index set', async () => {
		const attempt = execute(parameters, { items: [...items].reverse() });
		await expect(attempt).rejects.toThrow(NodeApiError);
		await expect(attempt).rejects.toMatchObject({ context: { itemIndex: 0 } });
	});

	it('a quantity that is not a plain decimal number is refused before anything is sent', async () => {
		const attempt = execute({ ...parameters, customer: byNumber('C00010'), lines: { line: [{ lineType: 'Item', number: 'TRIP', quantity: '1,5' }] } });
		await expect(attempt).rejects.toThrow(/Line 1 quantity/);
	});
});

describe('Business Central CRUD: parameter descriptions', () => {
	// The n8n lint cannot see parameters built by helper functions (filters, locators, expand options).
	const crud = resources.filter((resource) => resource.value !== 'sync');

	function problems(property: INodeProperties, path: string): string[] {
		const found: string[] = [];
		const where = `${path}.${property.name}`;
		if (property.default === undefined) found.push(`${where} has no default`);
		if (property.type === 'boolean' && property.description && !property.description.startsWith('Whether')) found.push(`${where}: boolean description must start with "Whether"`);
		const options = (property.options ?? []) as Array<{ name: string; displayName?: string; values?: INodeProperties[] }>;
		const labels = options.map((option) => option.displayName ?? option.name);
		if (property.type !== 'fixedCollection' && labels.join('|') !== [...labels].sort((a, b) => a.localeCompare(b)).join('|')) found.push(`${where}: options not sorted (${labels.join(', ')})`);
		for (const option of options) {
			if ('type' in option) found.push(...problems(option as unknown as INodeProperties, where));
			for (const value of option.values ?? []) found.push(...problems(value, `${where}.${option.name}`));
		}
		return found;
	}

	it('every parameter has a default, sorted options and "Whether" booleans; every operation has an action', () => {
		const found = crud.flatMap((resource) => [
			...problems(resource.operationProperty, resource.value),
			...Object.values(resource.operations).flatMap((operation) => operation.description.flatMap((property) => problems(property, resource.value))),
		]);
		expect(found).toEqual([]);
		const actions = crud.flatMap((resource) => (resource.operationProperty.options as Array<{ action?: string }>).map((option) => option.action));
		expect(actions.every((action) => typeof action === 'string' && /^[A-Z][a-z]/.test(action))).toBe(true);
	});
});
