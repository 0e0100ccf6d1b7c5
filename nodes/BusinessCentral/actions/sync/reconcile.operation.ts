import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { takeRecords } from '../../../shared';
import type { ArInvoice } from '../../../shared/canonical';
import { lookupMapping } from '../../../shared/mapping';
import { readMappingTable } from '../../../shared/mappingParameters';
import { Decimal } from '../../../shared/money';
import type { BusinessCentralClient } from '../../transport';
import type { Operation } from '../shared/operation';
import { businessUnitMapping } from './parameters';
import { readSource } from '../../../shared/sync/source';

const show = { show: { resource: ['sync'], operation: ['reconcile'] } };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Posted sales invoices; drafts, invoices in review and canceled ones are listed, not totalled. */
const POSTED_STATUSES = new Set(['Open', 'Paid', 'Corrective']);

interface Bucket {
	dimensionValue: string;
	serviceTitanBusinessUnits: Set<string>;
	serviceTitan: Decimal;
	serviceTitanCount: number;
	businessCentral: Decimal;
	businessCentralCount: number;
	missing: Decimal;
}

function bucket(buckets: Map<string, Bucket>, dimensionValue: string): Bucket {
	let entry = buckets.get(dimensionValue);
	if (!entry) {
		entry = { dimensionValue, serviceTitanBusinessUnits: new Set(), serviceTitan: Decimal.ZERO, serviceTitanCount: 0, businessCentral: Decimal.ZERO, businessCentralCount: 0, missing: Decimal.ZERO };
		buckets.set(dimensionValue, entry);
	}
	return entry;
}

function dateParameter(context: IExecuteFunctions, name: string, label: string): string {
	const value = String(context.getNodeParameter(name, 0, '')).slice(0, 10);
	if (!DATE.test(value)) throw new NodeOperationError(context.getNode(), `${label} must be a date (YYYY-MM-DD), got "${value}"`);
	return value;
}

/**
 * The month-end report: ServiceTitan invoices of a period (the input items) against the posted
 * Business Central sales invoices that carry a ServiceTitan reference, totalled per business unit
 * dimension to the cent, with the documents missing on either side.
 */
export const reconcile: Operation = {
	aggregate: true,
	description: [
		{
			displayName: 'ServiceTitan Invoices',
			name: 'source',
			type: 'json',
			default: '={{ $json }}',
			description: 'Each input item is one ServiceTitan invoice of the period (the Normalize output or a raw ServiceTitan invoice)',
			displayOptions: show,
		},
		{ displayName: 'Period Start', name: 'periodStart', type: 'string', default: '', placeholder: '2026-10-01', required: true, displayOptions: show },
		{ displayName: 'Period End', name: 'periodEnd', type: 'string', default: '', placeholder: '2026-10-31', required: true, description: 'Inclusive', displayOptions: show },
	],
	async execute(this: IExecuteFunctions, client: BusinessCentralClient) {
		const periodStart = dateParameter(this, 'periodStart', 'Period Start');
		const periodEnd = dateParameter(this, 'periodEnd', 'Period End');
		const dimensionCode = (this.getNodeParameter('dimensionCode', 0, 'DEPARTMENT') as string).trim().toUpperCase();
		const table = readMappingTable(this, 0, businessUnitMapping);
		const buckets = new Map<string, Bucket>();
		const serviceTitan = new Map<string, ArInvoice>();
		const bucketOf = new Map<string, Bucket>();
		const unreadable: IDataObject[] = [];

		this.getInputData().forEach((_, itemIndex) => {
			try {
				const { document, mapped } = readSource(this, itemIndex, 'invoice');
				if (!document.active || document.invoiceDate < periodStart || document.invoiceDate > periodEnd) return;
				// The same invoice may arrive twice (two versions from a feed): count it once.
				if (serviceTitan.has(document.externalDocumentNumber)) return;
				serviceTitan.set(document.externalDocumentNumber, document);
				const value = (mapped.businessUnit as string | undefined) ?? (table && lookupMapping(table, document.businessUnit.id)) ?? `(unmapped business unit ${document.businessUnit.id})`;
				const entry = bucket(buckets, value);
				bucketOf.set(document.externalDocumentNumber, entry);
				entry.serviceTitanBusinessUnits.add(`${document.businessUnit.id}${document.businessUnit.name ? ` ${document.businessUnit.name}` : ''}`);
				entry.serviceTitan = entry.serviceTitan.add(document.total);
				entry.serviceTitanCount++;
			} catch (error) {
				unreadable.push({ item: itemIndex, reason: (error as Error).message });
			}
		});

		const invoices = await takeRecords(
			client.pages<IDataObject>(await client.companyPath('salesInvoices'), {
				filter: `postingDate ge ${periodStart} and postingDate le ${periodEnd}`,
				expand: 'dimensionSetLines',
			}, 1000),
		);
		const posted = new Set<string>();
		const unknownToServiceTitan: IDataObject[] = [];
		const drafts: IDataObject[] = [];
		for (const invoice of invoices) {
			const reference = String(invoice.externalDocumentNumber ?? '');
			if (!reference.startsWith('ST-')) continue;
			if (!POSTED_STATUSES.has(String(invoice.status))) {
				drafts.push({ number: invoice.number, externalDocumentNumber: reference, status: invoice.status, total: invoice.totalAmountIncludingTax });
				continue;
			}
			posted.add(reference);
			if (!serviceTitan.has(reference)) {
				unknownToServiceTitan.push({ number: invoice.number, externalDocumentNumber: reference, postingDate: invoice.postingDate, total: invoice.totalAmountIncludingTax });
			}
			const dimension = ((invoice.dimensionSetLines as IDataObject[] | undefined) ?? []).find((line) => String(line.code).toUpperCase() === dimensionCode);
			const entry = bucket(buckets, dimension ? String(dimension.valueCode) : `(no ${dimensionCode})`);
			entry.businessCentral = entry.businessCentral.add(invoice.totalAmountIncludingTax as number);
			entry.businessCentralCount++;
		}

		// A $0 invoice without lines has nothing to post; it is not "missing" from the ledger.
		const missingInBusinessCentral = [...serviceTitan.values()]
			.filter((invoice) => !posted.has(invoice.externalDocumentNumber) && !Decimal.parse(invoice.total).isZero())
			.map((invoice) => {
				const entry = bucketOf.get(invoice.externalDocumentNumber)!;
				entry.missing = entry.missing.add(invoice.total);
				return invoice;
			})
			.map((invoice) => ({ serviceTitanInvoiceId: invoice.id, number: invoice.number, externalDocumentNumber: invoice.externalDocumentNumber, invoiceDate: invoice.invoiceDate, businessUnit: invoice.businessUnit.id, total: invoice.total }));
		const byBusinessUnit = [...buckets.values()]
			.sort((a, b) => a.dimensionValue.localeCompare(b.dimensionValue))
			.map((entry) => ({
				dimensionValue: entry.dimensionValue,
				serviceTitanBusinessUnits: [...entry.serviceTitanBusinessUnits].sort(),
				serviceTitanCount: entry.serviceTitanCount,
				serviceTitanTotal: entry.serviceTitan.toFixed(2),
				businessCentralCount: entry.businessCentralCount,
				businessCentralTotal: entry.businessCentral.toFixed(2),
				difference: entry.serviceTitan.sub(entry.businessCentral).toFixed(2),
				missingInBusinessCentralTotal: entry.missing.toFixed(2),
				// What the missing documents do not explain: anything but 0.00 needs a look.
				unexplainedDifference: entry.serviceTitan.sub(entry.businessCentral).sub(entry.missing).toFixed(2),
			}));
		const sum = (pick: (entry: Bucket) => Decimal) => [...buckets.values()].reduce((total, entry) => total.add(pick(entry)), Decimal.ZERO);
		return {
			periodStart,
			periodEnd,
			dimensionCode,
			balanced: missingInBusinessCentral.length === 0 && unknownToServiceTitan.length === 0 && byBusinessUnit.every((entry) => entry.difference === '0.00'),
			explained: byBusinessUnit.every((entry) => entry.unexplainedDifference === '0.00'),
			totals: {
				serviceTitan: sum((entry) => entry.serviceTitan).toFixed(2),
				businessCentral: sum((entry) => entry.businessCentral).toFixed(2),
				difference: sum((entry) => entry.serviceTitan.sub(entry.businessCentral)).toFixed(2),
			},
			byBusinessUnit,
			missingInBusinessCentral,
			unknownToServiceTitan,
			notPostedInBusinessCentral: drafts,
			unreadableItems: unreadable,
		};
	},
};
