import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ArInvoice } from '../../../shared/canonical';
import { applyNamingRule, resolveMapping } from '../../../shared/mapping';
import { readMappingTable } from '../../../shared/mappingParameters';
import { Decimal } from '../../../shared/money';
import type { BusinessCentralClient } from '../../transport';
import type { Operation } from '../shared/operation';
import { setDimensions } from '../shared/dimensionSetLines';
import { etagOf } from '../shared/records';
import { hold, holdingDataProblems } from './hold';
import { invoiceLines, linesTotal } from './invoiceLines';
import { accountMapping, businessUnitMapping } from './parameters';
import { invoicesWith, isPostedInvoice, postedDespite } from './salesInvoices';
import { readSource, sourceProperty } from './source';

interface Plan {
	invoice: ArInvoice;
	customerNumber: string;
	dimensionCode: string;
	dimensionValue: string;
	lines: IDataObject[];
}

function plan(context: IExecuteFunctions, itemIndex: number): Plan {
	const { document: invoice, mapped } = readSource(context, itemIndex, 'invoice');
	if (!invoice.active) {
		throw hold(context, itemIndex, invoice, 'inactive', 'it is inactive (voided)', 'Nothing was posted. If it was posted earlier, reverse it in Business Central with a credit memo.');
	}
	if (Decimal.parse(invoice.total).sign() < 0) {
		throw hold(
			context,
			itemIndex,
			invoice,
			'negative-amount',
			`it is an adjustment with a negative total (${invoice.total})`,
			'Business Central posts negative amounts as sales credit memos, which this version does not create: enter the credit memo in Business Central with external document number ' +
				`${invoice.externalDocumentNumber}, then mark the ServiceTitan invoice as exported.`,
		);
	}
	return holdingDataProblems(context, itemIndex, invoice, () => mappedPlan(context, itemIndex, invoice, mapped));
}

function mappedPlan(context: IExecuteFunctions, itemIndex: number, invoice: ArInvoice, mapped: IDataObject): Plan {
	const rule = context.getNodeParameter('customerNumberRule', itemIndex, 'ST-{id}') as string;
	const customerNumber = String(mapped.customerNumber ?? applyNamingRule(rule, { id: invoice.customer.id, name: invoice.customer.name ?? '' }, 20));
	const dimensionCode = (context.getNodeParameter('dimensionCode', itemIndex, 'DEPARTMENT') as string).trim();
	let dimensionValue = mapped.businessUnit as string | undefined;
	if (!dimensionValue) {
		const table = readMappingTable(context, itemIndex, businessUnitMapping);
		if (!table) {
			throw hold(context, itemIndex, invoice, 'unmapped', 'no business unit mapping', 'Set the "Business Unit → Dimension Value" mapping on this node or on the Normalize operation.');
		}
		const bu = invoice.businessUnit;
		dimensionValue = resolveMapping(table, bu.id, { recordType: 'invoice', recordId: invoice.id, field: 'businessUnit', label: bu.name ? `${bu.id} ("${bu.name}")` : bu.id });
	}
	const lines = invoiceLines(invoice, {
		mapped: mapped.lines as Array<{ lineNumber: number; account: string }> | undefined,
		table: readMappingTable(context, itemIndex, accountMapping),
		taxAccount: (context.getNodeParameter('taxAccount', itemIndex, '2200') as string).trim(),
	});
	if (!linesTotal(lines).eq(invoice.total)) {
		throw hold(context, itemIndex, invoice, 'totals-differ', `the lines add up to ${linesTotal(lines).toFixed(2)}, not the total ${invoice.total}`, 'Check the invoice in ServiceTitan; nothing was posted.');
	}
	return { invoice, customerNumber, dimensionCode, dimensionValue, lines };
}

function result(invoice: ArInvoice, action: string, record: IDataObject): IDataObject {
	return {
		action,
		serviceTitanInvoiceId: invoice.id,
		externalDocumentNumber: invoice.externalDocumentNumber,
		id: record.id,
		number: record.number,
		status: record.status,
		total: record.totalAmountIncludingTax,
	};
}

export const postInvoice: Operation = {
	description: [sourceProperty(['postInvoice'])],
	async execute(this: IExecuteFunctions, client: BusinessCentralClient, itemIndex: number) {
		const planned = plan(this, itemIndex);
		const { invoice } = planned;
		const invoicesPath = await client.companyPath('salesInvoices');
		const shouldPost = this.getNodeParameter('post', itemIndex, true) as boolean;

		if (planned.lines.length === 0) return { ...result(invoice, 'skipped', {}), reason: 'nothing to post: a $0 invoice without lines' };

		const customer = await client.findBy(await client.companyPath('customers'), 'number', planned.customerNumber);
		if (!customer) {
			throw hold(this, itemIndex, invoice, 'missing-in-erp', `customer ${planned.customerNumber} is not in Business Central yet`, 'Run the customers flow (ServiceTitan → Business Central: customers) first; this invoice posts on the next run.');
		}
		const header = {
			customerNumber: planned.customerNumber,
			externalDocumentNumber: invoice.externalDocumentNumber,
			invoiceDate: invoice.invoiceDate,
			postingDate: invoice.invoiceDate,
			...(invoice.dueDate ? { dueDate: invoice.dueDate } : {}),
		};
		if (this.getNodeParameter('dryRun', itemIndex, false) as boolean) {
			const existing = await client.findBy(invoicesPath, 'externalDocumentNumber', invoice.externalDocumentNumber);
			return {
				...result(invoice, existing ? 'exists' : 'create', existing ?? {}),
				dryRun: true,
				payload: { ...header, salesInvoiceLines: planned.lines },
				dimension: { code: planned.dimensionCode, valueCode: planned.dimensionValue },
			};
		}

		// Idempotent by external document number. A posted invoice is returned; drafts left by an
		// interrupted or held run are replaced, so what is posted always reflects today's data.
		const existing = await invoicesWith(client, invoicesPath, invoice.externalDocumentNumber);
		const posted = existing.find(isPostedInvoice);
		if (posted) return result(invoice, 'existing', posted);
		const blocked = existing.find((record) => record.status !== 'Draft');
		if (blocked) {
			throw hold(this, itemIndex, invoice, 'erp-status', `Business Central has it as ${String(blocked.number)} with status "${String(blocked.status)}"`, 'Finish (approve) or remove it in Business Central; nothing new was created.');
		}
		for (const draft of existing) await client.request('DELETE', `${invoicesPath}(${String(draft.id)})`, { etag: etagOf(draft, `draft sales invoice ${String(draft.number)}`) });
		const replaced = existing.length > 0;
		const created = await client.request<IDataObject>('POST', invoicesPath, { body: { ...header, salesInvoiceLines: planned.lines } });
		// Another run (a webhook and the backfill at once) may have created one too: the lowest number wins.
		const rivals = await invoicesWith(client, invoicesPath, invoice.externalDocumentNumber);
		const winner = rivals.find(isPostedInvoice) ?? [...rivals].sort((a, b) => String(a.number).localeCompare(String(b.number)))[0];
		if (winner && winner.id !== created.id) {
			await client.request('DELETE', `${invoicesPath}(${String(created.id)})`, { etag: etagOf(created, `draft sales invoice ${String(created.number)}`) });
			throw hold(this, itemIndex, invoice, 'concurrent-run', 'another run is posting it at the same moment', 'Nothing was duplicated; the other run posts it, and the next run marks it exported.');
		}
		const draftPath = `${invoicesPath}(${String(created.id)})`;
		await setDimensions(client, draftPath, [{ code: planned.dimensionCode, valueCode: planned.dimensionValue }]);
		const current = await client.request<IDataObject>('GET', draftPath);
		if (!Decimal.parse(current.totalAmountIncludingTax as number).eq(invoice.total)) {
			throw hold(
				this,
				itemIndex,
				invoice,
				'totals-differ',
				`Business Central computed ${String(current.totalAmountIncludingTax)} but ServiceTitan says ${invoice.total}`,
				`Draft ${String(current.number)} was left unposted in Business Central for review (the next run replaces it, never adds a second one). A customer or line set up to add tax in BC is the usual cause.`,
			);
		}
		if (!shouldPost) return result(invoice, replaced ? 'draftReplaced' : 'draftCreated', current);
		try {
			await client.request('POST', `${draftPath}/Microsoft.NAV.post`);
		} catch (error) {
			const postedAnyway = await postedDespite(this, client, itemIndex, invoice, invoicesPath, String(current.number), error);
			return result(invoice, replaced ? 'postedReplacingDraft' : 'posted', postedAnyway);
		}
		const postedInvoice = await client.request<IDataObject>('GET', draftPath);
		return result(invoice, replaced ? 'postedReplacingDraft' : 'posted', postedInvoice);
	},
};
