import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Decimal } from '../../nodes/shared/money';
import { allOutputs, businessCentralCredential, harness, serviceTitanCredential, startRuntime, ST, WORKFLOWS, type Runtime } from './setup';

jest.setTimeout(20 * 60_000);

const CUSTOMERS = 'mlcStBcCustomer1';
const INVOICES = 'mlcStBcInvoices1';
const RECONCILE = 'mlcStBcReconcil1';
const PRICEBOOK = 'mlcBcStPricebk01';
const WEBHOOK = '/webhook/3c1f6a52-8e4b-4c1d-9a7e-5b2d8f0c6a11/webhook';
const DEPARTMENT: Record<number, string> = { 31: 'HVAC-SVC', 32: 'HVAC-INST', 33: 'PLUMB-SVC' };

let runtime: Runtime;

function template(file: string) {
	return JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8'));
}

/** What an accountant would change: business unit 34 is not mapped yet; the period to reconcile is October. */
function withoutBusinessUnit34(workflow: any) {
	const tables = workflow.nodes.find((node: any) => node.name === 'Mapping Tables');
	const assignment = tables.parameters.assignments.assignments.find((entry: any) => entry.name === 'mappings.businessUnits');
	assignment.value = assignment.value.replace(', "34": "ELEC"', '');
	expect(assignment.value).not.toContain('34');
	return workflow;
}

function october(workflow: any) {
	const period = workflow.nodes.find((node: any) => node.name === 'Period');
	for (const entry of period.parameters.assignments.assignments) entry.value = entry.name === 'periodStart' ? '2026-10-01' : '2026-10-31';
	return workflow;
}

beforeAll(async () => {
	runtime = await startRuntime({
		stSeed: { seed: 21, invoices: 200, customers: 40, startDate: '2026-10-01', months: 1 },
		businessCentral: { allowedPostingDates: { from: '2026-01-01', to: '2026-12-31' } },
	});
	await harness.importCredentials(runtime.n8n, [serviceTitanCredential(runtime.sim.url), businessCentralCredential(runtime.bc)]);
	await harness.importWorkflow(runtime.n8n, join(WORKFLOWS, 'error-handler.json'));
	await harness.importWorkflow(runtime.n8n, join(WORKFLOWS, 'servicetitan-to-business-central-customers.json'));
	await harness.importWorkflow(runtime.n8n, withoutBusinessUnit34(template('servicetitan-to-business-central-invoices-payments.json')));
	await harness.importWorkflow(runtime.n8n, october(withoutBusinessUnit34(template('servicetitan-business-central-reconciliation.json'))));
	await harness.importWorkflow(runtime.n8n, join(WORKFLOWS, 'business-central-items-to-servicetitan-pricebook.json'));
}, 15 * 60_000);

afterAll(async () => {
	await runtime?.stop();
});

const st = () => runtime.sim.state;
const bcInvoices = () => runtime.bc.list('salesInvoices').filter((invoice: any) => String(invoice.externalDocumentNumber).startsWith('ST-INV-'));
/** What the template posts: active invoices ServiceTitan has posted (a Pending one can still change), with lines. */
const isPostable = (invoice: any) => invoice.active !== false && invoice.syncStatus !== 'Pending' && Decimal.parse(invoice.total).sign() > 0 && invoice.items.length > 0;
const bcCreditMemos = () => runtime.bc.list('salesCreditMemos').filter((memo: any) => String(memo.externalDocumentNumber).startsWith('ST-INV-'));
/** An adjustment posts as a credit memo once the invoice it adjusts is posted; business unit 34 is not mapped. */
const creditMemoPostable = (adjustment: any) => {
	const original = st().invoices.find((invoice: any) => invoice.id === adjustment.adjustmentToId);
	return adjustment.active !== false && adjustment.syncStatus !== 'Pending' && Decimal.parse(adjustment.total).sign() < 0 && buOf(adjustment) !== 34 && original && isPostable(original) && buOf(original) !== 34;
};
const buOf = (invoice: any) => invoice.businessUnit.id as number;
const externalNumber = (invoice: any) => `ST-INV-${invoice.id}`;

async function run(id: string) {
	const result = await harness.executeWorkflow(runtime.n8n, id, { timeoutMs: 15 * 60_000 });
	if (result.exitCode !== 0) throw new Error(`workflow ${id} failed: ${JSON.stringify(result.runData?.data?.resultData?.error ?? result.stderr).slice(0, 2000)}`);
	return result.runData;
}

function checkBooks() {
	const byNumber = new Map<string, any[]>();
	for (const invoice of bcInvoices()) byNumber.set(invoice.externalDocumentNumber, [...(byNumber.get(invoice.externalDocumentNumber) ?? []), invoice]);
	const totals = new Map<string, { st: Decimal; bc: Decimal }>();
	for (const invoice of st().invoices.filter((candidate: any) => !isPostable(candidate) && candidate.active !== false && Decimal.parse(candidate.total).sign() > 0)) {
		expect({ invoice: invoice.id, inBc: (byNumber.get(externalNumber(invoice)) ?? []).length }).toEqual({ invoice: invoice.id, inBc: 0 });
	}
	const memos = new Map<string, any[]>();
	for (const memo of bcCreditMemos()) memos.set(memo.externalDocumentNumber, [...(memos.get(memo.externalDocumentNumber) ?? []), memo]);
	for (const adjustment of st().invoices.filter((invoice: any) => Decimal.parse(invoice.total).sign() < 0)) {
		const inBc = memos.get(externalNumber(adjustment)) ?? [];
		expect({ adjustment: adjustment.id, memos: inBc.length }).toEqual({ adjustment: adjustment.id, memos: creditMemoPostable(adjustment) ? 1 : 0 });
		if (inBc.length) expect({ adjustment: adjustment.id, status: inBc[0].status, total: Decimal.parse(inBc[0].totalAmountIncludingTax).neg().toFixed(2) }).toEqual({ adjustment: adjustment.id, status: inBc[0].status === 'Paid' ? 'Paid' : 'Open', total: adjustment.total });
	}
	for (const invoice of st().invoices.filter(isPostable)) {
		const inBc = byNumber.get(externalNumber(invoice)) ?? [];
		if (buOf(invoice) === 34) {
			expect({ invoice: invoice.id, inBc: inBc.length }).toEqual({ invoice: invoice.id, inBc: 0 });
			continue;
		}
		expect({ invoice: invoice.id, inBc: inBc.length }).toEqual({ invoice: invoice.id, inBc: 1 });
		const [posted] = inBc;
		expect({ invoice: invoice.id, status: posted.status, customer: posted.customerNumber, department: posted.shortcutDimension1Code, total: Decimal.parse(posted.totalAmountIncludingTax).toFixed(2) }).toEqual({
			invoice: invoice.id,
			status: Decimal.parse(posted.remainingAmount).isZero() ? 'Paid' : 'Open',
			customer: `ST-${invoice.customer.id}`,
			department: DEPARTMENT[buOf(invoice)],
			total: invoice.total,
		});
		const department = DEPARTMENT[buOf(invoice)];
		const entry = totals.get(department) ?? { st: Decimal.ZERO, bc: Decimal.ZERO };
		totals.set(department, { st: entry.st.add(invoice.total), bc: entry.bc.add(posted.totalAmountIncludingTax) });
	}
	for (const [department, entry] of totals) expect({ department, bc: entry.bc.toFixed(2) }).toEqual({ department, bc: entry.st.toFixed(2) });
	expect(totals.size).toBe(3);
}

describe('ServiceTitan → Business Central in a real n8n', () => {
	it('customers first: every ServiceTitan customer becomes a BC customer', async () => {
		await run(CUSTOMERS);
		const numbers = new Set(runtime.bc.list('customers').map((customer: any) => customer.number));
		for (const customer of st().customers.filter((candidate: any) => candidate.active !== false)) expect(numbers.has(`ST-${customer.id}`)).toBe(true);
	});

	it('posts every invoice once, on the right customer and dimension, totals per business unit to the cent; ServiceTitan shows them exported', async () => {
		const runData = await run(INVOICES);
		checkBooks();
		for (const invoice of st().invoices.filter(isPostable)) {
			if (buOf(invoice) === 34) {
				expect(invoice.syncStatus).not.toBe('Exported');
				continue;
			}
			const posted = bcInvoices().find((candidate: any) => candidate.externalDocumentNumber === externalNumber(invoice));
			expect({ id: invoice.id, status: invoice.syncStatus, exportId: invoice.exportId }).toEqual({ id: invoice.id, status: 'Exported', exportId: posted.number });
		}
		expect(st().invoices.filter((invoice: any) => invoice.syncStatus === 'Pending').length).toBeGreaterThan(0);
		expect(bcCreditMemos().length).toBeGreaterThan(0);
		const held = allOutputs(runData, 'Held Documents');
		const heldBu34 = held.filter((item) => /Business unit 34/.test(String(item.error)));
		// Every business-unit-34 invoice in the feed (posted or not) stops at Normalize with the reason.
		expect(heldBu34.length).toBe(st().invoices.filter((invoice: any) => buOf(invoice) === 34).length);
		expect(heldBu34.every((item) => String(item.error).includes('Business Unit → Dimension'))).toBe(true);
		// Held items carry their fields through n8n's error output.
		expect(heldBu34.every((item) => item.details?.code === 'unmapped' && item.details?.businessUnit === '34')).toBe(true);
	});

	it('payments are posted against their invoices (partial and multi-invoice), and marked exported', async () => {
		const postedInvoices = new Set(bcInvoices().map((invoice: any) => invoice.externalDocumentNumber));
		const invoiceById = new Map(st().invoices.map((invoice: any) => [invoice.id, invoice]));
		const payable = st().payments.filter(
			(payment: any) => payment.active !== false && payment.appliedTo.every((application: any) => postedInvoices.has(externalNumber(invoiceById.get(application.appliedTo)))),
		);
		expect(payable.some((payment: any) => payment.appliedTo.length > 1)).toBe(true);
		for (const payment of payable) expect({ payment: payment.id, status: payment.syncStatus }).toEqual({ payment: payment.id, status: 'Exported' });
		// Applications to posted invoices are posted even when another application of the same payment is held.
		const applied = new Map<string, Decimal>();
		for (const payment of st().payments.filter((candidate: any) => candidate.active !== false)) {
			for (const application of payment.appliedTo) {
				const key = externalNumber(invoiceById.get(application.appliedTo));
				if (postedInvoices.has(key)) applied.set(key, (applied.get(key) ?? Decimal.ZERO).add(application.appliedAmount));
			}
		}
		// A credit memo for an adjustment is applied first (invoices before credit memos, before payments);
		// a payment for an invoice it closed is credited on account.
		const credited = new Map<string, Decimal>();
		for (const memo of bcCreditMemos().filter((candidate: any) => candidate.status !== 'Draft')) {
			const adjustment = st().invoices.find((invoice: any) => externalNumber(invoice) === memo.externalDocumentNumber);
			const key = `ST-INV-${adjustment.adjustmentToId}`;
			credited.set(key, (credited.get(key) ?? Decimal.ZERO).add(Decimal.parse(memo.totalAmountIncludingTax)));
		}
		const atLeastZero = (value: Decimal) => (value.sign() < 0 ? Decimal.ZERO : value);
		for (const invoice of bcInvoices()) {
			const afterMemos = atLeastZero(Decimal.parse(invoice.totalAmountIncludingTax).sub(credited.get(invoice.externalDocumentNumber) ?? Decimal.ZERO));
			const expected = afterMemos.isZero() ? afterMemos : atLeastZero(afterMemos.sub(applied.get(invoice.externalDocumentNumber) ?? Decimal.ZERO));
			expect({ invoice: invoice.number, remaining: Decimal.parse(invoice.remainingAmount).toFixed(2) }).toEqual({ invoice: invoice.number, remaining: expected.toFixed(2) });
		}
	});

	it('running everything three more times creates zero new documents', async () => {
		const invoicesBefore = bcInvoices().length;
		const memosBefore = bcCreditMemos().length;
		const ledgerBefore = runtime.bc.list('generalLedgerEntries').length;
		for (let rerun = 0; rerun < 3; rerun++) {
			await run(CUSTOMERS);
			await run(INVOICES);
		}
		expect(bcInvoices().length).toBe(invoicesBefore);
		expect(bcCreditMemos().length).toBe(memosBefore);
		expect(runtime.bc.list('generalLedgerEntries').length).toBe(ledgerBefore);
	});

	it('429 storms and expiring tokens mid-run reach the same final state', async () => {
		const customer = st().customers.find((candidate: any) => candidate.active !== false);
		const added = [1, 2, 3].map(() => runtime.sim.addInvoice({ customerId: customer.id, businessUnitId: 31, invoiceDate: '2026-10-28' }));
		runtime.bc.faults.push({ kind: 'rateLimit', times: 6, retryAfter: '1' });
		runtime.sim.faults.push({ kind: 'rateLimit', times: 4, retryAfter: '1' });
		runtime.bc.expireTokens();
		runtime.sim.expireTokens();
		const throttledBefore = runtime.bc.stats.throttled;
		await run(INVOICES);
		expect(runtime.bc.stats.throttled - throttledBefore).toBeGreaterThanOrEqual(6);
		for (const invoice of added) {
			expect(bcInvoices().filter((candidate: any) => candidate.externalDocumentNumber === externalNumber(invoice))).toHaveLength(isPostable(invoice) ? 1 : 0);
		}
		checkBooks();
	});

	it('one invoice Business Central refuses is held on its own: the node is not re-run for the others (Retry On Fail stays idle)', async () => {
		const customer = st().customers.find((candidate: any) => candidate.active !== false);
		const good = [1, 2].map(() => runtime.sim.addInvoice({ customerId: customer.id, businessUnitId: 31, invoiceDate: '2026-10-27' }));
		// Dated in a closed period: BC refuses to post it.
		const refused = runtime.sim.addInvoice({ customerId: customer.id, businessUnitId: 31, invoiceDate: '2025-06-30' });
		const creates = () => runtime.bc.stats.byRoute['$batch:POST companies/salesInvoices'] ?? 0;
		const before = creates();
		const runData = await run(INVOICES);
		// One create per new invoice: a node that threw for one item would have been run again for all of them.
		expect(creates() - before).toBe([...good, refused].filter(isPostable).length);
		for (const invoice of good.filter(isPostable)) expect(bcInvoices().filter((candidate: any) => candidate.externalDocumentNumber === externalNumber(invoice) && candidate.status !== 'Draft')).toHaveLength(1);
		expect(isPostable(refused)).toBe(true);
		expect(bcInvoices().filter((candidate: any) => candidate.externalDocumentNumber === externalNumber(refused) && candidate.status !== 'Draft')).toEqual([]);
		const held = allOutputs(runData, 'Held Documents').filter((item) => String(item.error).includes(`(ID ${refused.id})`));
		expect(held.map((item) => ({ error: String(item.error).replace(/draft [^\s:]+/, 'draft …'), code: (item.details as any)?.code }))).toEqual([
			{ error: `ServiceTitan invoice ${refused.referenceNumber} (ID ${refused.id}): Business Central refused to post draft …: Posting Date is not within your range of allowed posting dates.`, code: 'posting-refused' },
		]);
	});

	it('the same webhook delivered twice posts once', async () => {
		await harness.publishWorkflow(runtime.n8n, runtime.apiKey, INVOICES);
		const customer = st().customers.find((candidate: any) => candidate.active !== false);
		const invoice = runtime.sim.addInvoice({ customerId: customer.id, businessUnitId: 32, invoiceDate: '2026-10-29' });
		const before = (await harness.listExecutions(runtime.n8n, runtime.apiKey, { workflowId: INVOICES })).length;
		const url = `${runtime.n8n.url}${WEBHOOK}`;
		const event = { eventType: 'invoice.updated', recordId: invoice.id };
		expect((await runtime.sim.sendWebhook(url, event, { key: ST.webhookSigningKey, eventId: 'bc-e2e-dup-1' })).status).toBe(200);
		await harness.waitForExecutions(runtime.n8n, runtime.apiKey, INVOICES, before + 1, 120_000);
		expect((await runtime.sim.sendWebhook(url, event, { key: ST.webhookSigningKey, eventId: 'bc-e2e-dup-1' })).status).toBe(200);
		expect((await runtime.sim.sendWebhook(url, event, { key: ST.webhookSigningKey, eventId: 'bc-e2e-dup-2' })).status).toBe(200);
		await harness.waitForExecutions(runtime.n8n, runtime.apiKey, INVOICES, before + 3, 120_000);
		expect(bcInvoices().filter((candidate: any) => candidate.externalDocumentNumber === externalNumber(invoice))).toHaveLength(isPostable(invoice) ? 1 : 0);
	});

	it('the reconciliation reports exactly the held invoices and payments and ties out everything else to the cent', async () => {
		const runData = await run(RECONCILE);
		const [report] = allOutputs(runData, 'Month-End Report');
		const october = (invoice: any) => String(invoice.invoiceDate).startsWith('2026-10');
		const notInBc = (invoice: any) => (Decimal.parse(invoice.total).sign() < 0 ? !creditMemoPostable(invoice) : buOf(invoice) === 34 || !isPostable(invoice));
		const expectedMissing = st()
			.invoices.filter((invoice: any) => invoice.active !== false && october(invoice) && !Decimal.parse(invoice.total).isZero())
			.filter(notInBc)
			.map((invoice: any) => externalNumber(invoice))
			.sort();
		expect(report.missingInBusinessCentral.map((entry: any) => entry.externalDocumentNumber).sort()).toEqual(expectedMissing);
		expect(report.unknownToServiceTitan).toEqual([]);
		// Every difference per business unit is exactly what the held documents account for.
		for (const row of report.byBusinessUnit) expect({ row: row.dimensionValue, unexplained: row.unexplainedDifference }).toEqual({ row: row.dimensionValue, unexplained: '0.00' });
		expect(report.explained).toBe(true);
		expect(report.balanced).toBe(false);
		const held = (department: string) =>
			report.missingInBusinessCentral
				.filter((entry: any) => DEPARTMENT[entry.businessUnit as number] === department)
				.reduce((sum: Decimal, entry: any) => sum.add(entry.total), Decimal.ZERO)
				.toFixed(2);
		for (const row of report.byBusinessUnit.filter((candidate: any) => Object.values(DEPARTMENT).includes(candidate.dimensionValue))) {
			expect({ row: row.dimensionValue, difference: row.difference }).toEqual({ row: row.dimensionValue, difference: held(row.dimensionValue) });
		}
		// Payments: exactly those with an application to an invoice not in BC differ, each with both figures.
		const invoiceById = new Map(st().invoices.map((invoice: any) => [invoice.id, invoice]));
		const expectedPayments = st()
			.payments.filter((payment: any) => payment.active !== false && String(payment.paidOn ?? payment.date).startsWith('2026-10'))
			.filter((payment: any) => payment.appliedTo.some((application: any) => notInBc(invoiceById.get(application.appliedTo))))
			.map((payment: any) => `ST-PMT-${payment.id}`)
			.sort();
		expect(report.payments.differences.map((entry: any) => entry.externalDocumentNumber).sort()).toEqual(expectedPayments);
		expect(report.payments.unknownToServiceTitan).toEqual([]);
		for (const row of report.payments.byBusinessUnit) expect({ row: row.dimensionValue, unexplained: row.unexplainedDifference }).toEqual({ row: row.dimensionValue, unexplained: '0.00' });
	});

	it('Business Central items reach the ServiceTitan pricebook by code, and a second run only updates', async () => {
		const items = runtime.bc.list('items');
		await run(PRICEBOOK);
		const byCode = (records: any[]) => new Map(records.map((record: any) => [String(record.code).toUpperCase(), record]));
		const services = byCode(st().services);
		const materials = byCode(st().materials);
		for (const item of items) {
			const target = item.type === 'Service' ? services : materials;
			expect({ item: item.number, inPricebook: target.has(String(item.number).toUpperCase()) }).toEqual({ item: item.number, inPricebook: true });
			expect(target.get(String(item.number).toUpperCase()).price).toBe(item.unitPrice);
		}
		const counts = [st().services.length, st().materials.length];
		await run(PRICEBOOK);
		expect([st().services.length, st().materials.length]).toEqual(counts);
	});

	it('the credential test lists the companies, and says which part is wrong', async () => {
		const test = async (overrides: Record<string, string>) => {
			const credential = businessCentralCredential(runtime.bc);
			const response = await fetch(`${runtime.n8n.url}/rest/credentials/test`, {
				method: 'POST',
				headers: { cookie: runtime.cookie, 'content-type': 'application/json' },
				body: JSON.stringify({ credentials: { id: credential.id, name: credential.name, type: credential.type, data: { ...credential.data, ...overrides } } }),
			});
			const body = (await response.json()) as { data?: { status: string; message: string } };
			if (!body.data) throw new Error(`credential test answered ${response.status}: ${JSON.stringify(body)}`);
			return body.data;
		};
		expect(await test({})).toMatchObject({ status: 'OK' });
		expect(await test({ clientSecret: 'not-the-secret' })).toMatchObject({ status: 'Error', message: expect.stringMatching(/secret or certificate was refused/) });
		expect(await test({ tenantId: '99999999-9999-9999-9999-999999999999' })).toMatchObject({ status: 'Error', message: expect.stringMatching(/tenant was not found/) });
		const forbidden = runtime.bc.noPermissionClient;
		expect(await test({ clientId: forbidden.clientId, clientSecret: forbidden.clientSecret })).toMatchObject({ status: 'Error', message: expect.stringMatching(/permission set/) });
		const unregistered = runtime.bc.unregisteredClient;
		expect(await test({ clientId: unregistered.clientId, clientSecret: unregistered.clientSecret })).toMatchObject({ status: 'Error', message: expect.stringMatching(/Microsoft Entra Applications/) });
		expect(await test({ environment: 'no-such-environment' })).toMatchObject({ status: 'Error', message: expect.stringMatching(/Environment not found/) });
	});

	it('after business unit 34 is mapped, the hourly retry posts the held invoices and their payments, once', async () => {
		// The same flow with the mapping fixed, started from its "Every Hour: Retry Held" trigger
		// (`n8n execute` starts at the first trigger in the node list).
		const fixed = template('servicetitan-to-business-central-invoices-payments.json');
		fixed.id = 'mlcStBcRetryTest';
		const retryTrigger = fixed.nodes.find((node: any) => node.name === 'Every Hour: Retry Held');
		fixed.nodes = [retryTrigger, ...fixed.nodes.filter((node: any) => node !== retryTrigger && node.type !== 'n8n-nodes-ml-connector.serviceTitanTrigger')];
		delete fixed.connections['ServiceTitan Webhook'];
		await harness.importWorkflow(runtime.n8n, fixed);
		await run('mlcStBcRetryTest');
		const heldBefore = st().invoices.filter((invoice: any) => isPostable(invoice) && buOf(invoice) === 34);
		for (const invoice of heldBefore) {
			const inBc = bcInvoices().filter((candidate: any) => candidate.externalDocumentNumber === externalNumber(invoice));
			expect({ invoice: invoice.id, inBc: inBc.length, department: inBc[0]?.shortcutDimension1Code, exported: invoice.syncStatus }).toEqual({ invoice: invoice.id, inBc: 1, department: 'ELEC', exported: 'Exported' });
		}
		const bu34Ids = new Set(heldBefore.map((invoice: any) => invoice.id));
		// A payment also applied to an invoice ServiceTitan has not posted yet (Pending) waits for it.
		const inBc = new Set(bcInvoices().map((invoice: any) => invoice.externalDocumentNumber));
		const theirPayments = st().payments.filter(
			(payment: any) =>
				payment.active !== false &&
				payment.appliedTo.some((application: any) => bu34Ids.has(application.appliedTo)) &&
				payment.appliedTo.every((application: any) => inBc.has(`ST-INV-${application.appliedTo}`)),
		);
		expect(theirPayments.length).toBeGreaterThan(0);
		for (const payment of theirPayments) expect({ payment: payment.id, status: payment.syncStatus }).toEqual({ payment: payment.id, status: 'Exported' });
		const invoicesAfter = bcInvoices().length;
		await run('mlcStBcRetryTest');
		expect(bcInvoices().length).toBe(invoicesAfter);
	});
});
