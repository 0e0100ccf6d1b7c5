import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { RunFigures } from './measure';

const fixed = (value: number | null | undefined, digits: number) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));

const COLUMNS: Array<[string, (run: RunFigures) => string]> = [
	['flow', (run) => run.flow],
	['result', (run) => (run.failure ? 'FAILED' : 'ok')],
	['invoices', (run) => String(run.invoices)],
	['BC ms', (run) => String(run.latencyMs)],
	['posted', (run) => String(run.posted)],
	['run s', (run) => fixed(run.runSeconds, 1)],
	['customers s', (run) => fixed(run.customersRun?.seconds, 1)],
	['inv/s', (run) => fixed(run.invoicesPerSecond, 1)],
	['BC req/inv', (run) => fixed(run.bcRequestsPerPostedInvoice, 2)],
	['BC ops/inv', (run) => fixed(run.bcOperationsPerPostedInvoice, 2)],
	['ops/doc', (run) => fixed(run.bcOperationsPerPostedDocument, 2)],
	['inv-side ops/inv', (run) => fixed(run.bcInvoiceSideOperationsPerPostedInvoice, 2)],
	['payment ops', (run) => String(run.bcPaymentOperations ?? '–')],
	['ST calls/inv', (run) => fixed(run.serviceTitanCallsPerInvoice, 3)],
	['BC peak conc.', (run) => String(run.bcPeakConcurrency)],
	['peak RSS MiB', (run) => fixed(run.peakRssMiB, 0)],
	['before print', (run) => fixed(run.peakRssBeforePrintMiB, 0)],
	['payments', (run) => String(run.paymentsPosted)],
	['credit memos', (run) => String(run.creditMemosPosted)],
];

/** A plain-text table of every run, one line each. */
export function table(runs: RunFigures[]): string {
	const rows = [COLUMNS.map(([title]) => title), ...runs.map((run) => COLUMNS.map(([, cell]) => cell(run)))];
	const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
	return [line(rows[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/**
 * Where the figures are written: BENCH_RESULTS_FILE, else the temp folder the jest run started from
 * (the run's own temp folder is removed when jest ends).
 */
export function resultsFile(): string {
	if (process.env.BENCH_RESULTS_FILE) return process.env.BENCH_RESULTS_FILE;
	const before = JSON.parse(process.env.ML_CONNECTOR_TMP_BEFORE ?? 'null');
	const base = before ? (before.TMPDIR ?? before.TMP ?? before.TEMP ?? '/tmp') : tmpdir();
	return join(base, 'ml-connector-bench', 'end-to-end.json');
}

export function writeResults(file: string, content: object) {
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}
