import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Decimal, money, MoneyError } from '../../../shared/money';

/** The fields a user set (empty strings left out); money fields as exact decimals sent as JSON numbers. */
export function bodyFromFields(context: IExecuteFunctions, itemIndex: number, values: IDataObject, moneyFields: string[] = []): IDataObject {
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		if (value === undefined || value === null || value === '') continue;
		body[name] = moneyFields.includes(name) ? amount(context, itemIndex, value, name) : typeof value === 'string' ? value.trim() : value;
	}
	return body;
}

/** A money amount (at most 2 decimals) as the JSON number F&O's Edm.Decimal takes, exactly. */
export function amount(context: IExecuteFunctions, itemIndex: number, value: unknown, field: string): number {
	try {
		return money(value as string, field).toNumber(field);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex, description: error instanceof MoneyError ? 'Enter a decimal number such as 1850.00' : undefined });
	}
}

/** A quantity (any number of decimals) as a JSON number, exactly. */
export function quantity(context: IExecuteFunctions, itemIndex: number, value: unknown, field: string): number {
	try {
		return Decimal.parse(value as string, field).toNumber(field);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex, description: 'Enter a decimal number such as 1 or 2.5' });
	}
}

/** An F&O date-time (`Edm.DateTimeOffset`) from a date or date-time parameter; empty stays undefined. */
export function dateTime(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	if (!text) return undefined;
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T12:00:00Z`;
	const parsed = new Date(text);
	return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
