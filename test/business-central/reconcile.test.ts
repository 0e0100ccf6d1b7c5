import type { IDataObject } from 'n8n-workflow';

import { Decimal } from '../../nodes/shared/money';
import { serviceTitanCredential, startSimulator, type Simulator } from '../servicetitan/setup';
import { BUSINESS_UNIT_ROWS, normalize, sync } from './flow';
import { businessCentralCredential, startBusinessCentral, type BusinessCentralSimulator } from './setup';

let st: Simulator;
let bc: BusinessCentralSimulator;
let stCredential: ReturnType<typeof serviceTitanCredential>;
let bcCredential: ReturnType<typeof businessCentralCredential>;

beforeAll(async () => {
	st = await startSimulator({ seed: { seed: 13, invoices: 30, customers: 8, startDate: '2026-10-01', months: 1 } });
	bc = await startBusinessCentral({ allowedPostingDates: { from: '2026-01-01', to: '2026-12-31' } });
	stCredential = serviceTitanCredential(st);
	bcCredential = businessCentralCredential(bc);
});
afterAll(async () => {
	await st.close();
	await bc.close();
});

const PERIOD = { periodStart: '2026-10-01', periodEnd: '2026-10-31', businessUnitMapSource: 'rows', businessUnitMapRows: BUSINESS_UNIT_ROWS };
const postable = (invoice: IDataObject) => invoice.active !== false && Decimal.parse(String(invoice.total)).sign() > 0 && (invoice.items as IDataObject[]).length > 0;

describe('month-end reconciliation through the engine', () => {
	it('ties invoices and payments out to the cent, lists every difference, and counts an unreadable invoice by its total', async () => {
		const invoices = (st.state.invoices as IDataObject[]).filter((invoice) => postable(invoice) && String(invoice.invoiceDate).startsWith('2026-10'));
		const customers = (st.state.customers as IDataObject[]).filter((customer) => invoices.some((invoice) => (invoice.customer as IDataObject).id === customer.id));
		await sync(bcCredential, 'upsertCustomer', await normalize(stCredential, customers, 'customer'));
		const posted = await sync(bcCredential, 'postInvoice', await normalize(stCredential, invoices, 'invoice'));
		expect(posted.json.every((result) => result.action === 'posted')).toBe(true);
		const payments = (st.state.payments as IDataObject[]).filter(
			(payment) => payment.active !== false && String(payment.date).startsWith('2026-10') && (payment.appliedTo as IDataObject[]).every((application) => invoices.some((invoice) => invoice.id === application.appliedTo)),
		);
		expect(payments.length).toBeGreaterThan(1);
		const [held, ...postedPayments] = payments;
		const postedResults = await sync(bcCredential, 'postPayment', await normalize(stCredential, postedPayments, 'payment'));
		expect(postedResults.json.every((result) => result.action === 'posted')).toBe(true);

		// One invoice edited in ServiceTitan after posting so that its lines no longer add up to its total.
		const [edited, ...others] = invoices;
		const unreadable = { ...edited, total: Decimal.parse(String(edited.total)).add('10').toFixed(2) };
		// As the template does: every record through Normalize, its held items included.
		const normalized = [...(await normalize(stCredential, [unreadable, ...others], 'invoice')), ...(await normalize(stCredential, payments, 'payment'))];
		expect(normalized[0].details).toMatchObject({ code: 'invalid-record', recordId: String(edited.id), amount: unreadable.total });
		const report = (await sync(bcCredential, 'reconcile', normalized, PERIOD)).json[0];

		expect(report.unknownToServiceTitan).toEqual([]);
		expect(report.unreadableItems).toEqual([expect.objectContaining({ externalDocumentNumber: `ST-INV-${String(edited.id)}`, total: unreadable.total })]);
		const department = (BUSINESS_UNIT_ROWS.row.find((row) => row.from === String((edited.businessUnit as IDataObject).id)) ?? { to: '' }).to;
		const rows = report.byBusinessUnit as IDataObject[];
		for (const row of rows) {
			expect({ row: row.dimensionValue, unexplained: row.unexplainedDifference }).toEqual({ row: row.dimensionValue, unexplained: row.dimensionValue === department ? '10.00' : '0.00' });
		}
		expect(report.explained).toBe(false);

		const paymentReport = report.payments as IDataObject;
		expect(paymentReport.differences).toEqual([
			expect.objectContaining({ externalDocumentNumber: `ST-PMT-${String(held.id)}`, serviceTitanTotal: Decimal.parse(String(held.total)).toFixed(2), businessCentralCredited: '0.00' }),
		]);
		expect(paymentReport.unknownToServiceTitan).toEqual([]);
		const paymentRows = paymentReport.byBusinessUnit as IDataObject[];
		const stTotal = payments.reduce((sum, payment) => sum.add(String(payment.total)), Decimal.ZERO);
		const bcTotal = postedPayments.reduce((sum, payment) => sum.add(String(payment.total)), Decimal.ZERO);
		expect(paymentRows.reduce((sum, row) => sum.add(String(row.serviceTitanTotal)), Decimal.ZERO).toFixed(2)).toBe(stTotal.toFixed(2));
		expect(paymentRows.reduce((sum, row) => sum.add(String(row.businessCentralTotal)), Decimal.ZERO).toFixed(2)).toBe(bcTotal.toFixed(2));
		for (const row of paymentRows) expect(row.unexplainedDifference).toBe('0.00');
	});
});
