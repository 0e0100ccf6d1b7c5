import type { IDataObject } from 'n8n-workflow';

import { execute, financeOperationsCredential, simulatorForSuite } from './setup';


const simulator = simulatorForSuite({}, { resetEach: true });
const credential = () => financeOperationsCredential(simulator());

const byKey = (value: string) => ({ __rl: true, mode: 'key', value });
const paths = (requests: Array<{ method: string; url: string }>) => requests.map((request) => `${request.method} ${new URL(request.url).pathname.replace(/^\/data\//, '')}`);

function freeTextInvoice(reference: string, lines: IDataObject[], extra: Record<string, unknown> = {}) {
	return {
		resource: 'freeTextInvoice',
		operation: 'create',
		customerAccount: byKey('US-002'),
		invoiceDate: '2026-03-02',
		customerReference: reference,
		dimensions: { dimension: [{ name: 'Department', value: '023' }, { name: 'BusinessUnit', value: '002' }] },
		lines: { line: lines },
		...extra,
	};
}

const serviceLine = { description: 'Water heater install', mainAccount: '401100', quantity: '1', unitPrice: '1850.00' };
const materialLine = { description: 'Fittings', mainAccount: '401200', quantity: '3', unitPrice: '12.35' };

describe('F&O free text invoices', () => {
	it('creates the header first, then its lines in one changeset, with the display string from the active format', async () => {
		const { output, requests } = await execute(credential(), freeTextInvoice('ST-INV-88812', [serviceLine, materialLine]));
		expect(paths(requests)).toEqual(['GET DimensionIntegrationFormats', 'GET DimensionParameters', 'POST FreeTextInvoiceHeaders', 'POST $batch']);
		const invoice = output[0][0].json;
		expect(invoice).toMatchObject({ CustomerAccount: 'US-002', CustomerReference: 'ST-INV-88812', DefaultDimensionDisplayValue: '002-023', IsPosted: 'No', InvoiceDate: '2026-03-02T12:00:00Z' });
		const lines = simulator().freeTextInvoiceLines(invoice.InvoiceIdentifier);
		expect(lines.map((line: IDataObject) => [line.LineNumber, line.MainAccountDisplayValue, line.TransactionCurrencyAmount, line.DefaultDimensionDisplayValue])).toEqual([
			[1, '401100', 1850, '002-023'],
			[2, '401200', 37.05, '002-023'],
		]);
		expect((invoice.lines as IDataObject[]).map((line) => line.ParentRecId)).toEqual([invoice.InvoiceIdentifier, invoice.InvoiceIdentifier]);
	});

	it('gets an invoice with its lines and lists headers by customer reference', async () => {
		const created = (await execute(credential(), freeTextInvoice('ST-INV-1', [serviceLine]))).output[0][0].json;
		await execute(credential(), freeTextInvoice('ST-INV-2', [materialLine]));
		const got = (await execute(credential(), { resource: 'freeTextInvoice', operation: 'get', invoiceIdentifier: String(created.InvoiceIdentifier) })).output[0][0].json;
		expect(got).toMatchObject({ CustomerReference: 'ST-INV-1', lines: [expect.objectContaining({ MainAccountDisplayValue: '401100', LineNumber: 1 })] });
		const listed = await execute(credential(), { resource: 'freeTextInvoice', operation: 'getAll', returnAll: true, filters: { customerReference: 'ST-INV-2', posted: 'No' } });
		expect(listed.output[0].map((item) => item.json.CustomerReference)).toEqual(['ST-INV-2']);
	});

	it('a refused line leaves nothing behind: no line written, the header deleted, the error names the line', async () => {
		const { output } = await execute(credential(), freeTextInvoice('ST-INV-BAD', [serviceLine, { ...materialLine, mainAccount: '999999' }]), { continueOnFail: true });
		expect(output[0]).toHaveLength(1);
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
		expect(output[0][0].json.error).toMatch(/^Finance & Operations refused line 2 \(main account 999999\) of the free text invoice for customer US-002: Write failed .*'999999'.*Main account/);
		expect(output[0][0].json.message).toMatch(/was deleted again/);
		expect(simulator().list('FreeTextInvoiceHeaders')).toEqual([]);
		expect(simulator().list('FreeTextInvoiceLines')).toEqual([]);
	});

	it('routes a bad item to its own error, paired with it, and carries on with the others', async () => {
		const { output } = await execute(
			credential(),
			{ ...freeTextInvoice('', []), customerReference: (_: number, item: IDataObject) => item.ref, lines: (_: number, item: IDataObject) => ({ line: item.lines }) },
			{ items: [{ ref: 'ST-INV-A', lines: [serviceLine] }, { ref: 'ST-INV-B', lines: [{ ...serviceLine, unitPrice: '10.005' }] }, { ref: 'ST-INV-C', lines: [] }], continueOnFail: true },
		);
		expect(output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0][0].json.IsPosted).toBe('No');
		expect(output[0][1].json.error).toBe('Field "Line 1 Unit Price of the free text invoice for customer US-002" has amount "10.005", which has more than 2 decimals. Round it to cents before passing it on.');
		expect(output[0][2].json.error).toBe('The free text invoice for customer US-002 has no lines: add at least one');
		expect(simulator().list('FreeTextInvoiceHeaders')).toHaveLength(1);
	});

	it('without Continue On Fail the first bad item stops the node with its item index', async () => {
		const failing = await execute(credential(), { ...freeTextInvoice('ST-INV-Y', [serviceLine]), customerAccount: byKey('NOPE-1') }).catch((e: Error & { context?: IDataObject }) => e);
		expect((failing as Error).message).toMatch(/Finance & Operations request for free text invoice failed \(HTTP 400\): Write failed .*'NOPE-1'/);
		expect((failing as { context?: IDataObject }).context?.itemIndex).toBe(0);
	});

	it('refuses a dimension the active format does not have before writing anything', async () => {
		const { output, requests } = await execute(credential(), { ...freeTextInvoice('ST-INV-R', [serviceLine]), dimensions: { dimension: [{ name: 'Region', value: 'North' }] } }, { continueOnFail: true });
		expect(output[0][0].json.error).toMatch(/name the dimension "Region", which F&O's active format "Default dimension format" \(BusinessUnit-Department\) does not have/);
		expect(paths(requests).filter((path) => path.startsWith('POST'))).toEqual([]);
	});

	it('honours a 429 with Retry-After in the middle of a document (the lines wait, nothing is doubled)', async () => {
		simulator().faults.push({ kind: 'rateLimit', times: 1, retryAfter: 1, match: /POST .*\$batch/ });
		const started = Date.now();
		const { output, requests } = await execute(credential(), freeTextInvoice('ST-INV-429', [serviceLine, materialLine]));
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(requests.filter((request) => request.url.endsWith('$batch')).map((request) => request.status)).toEqual([429, 200]);
		expect(simulator().list('FreeTextInvoiceHeaders')).toHaveLength(1);
		expect(simulator().freeTextInvoiceLines(output[0][0].json.InvoiceIdentifier)).toHaveLength(2);
	});
});

describe('F&O vendor invoices', () => {
	const bill = {
		resource: 'vendorInvoice',
		operation: 'create',
		vendorAccount: byKey('V-0091'),
		headerReference: 'ST-BILL-7781',
		invoiceNumber: 'SUP-2026-0412',
		invoiceDate: '2026-03-03',
		dimensions: { dimension: [{ name: 'BusinessUnit', value: '002' }] },
		lines: { line: [{ description: 'Sub labor job 4431', procurementCategory: 'Subcontract', unitPrice: '420.00' }, { description: 'Pipe', mainAccount: '605140', quantity: '2', unitPrice: '15.10' }] },
	};

	it('creates the header, then its lines under the header reference, and reads it back', async () => {
		const { output, requests } = await execute(credential(), bill);
		expect(paths(requests).filter((path) => path.startsWith('POST'))).toEqual(['POST VendorInvoiceHeaders', 'POST $batch']);
		expect(output[0][0].json).toMatchObject({ HeaderReference: 'ST-BILL-7781', DimensionDisplayValue: '002-', Currency: 'USD' });
		const got = (await execute(credential(), { resource: 'vendorInvoice', operation: 'get', headerReference: 'ST-BILL-7781' })).output[0][0].json;
		expect((got.lines as IDataObject[]).map((line) => [line.InvoiceLineNumber, line.NetAmount, line.DimensionDisplayValue])).toEqual([
			[1, 420, '002-'],
			[2, 30.2, '002-'],
		]);
	});

	it('does not create a second invoice with the same header reference', async () => {
		await execute(credential(), bill);
		const { output } = await execute(credential(), bill, { continueOnFail: true });
		expect(output[0][0].json.error).toBe('The vendor invoice ST-BILL-7781 of vendor V-0091 already exists in F&O (invoice number SUP-2026-0412): it was not created again');
		expect(simulator().list('VendorInvoiceHeaders')).toHaveLength(1);
		expect(simulator().list('VendorInvoiceLines')).toHaveLength(2);
	});
});
