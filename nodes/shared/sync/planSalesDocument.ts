import type { IDataObject, INode } from 'n8n-workflow';

import type { ArInvoice } from '../canonical';
import { heldRecord, HoldError } from '../hold';
import { applyNamingRule, resolveMapping, type MappingTable } from '../mapping';
import { Decimal } from '../money';
import type { DimensionValue, PlannedLine, SalesDocumentPlan } from './documents';
import { parseDimensionTarget } from './dimensions';
import { referenceKey } from './keys';

export interface SalesPlanSettings {
	system: string;
	customerNumberRule: string;
	/** The longest customer number the ERP takes. */
	customerNumberLength: number;
	/** The dimension a plain mapping value belongs to (e.g. DEPARTMENT). */
	dimensionCode: string;
	businessUnitTable?: MappingTable;
	accountTable?: MappingTable;
	taxAccount: string;
}

/** What ServiceTitan's Normalize operation already mapped for this document. */
export interface MappedValues {
	customerNumber?: string;
	businessUnit?: string;
	lines?: Array<{ lineNumber: number; account: string }>;
}

function hold(node: INode, itemIndex: number, invoice: ArInvoice, code: HoldError['held']['code'], reason: string, fix: string): HoldError {
	return new HoldError(node, itemIndex, { ...heldRecord(invoice), code, reason, fix });
}

function dimensionsFor(node: INode, itemIndex: number, invoice: ArInvoice, mapped: MappedValues, settings: SalesPlanSettings): DimensionValue[] {
	let target = mapped.businessUnit;
	if (!target) {
		if (!settings.businessUnitTable) {
			throw hold(node, itemIndex, invoice, 'unmapped', 'no business unit mapping', 'Set the "Business Unit → Dimensions" mapping on this node or on the Normalize operation.');
		}
		const unit = invoice.businessUnit;
		target = resolveMapping(settings.businessUnitTable, unit.id, {
			recordType: 'invoice',
			recordId: invoice.id,
			field: 'businessUnit',
			label: unit.name ? `${unit.id} ("${unit.name}")` : unit.id,
		});
	}
	try {
		return parseDimensionTarget(target, settings.dimensionCode);
	} catch (error) {
		throw hold(node, itemIndex, invoice, 'unmapped', (error as Error).message, 'Correct the row of the "Business Unit → Dimensions" mapping.');
	}
}

function accountFor(invoice: ArInvoice, line: ArInvoice['lines'][number], mapped: MappedValues, settings: SalesPlanSettings): string {
	const fromNormalize = mapped.lines?.find((entry) => entry.lineNumber === line.lineNumber)?.account;
	if (fromNormalize) return fromNormalize;
	const key = line.glAccount?.number ?? line.glAccount?.name ?? line.type;
	const label = line.glAccount?.name ? `${key} ("${line.glAccount.name}")` : String(key);
	if (!settings.accountTable) {
		return resolveMapping({ name: 'GL Account → G/L Account', entries: new Map() }, key, { recordType: 'invoice', recordId: invoice.id, field: `lines[${line.lineNumber}].glAccount`, label });
	}
	return resolveMapping(settings.accountTable, key, { recordType: 'invoice', recordId: invoice.id, field: `lines[${line.lineNumber}].glAccount`, label });
}

/**
 * Lines that add up to ServiceTitan's total to the cent: a line keeps quantity × unit price when
 * that gives its amount, otherwise it becomes 1 × the amount; ServiceTitan's tax is its own line.
 * `sign` -1 turns an adjustment's lines into credit memo lines.
 */
function plannedLines(invoice: ArInvoice, mapped: MappedValues, settings: SalesPlanSettings, sign: 1 | -1): PlannedLine[] {
	const lines: PlannedLine[] = [];
	for (const line of invoice.lines) {
		const amount = Decimal.parse(line.amount).mul(sign);
		const quantity = Decimal.parse(line.quantity);
		const unitPrice = Decimal.parse(line.unitPrice).mul(sign);
		if (amount.isZero() && quantity.isZero()) continue;
		const exact = !quantity.isZero() && quantity.mul(unitPrice).round(2).eq(amount);
		lines.push({
			account: accountFor(invoice, line, mapped, settings),
			description: (line.description || line.sku?.name || line.type).slice(0, 100),
			quantity: exact ? quantity.toString() : '1',
			unitPrice: exact ? unitPrice.toString() : amount.toFixed(2),
			amount: amount.toFixed(2),
		});
	}
	const tax = Decimal.parse(invoice.tax.amount).mul(sign);
	if (!tax.isZero()) {
		lines.push({
			account: settings.taxAccount,
			description: `Sales tax${invoice.tax.code?.name ? ` ${invoice.tax.code.name}` : ''}`.slice(0, 100),
			quantity: '1',
			unitPrice: tax.toFixed(2),
			amount: tax.toFixed(2),
		});
	}
	return lines;
}

export function linesTotal(lines: PlannedLine[]): Decimal {
	return lines.reduce((sum, line) => sum.add(Decimal.parse(line.quantity).mul(line.unitPrice).round(2)), Decimal.ZERO);
}

/**
 * The ERP-neutral plan of one ServiceTitan invoice: a sales invoice, or for an adjustment with a
 * negative total a credit memo applied to the invoice it adjusts; or a hold that says why not.
 * Returns undefined for a $0 invoice without lines (nothing to post).
 */
export function planSalesDocument(node: INode, itemIndex: number, invoice: ArInvoice, mapped: MappedValues, settings: SalesPlanSettings): SalesDocumentPlan | undefined {
	if (!invoice.active) {
		throw hold(node, itemIndex, invoice, 'inactive', 'voided in ServiceTitan', `Nothing was posted. If it was posted earlier, reverse it in ${settings.system} with a credit memo.`);
	}
	const total = Decimal.parse(invoice.total);
	const sign = total.sign() < 0 ? -1 : 1;
	const customerNumber = String(mapped.customerNumber ?? applyNamingRule(settings.customerNumberRule, { id: invoice.customer.id, name: invoice.customer.name ?? '' }, settings.customerNumberLength));
	const dimensions = dimensionsFor(node, itemIndex, invoice, mapped, settings);
	const lines = plannedLines(invoice, mapped, settings, sign);
	if (lines.length === 0) return undefined;
	const expected = total.mul(sign);
	if (!linesTotal(lines).eq(expected)) {
		throw hold(node, itemIndex, invoice, 'totals-differ', `the lines add up to ${linesTotal(lines).mul(sign).toFixed(2)}, not the total ${invoice.total}`, 'Check the invoice in ServiceTitan; nothing was posted.');
	}
	return {
		kind: sign < 0 ? 'creditMemo' : 'invoice',
		key: invoice.externalDocumentNumber,
		serviceTitanId: invoice.id,
		serviceTitanNumber: invoice.number,
		customerNumber,
		documentDate: invoice.invoiceDate,
		...(invoice.dueDate ? { dueDate: invoice.dueDate } : {}),
		dimensions,
		lines,
		total: expected.toFixed(2),
		...(sign < 0 && invoice.adjustmentToId ? { appliesToKey: referenceKey.invoice(invoice.adjustmentToId) } : {}),
	};
}

/** Normalize's `mapped` object, read defensively (it comes through an n8n item). */
export function mappedValues(mapped: IDataObject): MappedValues {
	return {
		customerNumber: typeof mapped.customerNumber === 'string' ? mapped.customerNumber : undefined,
		businessUnit: typeof mapped.businessUnit === 'string' ? mapped.businessUnit : undefined,
		lines: Array.isArray(mapped.lines) ? (mapped.lines as Array<{ lineNumber: number; account: string }>) : undefined,
	};
}
