import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ArInvoice, Payment } from '../../canonical';
import { lookupMapping, type MappingTable } from '../../mapping';
import { readMappingTable } from '../../mappingParameters';
import { Decimal } from '../../money';
import { referenceKey } from '../keys';
import { businessUnitMapping } from '../parameters';
import { parseDimensionTarget } from '../dimensions';
import { readSource } from '../source';
import type { ErpVocabulary } from '../vocabulary';
import type { ReconcileAdapter } from './adapter';
import { reconciliationReport, type ServiceTitanSide, type UnreadableItem } from './report';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const show = { show: { resource: ['sync'], operation: ['reconcile'] } };

export const reconcileProperties: INodeProperties[] = [
	{
		displayName: 'ServiceTitan Invoices and Payments',
		name: 'source',
		type: 'json',
		default: '={{ $json }}',
		description: 'Each input item is one ServiceTitan invoice or payment of the period (the Normalize output or a raw ServiceTitan record)',
		displayOptions: show,
	},
	{ displayName: 'Period Start', name: 'periodStart', type: 'string', default: '', placeholder: '2026-10-01', required: true, displayOptions: show },
	{ displayName: 'Period End', name: 'periodEnd', type: 'string', default: '', placeholder: '2026-10-31', required: true, description: 'Inclusive', displayOptions: show },
];

function dateParameter(context: IExecuteFunctions, name: string, label: string): string {
	const value = String(context.getNodeParameter(name, 0, '')).slice(0, 10);
	if (!DATE.test(value)) throw new NodeOperationError(context.getNode(), `${label} must be a date (YYYY-MM-DD), got "${value}"`);
	return value;
}

/** The value of the reconciled dimension a business unit maps to (the first one of a set of several). */
function dimensionValueOf(businessUnitId: string | undefined, mappedTarget: unknown, table: MappingTable | undefined, dimensionCode: string): string {
	const target = typeof mappedTarget === 'string' ? mappedTarget : businessUnitId && table ? lookupMapping(table, businessUnitId) : undefined;
	if (!target) return `(unmapped business unit ${businessUnitId ?? 'none'})`;
	const values = parseDimensionTarget(target, dimensionCode);
	return (values.find((value) => value.code === dimensionCode) ?? values[0]).value;
}

function recordOf(json: IDataObject): IDataObject {
	const data = json.data;
	return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : json;
}

/** A held item from Normalize says what it was; a raw record shows it by its fields. */
function isPayment(json: IDataObject): boolean {
	const held = json.details as IDataObject | undefined;
	if (typeof held?.recordType === 'string') return held.recordType === 'payment';
	if (typeof json.recordType === 'string') return json.recordType === 'payment';
	return Array.isArray(recordOf(json).appliedTo);
}

/**
 * What is known of an invoice that cannot be converted (edited so its lines no longer add up):
 * Normalize's hold names its ID, number, total and business unit; a raw record shows them itself.
 */
function unreadableInvoice(itemIndex: number, reason: string, json: IDataObject, table: MappingTable | undefined, dimensionCode: string): UnreadableItem {
	const held = (json.details as IDataObject | undefined) ?? {};
	const raw = recordOf(json);
	const id = held.recordId ?? raw.id;
	const number = held.number ?? raw.number;
	const total = held.amount ?? raw.total;
	const businessUnit = held.businessUnit ?? (raw.businessUnit as IDataObject | undefined)?.id;
	const item: UnreadableItem = { item: itemIndex, reason: typeof json.error === 'string' ? json.error : reason };
	if (id !== undefined && id !== null) {
		item.externalDocumentNumber = referenceKey.invoice(String(id));
		item.recordId = String(id);
	}
	if (number !== undefined && number !== null) item.number = String(number);
	try {
		if (total !== undefined && total !== null) item.total = Decimal.parse(total as string).toFixed(2);
	} catch {
		// no readable total: listed, not counted
	}
	if (typeof raw.invoiceDate === 'string') item.invoiceDate = raw.invoiceDate.slice(0, 10);
	if (businessUnit !== undefined && businessUnit !== null) {
		item.businessUnit = String(businessUnit);
		item.dimensionValue = dimensionValueOf(String(businessUnit), undefined, table, dimensionCode);
	}
	return item;
}

/** The month-end report for any ERP: ServiceTitan's invoices and payments of the period against the ERP's. */
export async function reconcile(context: IExecuteFunctions, adapter: ReconcileAdapter, vocabulary: ErpVocabulary, erpLabel: string): Promise<IDataObject> {
	const start = dateParameter(context, 'periodStart', 'Period Start');
	const end = dateParameter(context, 'periodEnd', 'Period End');
	const dimensionCode = (context.getNodeParameter('dimensionCode', 0, vocabulary.defaultDimensionCode) as string).trim().toUpperCase();
	const table = readMappingTable(context, 0, businessUnitMapping(vocabulary));
	const inPeriod = (date: string) => date >= start && date <= end;
	const side: ServiceTitanSide = { invoices: [], payments: [], unreadable: [] };
	context.getInputData().forEach((item, itemIndex) => {
		const payment = isPayment(item.json);
		try {
			if (payment) {
				const { document, mapped } = readSource(context, itemIndex, 'payment');
				if (inPeriod(document.date)) side.payments.push({ payment: document as Payment, dimensionValue: dimensionValueOf(document.businessUnit?.id, mapped.businessUnit, table, dimensionCode) });
				return;
			}
			const { document, mapped } = readSource(context, itemIndex, 'invoice');
			if (!document.active || !inPeriod(document.invoiceDate)) return;
			side.invoices.push({ invoice: document as ArInvoice, dimensionValue: dimensionValueOf(document.businessUnit.id, mapped.businessUnit, table, dimensionCode) });
		} catch (error) {
			const reason = (error as Error).message;
			if (payment) side.unreadable.push({ item: itemIndex, reason });
			else {
				const unreadable = unreadableInvoice(itemIndex, reason, item.json, table, dimensionCode);
				if (!unreadable.invoiceDate || inPeriod(String(unreadable.invoiceDate))) side.unreadable.push(unreadable);
			}
		}
	});
	const [documents, entries] = await Promise.all([adapter.salesDocuments(start, end, dimensionCode), adapter.paymentEntries(start, end)]);
	return reconciliationReport({ start, end }, dimensionCode, erpLabel, side, documents, entries);
}
