import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Decimal } from '../../../nodes/shared/money';
import { businessCentralCredential, harness, serviceTitanCredential, ST, WORKFLOWS } from '../../e2e/setup';

/* eslint-disable @typescript-eslint/no-require-imports */
const n8nCli = require('./n8n-cli');
const { startServiceTitanSimulator } = require('../../simulators/servicetitan');
const { startBusinessCentralSimulator } = require('../../simulators/business-central');
/* eslint-enable @typescript-eslint/no-require-imports */

const CUSTOMERS = 'mlcStBcCustomer1';
const INVOICES = 'mlcStBcInvoices1';
const BASELINE = 'baselineStToBc01';
const MB = 1048576;

export type Flow = 'package' | 'baseline';

export interface Scenario {
	invoices: number;
	latencyMs: number;
}

export interface RunFigures {
	flow: Flow;
	invoices: number;
	latencyMs: number;
	/** why the measured run did not succeed (its figures are then what it did until it stopped) */
	failure: string | null;
	note?: string;
	/** the size of the run's data as n8n stored it */
	executionDataMiB: number;
	/** invoices BC shows posted (Open or Paid) after the run */
	posted: number;
	/** ServiceTitan invoices either flow must post: active, posted in ServiceTitan (not Pending), with lines, total above zero */
	postable: number;
	creditMemosPosted: number;
	paymentsPosted: number;
	/** the execution's own time (startedAt → stoppedAt) and the `n8n execute` process's wall time */
	runSeconds: number;
	wallSeconds: number;
	invoicesPerSecond: number;
	bcRequests: number;
	bcOperations: number;
	bcRequestsPerPostedInvoice: number;
	bcOperationsPerPostedInvoice: number;
	/** BC operations of the payment side (journals, journal lines, posting, the customer ledger): the baseline posts no payments */
	bcPaymentOperations: number;
	/** BC operations per posted document (invoices, credit memos and payments) */
	bcOperationsPerPostedDocument: number;
	/** BC operations of everything but the payment side, per posted invoice: the baseline's work */
	bcInvoiceSideOperationsPerPostedInvoice: number;
	bcPeakConcurrency: number;
	bcThrottled: number;
	serviceTitanCalls: number;
	serviceTitanCallsPerInvoice: number;
	serviceTitanCallsByRoute: Record<string, number>;
	bcByRoute: Record<string, number>;
	peakRssMiB: number;
	peakRssMeasuredAtExit: boolean;
	/** the peak before `n8n execute` printed the finished run as indented JSON (a step a running n8n never takes); null when it printed nothing */
	peakRssBeforePrintMiB: number | null;
	taskRunnerPeakRssMiB: number | null;
	/** the most the process and its task runner had resident at once (sampled every 200 ms) */
	processTreePeakRssMiB: number;
	/** the package only: the customers template's run before the invoices */
	customersRun?: { seconds: number; bcRequests: number; bcOperations: number; serviceTitanCalls: number; customersInBc: number };
}

/** ServiceTitan seed: `invoices` invoices (about 8 % still Pending, 4 % credit adjustments) with their payments, business units 31–34. */
export function serviceTitanSeed(invoices: number) {
	return { seed: 7, invoices, customers: Math.max(20, Math.round(invoices / 5)), startDate: '2026-10-01', months: 1 };
}

async function startSimulators({ invoices, latencyMs }: Scenario) {
	const st = await startServiceTitanSimulator({ port: 0, ...ST, seed: serviceTitanSeed(invoices) });
	// BC's own limit of 6,000 requests per 5 minutes per user is lifted: it would measure the window, not the flow.
	const bc = await startBusinessCentralSimulator({ port: 0, environment: 'sandbox', latencyMs, limits: { requestsPer5Min: 100_000_000 } });
	return { st, bc, close: async () => Promise.all([st.close(), bc.close()]) };
}

type Simulators = Awaited<ReturnType<typeof startSimulators>>;

/** The baseline with its Config node filled with the simulators' URLs and secrets (its README's instructions). */
function baselineWorkflow({ st, bc }: Simulators) {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', 'baseline', 'st-to-bc-httprequest.json'), 'utf8'));
	const values: Record<string, string> = {
		stBaseUrl: st.url,
		stTokenUrl: `${st.url}/connect/token`,
		stTenant: ST.tenantId,
		stClientId: ST.clientId,
		stClientSecret: ST.clientSecret,
		stAppKey: ST.appKey,
		entraTokenUrl: bc.tokenEndpoint,
		entraClientId: bc.clientId,
		entraClientSecret: bc.clientSecret,
		bcScope: bc.scope,
		bcApiBase: bc.apiBase,
		bcCompanyId: bc.companyId,
	};
	const config = workflow.nodes.find((node: any) => node.name === 'Config');
	for (const assignment of config.parameters.assignments.assignments) {
		if (!(assignment.name in values)) throw new Error(`baseline Config has an unknown field ${assignment.name}`);
		assignment.value = values[assignment.name];
	}
	return workflow;
}

/** A BC route (as the simulator counts them) of the payment side: payment journals, their lines and posting, the customer ledger. */
const PAYMENT_SIDE = /customerPaymentJournals|customerPayments|journals\/Microsoft\.NAV\.post|journalLines|customerLedgerEntries/;
const paymentOperations = (byRoute: Record<string, number>) =>
	Object.entries(byRoute)
		.filter(([route]) => route !== 'POST $batch' && PAYMENT_SIDE.test(route))
		.reduce((sum, [, count]) => sum + count, 0);

const template = (file: string) => JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8'));
const postable = (invoices: any[]) =>
	invoices.filter((invoice) => invoice.active !== false && invoice.syncStatus === 'Posted' && invoice.items.length > 0 && Decimal.parse(invoice.total).sign() > 0).length;
const posted = (records: any[], prefix: string) => records.filter((record) => String(record.externalDocumentNumber).startsWith(prefix) && record.status !== 'Draft').length;

/** Why a run did not succeed (node and error, or n8n's last log lines), or null when it did. */
function failureOf(result: any): string | null {
	const { status, error, lastNodeExecuted } = result.summary;
	if (status === 'success') return null;
	if (error) return `node "${error.node?.name ?? lastNodeExecuted ?? '?'}": ${error.message}${error.description ? ` (${error.description})` : ''}`;
	const exit = `n8n execute ${result.timedOut ? 'timed out' : `exited ${result.exitCode ?? result.signal}`}, stored status ${status ?? 'none'}`;
	return `${exit}; its last log lines:\n${result.logTail}\n${result.stderrTail}`;
}

async function execute(instance: any, id: string) {
	const result = await n8nCli.executeMeasured(instance, id);
	return { ...result, failure: failureOf(result) };
}

/**
 * One measured run of one flow against fresh simulators in a fresh copy of the n8n user folder:
 * the package (customers template, then the invoices-and-payments backfill, measured) or the baseline.
 */
export async function measureRun(templateHome: string, flow: Flow, scenario: Scenario): Promise<RunFigures> {
	const sims = await startSimulators(scenario);
	const home = n8nCli.copyHome(templateHome);
	try {
		const { st, bc } = sims;
		const instance = n8nCli.cliInstance(home, { NODE_EXTRA_CA_CERTS: bc.caCertPath });
		let customersRun: RunFigures['customersRun'];
		if (flow === 'package') {
			await harness.importCredentials(instance, [serviceTitanCredential(st.url), businessCentralCredential(bc)]);
			await n8nCli.importWorkflows(instance, ['error-handler.json', 'servicetitan-to-business-central-customers.json', 'servicetitan-to-business-central-invoices-payments.json'].map(template));
			const customers = await execute(instance, CUSTOMERS);
			if (customers.failure) throw new Error(`the customers template failed: ${customers.failure}`);
			customersRun = {
				seconds: (customers.runMs ?? customers.wallMs) / 1000,
				bcRequests: bc.stats.apiRequests,
				bcOperations: bc.stats.operations,
				serviceTitanCalls: st.stats.requests,
				customersInBc: bc.list('customers').filter((customer: any) => String(customer.number).startsWith('ST-')).length,
			};
		} else {
			await n8nCli.importWorkflows(instance, [baselineWorkflow(sims)]);
		}
		const invoicesToPost = postable(st.state.invoices);
		st.resetStats();
		bc.resetStats();
		const run = await execute(instance, flow === 'package' ? INVOICES : BASELINE);
		const invoiceCount = posted(bc.list('salesInvoices'), 'ST-');
		const runSeconds = (run.runMs ?? run.wallMs) / 1000;
		const perInvoice = (value: number) => (invoiceCount ? value / invoiceCount : Infinity);
		const creditMemosPosted = posted(bc.list('salesCreditMemos'), 'ST-');
		const paymentsPosted = bc.customerLedger().filter((entry: any) => entry.documentType === 'Payment').length;
		const paymentSide = paymentOperations(bc.stats.byRoute);
		return {
			flow,
			...scenario,
			failure: run.failure,
			note: run.failure || run.printedRun ? undefined : `n8n execute could not print the run (${Math.round(run.summary.jsonSizeBytes / MB)} MB as n8n stored it), so its status was read from n8n's database; n8n said: ${run.logTail.replace(/\n/g, ' | ')}`,
			executionDataMiB: run.summary.jsonSizeBytes / MB,
			posted: invoiceCount,
			postable: invoicesToPost,
			creditMemosPosted,
			paymentsPosted,
			runSeconds,
			wallSeconds: run.wallMs / 1000,
			invoicesPerSecond: invoiceCount / runSeconds,
			bcRequests: bc.stats.apiRequests,
			bcOperations: bc.stats.operations,
			bcRequestsPerPostedInvoice: perInvoice(bc.stats.apiRequests),
			bcOperationsPerPostedInvoice: perInvoice(bc.stats.operations),
			bcPaymentOperations: paymentSide,
			bcOperationsPerPostedDocument: bc.stats.operations / Math.max(1, invoiceCount + creditMemosPosted + paymentsPosted),
			bcInvoiceSideOperationsPerPostedInvoice: perInvoice(bc.stats.operations - paymentSide),
			bcPeakConcurrency: bc.stats.peakConcurrent,
			bcThrottled: bc.stats.throttled,
			serviceTitanCalls: st.stats.requests,
			serviceTitanCallsPerInvoice: st.stats.requests / scenario.invoices,
			serviceTitanCallsByRoute: { ...st.stats.byRoute },
			bcByRoute: { ...bc.stats.byRoute },
			peakRssMiB: run.peakRssBytes / MB,
			peakRssMeasuredAtExit: run.peakRssMeasuredAtExit,
			peakRssBeforePrintMiB: run.peakRssBeforePrintBytes === null ? null : run.peakRssBeforePrintBytes / MB,
			taskRunnerPeakRssMiB: run.taskRunnerPeakRssBytes === null ? null : run.taskRunnerPeakRssBytes / MB,
			processTreePeakRssMiB: run.treePeakRssBytes / MB,
			customersRun,
		};
	} finally {
		harness.removeTempDir(home); // n8n's database holds the credentials
		await sims.close();
	}
}
