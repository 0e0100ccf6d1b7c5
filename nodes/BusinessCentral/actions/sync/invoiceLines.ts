import type { IDataObject } from 'n8n-workflow';

import type { ArInvoice } from '../../../shared/canonical';
import { MappingError, resolveMapping, type MappingTable } from '../../../shared/mapping';
import { Decimal } from '../../../shared/money';

export interface LineAccounts {
	/** Accounts the Normalize operation already mapped, by line number. */
	mapped?: Array<{ lineNumber: number; account: string }>;
	table?: MappingTable;
	taxAccount: string;
}

function accountFor(invoice: ArInvoice, line: ArInvoice['lines'][number], accounts: LineAccounts): string {
	const fromNormalize = accounts.mapped?.find((entry) => entry.lineNumber === line.lineNumber)?.account;
	if (fromNormalize) return fromNormalize;
	const key = line.glAccount?.number ?? line.glAccount?.name ?? line.type;
	if (!accounts.table) {
		const fix = 'Set the "GL Account → G/L Account" mapping here or in the Normalize operation.';
		throw new MappingError(`Invoice ${invoice.number} line ${line.lineNumber} (ServiceTitan GL account ${key}) has no Business Central G/L account. ${fix}`, {
			code: 'unmapped',
			table: 'GL Account → G/L Account',
			value: String(key),
			recordType: 'invoice',
			recordId: invoice.id,
			field: `lines[${line.lineNumber}].glAccount`,
			fix,
		});
	}
	return resolveMapping(accounts.table, key, {
		recordType: 'invoice',
		recordId: invoice.id,
		field: `lines[${line.lineNumber}].glAccount`,
		label: line.glAccount?.name ? `${key} ("${line.glAccount.name}")` : String(key),
	});
}

/**
 * Sales invoice lines that add up to the ServiceTitan total to the cent: each ServiceTitan line
 * keeps its quantity and unit price when BC's quantity × price gives the same amount, otherwise it
 * becomes 1 × the line amount; ServiceTitan's tax is its own line to the sales-tax account.
 * An amount a JSON number cannot carry exactly throws a MoneyError naming the line.
 */
export function invoiceLines(invoice: ArInvoice, accounts: LineAccounts): IDataObject[] {
	const lines: IDataObject[] = [];
	for (const line of invoice.lines) {
		const amount = Decimal.parse(line.amount);
		const quantity = Decimal.parse(line.quantity);
		const unitPrice = Decimal.parse(line.unitPrice);
		if (amount.isZero() && quantity.isZero()) continue;
		const exact = !quantity.isZero() && quantity.mul(unitPrice).round(2).eq(amount);
		lines.push({
			lineType: 'Account',
			lineObjectNumber: accountFor(invoice, line, accounts),
			description: (line.description || line.sku?.name || line.type).slice(0, 100),
			quantity: exact ? quantity.toNumber(`line ${line.lineNumber} quantity`) : 1,
			unitPrice: exact ? unitPrice.toNumber(`line ${line.lineNumber} unit price`) : amount.toNumber(`line ${line.lineNumber} amount`),
		});
	}
	const tax = Decimal.parse(invoice.tax.amount);
	if (!tax.isZero()) {
		lines.push({
			lineType: 'Account',
			lineObjectNumber: accounts.taxAccount,
			description: `Sales tax${invoice.tax.code ? ` ${invoice.tax.code}` : ''}`.slice(0, 100),
			quantity: 1,
			unitPrice: tax.toNumber('sales tax'),
		});
	}
	return lines;
}

/** Σ quantity × unit price of the lines we send, rounded per line as BC does. */
export function linesTotal(lines: IDataObject[]): Decimal {
	return lines.reduce(
		(sum, line) => sum.add(Decimal.parse(line.quantity as number).mul(Decimal.parse(line.unitPrice as number)).round(2)),
		Decimal.ZERO,
	);
}
