import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readDimensionFormat } from '../../nodes/FinanceOperations/adapter/dimensionFormat';
import { FinanceOperationsSalesDocuments, LinesRefusedError } from '../../nodes/FinanceOperations/adapter/salesDocuments';
import { FinanceOperationsClient } from '../../nodes/FinanceOperations/transport';
import type { SalesDocumentPlan } from '../../nodes/shared/sync/documents';
import { createContext } from '../helpers/context';
import { financeOperationsCredential, node, simulatorForSuite } from './setup';


const simulator = simulatorForSuite({}, { resetEach: true });

async function adapter() {
	const { context, requests } = createContext({ nodeType: node, parameters: {}, credentials: { financeOperationsApi: financeOperationsCredential(simulator()) } });
	const client = await FinanceOperationsClient.create(context as unknown as IExecuteFunctions);
	return { sales: new FinanceOperationsSalesDocuments(client, await readDimensionFormat(client)), requests };
}

function plan(key: string, lines: Array<[account: string, quantity: string, unitPrice: string]>, extra: Partial<SalesDocumentPlan> = {}): SalesDocumentPlan {
	const amounts = lines.map(([, quantity, unitPrice]) => Math.round(Number(quantity) * Number(unitPrice) * 100));
	return {
		kind: 'invoice',
		key,
		serviceTitanId: key.replace(/\D/g, ''),
		serviceTitanNumber: key,
		customerNumber: 'US-002',
		documentDate: '2026-03-02',
		dimensions: [{ code: 'BUSINESSUNIT', value: '002' }],
		lines: lines.map(([account, quantity, unitPrice], index) => ({ account, description: `line ${index + 1}`, quantity, unitPrice, amount: (amounts[index] / 100).toFixed(2) })),
		total: (amounts.reduce((sum, cents) => sum + cents, 0) / 100).toFixed(2),
		...extra,
	};
}

describe('F&O sales documents adapter (free text invoices)', () => {
	it('creates headers by $batch (spread over F&O\'s slots), then each header\'s lines in one changeset, and finds them again by CustomerReference', async () => {
		const { sales, requests } = await adapter();
		const before = requests.length;
		const results = await sales.createDocuments([plan('ST-INV-1001', [['401100', '1', '1850.00'], ['401200', '3', '12.35']]), plan('ST-INV-1002', [['401100', '2', '99.99']])]);
		expect(results.map((result) => result.ok && result.value.total)).toEqual(['1887.05', '199.98']);
		expect(requests.slice(before).map((request) => request.url.replace(/^.*\/data\//, ''))).toEqual(['$batch', '$batch', '$batch', '$batch']);
		const found = await sales.findDocuments('invoice', ['ST-INV-1001', 'ST-INV-1002', 'ST-INV-9999']);
		expect([...found.keys()].sort()).toEqual(['ST-INV-1001', 'ST-INV-1002']);
		expect(found.get('ST-INV-1001')).toEqual([expect.objectContaining({ status: 'draft', total: '1887.05', key: 'ST-INV-1001' })]);
		expect(simulator().list('FreeTextInvoiceHeaders').map((header: IDataObject) => header.DefaultDimensionDisplayValue)).toEqual(['002-', '002-']);
	});

	it('a header whose lines F&O refuses is deleted again: refused (not uncertain), nothing left behind', async () => {
		const { sales } = await adapter();
		const [bad, good] = await sales.createDocuments([plan('ST-INV-2001', [['401100', '1', '10.00'], ['999999', '1', '5.00']]), plan('ST-INV-2002', [['401100', '1', '20.00']])]);
		expect(bad).toEqual({ ok: false, error: expect.any(LinesRefusedError), uncertain: false });
		expect(String((bad as { error: Error }).error.message)).toMatch(/refused line 2: .*'999999'.*Main account/);
		expect(good.ok).toBe(true);
		expect(simulator().list('FreeTextInvoiceHeaders').map((header: IDataObject) => header.CustomerReference)).toEqual(['ST-INV-2002']);
		expect(simulator().list('FreeTextInvoiceLines')).toHaveLength(1);
	});

	it('a header left without all its lines (a crash) is found as a draft with the short total, and deleted with its lines', async () => {
		const { sales } = await adapter();
		const [created] = await sales.createDocuments([plan('ST-INV-3001', [['401100', '1', '100.00'], ['401200', '1', '50.00']])]);
		const id = Number(created.ok && created.value.id);
		simulator().state.tables.FreeTextInvoiceLines.delete([...simulator().state.tables.FreeTextInvoiceLines.keys()][1]);
		const [draft] = (await sales.findDocuments('invoice', ['ST-INV-3001'])).get('ST-INV-3001')!;
		expect(draft).toMatchObject({ id: String(id), status: 'draft', total: '100.00' });
		expect(await sales.deleteDocuments([draft])).toEqual([{ ok: true, value: undefined }]);
		expect(simulator().list('FreeTextInvoiceHeaders')).toEqual([]);
		expect(simulator().list('FreeTextInvoiceLines')).toEqual([]);
	});

	it('reads a posted invoice as posted with its F&O number; credit memos carry negative lines', async () => {
		const { sales } = await adapter();
		const [invoice, memo] = await sales.createDocuments([plan('ST-INV-4001', [['401100', '1', '80.00']]), plan('ST-ADJ-4002', [['401100', '1', '30.00']], { kind: 'creditMemo' })]);
		simulator().postFreeTextInvoice(Number(invoice.ok && invoice.value.id));
		expect((await sales.findDocuments('invoice', ['ST-INV-4001'])).get('ST-INV-4001')).toEqual([expect.objectContaining({ status: 'posted', number: expect.stringMatching(/^FTI-/), total: '80.00' })]);
		expect(memo.ok && memo.value.total).toBe('30.00');
		expect(simulator().freeTextInvoiceLines(Number(memo.ok && memo.value.id))[0]).toMatchObject({ Quantity: -1, TransactionCurrencyAmount: -30 });
		expect((await sales.findDocuments('creditMemo', ['ST-ADJ-4002'])).get('ST-ADJ-4002')).toEqual([expect.objectContaining({ total: '30.00' })]);
	});

	it('knows which customers exist in the legal entity, and says F&O posts invoices itself', async () => {
		const { sales } = await adapter();
		expect(await sales.existingCustomers(['US-001', 'US-006', 'NOPE'])).toEqual(new Set(['US-001']));
		const [result] = await sales.postDocuments([{ kind: 'invoice', key: 'k', id: '1', number: 'n', status: 'draft', statusText: '', total: '1.00' }]);
		expect(result).toEqual({ ok: false, error: expect.objectContaining({ message: expect.stringMatching(/posts free text invoices itself/) }), uncertain: false });
	});
});
