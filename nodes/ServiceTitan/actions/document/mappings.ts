import type { IDataObject } from 'n8n-workflow';

import type { CanonicalDocument } from '../../../shared/canonical';
import { applyNamingRule, resolveMapping, type MappingTable } from '../../../shared/mapping';
import type { CanonicalRecordType } from '../shared/canonical';

export interface DocumentMappings {
	businessUnit?: MappingTable;
	glAccount?: MappingTable;
	customerNumberRule: string;
	vendorNumberRule: string;
}

interface Named {
	id: string;
	name?: string;
}

interface Line {
	lineNumber: number;
	type?: string;
	glAccount?: { id?: string; number?: string; name?: string };
}

function describe(ref: Named | undefined): string | undefined {
	return ref?.name ? `${ref.id} ("${ref.name}")` : ref?.id;
}

/** Applies the user's mapping tables and naming rules; an unmapped value throws a MappingError. */
export function mapDocument(type: CanonicalRecordType, document: CanonicalDocument, mappings: DocumentMappings): IDataObject {
	const doc = document as unknown as IDataObject & { id: string };
	const mapped: IDataObject = {};
	const context = (field: string) => ({ recordType: type, recordId: doc.id, field });

	// Invoices and bills are posted with the business unit's dimension; payments follow their invoices.
	const businessUnit = doc.businessUnit as Named | undefined;
	if (mappings.businessUnit && (type === 'invoice' || (type === 'inventoryBill' && businessUnit))) {
		mapped.businessUnit = resolveMapping(mappings.businessUnit, businessUnit?.id, {
			...context('businessUnit'),
			label: describe(businessUnit),
		});
	}
	const customer = doc.customer as Named | undefined;
	if (customer) mapped.customerNumber = applyNamingRule(mappings.customerNumberRule, { id: customer.id, name: customer.name ?? '' });
	if (type === 'customer') mapped.customerNumber = applyNamingRule(mappings.customerNumberRule, { id: doc.id, name: String(doc.name ?? '') });
	const vendor = doc.vendor as Named | undefined;
	if (vendor) mapped.vendorNumber = applyNamingRule(mappings.vendorNumberRule, { id: vendor.id, name: vendor.name ?? '' });
	if (type === 'vendor') mapped.vendorNumber = applyNamingRule(mappings.vendorNumberRule, { id: doc.id, name: String(doc.name ?? '') });

	const lines = doc.lines as Line[] | undefined;
	if (mappings.glAccount && lines) {
		mapped.lines = lines.map((line) => {
			const key = line.glAccount?.number ?? line.glAccount?.name ?? line.type;
			return {
				lineNumber: line.lineNumber,
				account: resolveMapping(mappings.glAccount!, key, {
					...context(`lines[${line.lineNumber}].glAccount`),
					label: line.glAccount?.name ? `${key} ("${line.glAccount.name}")` : key,
				}),
			};
		});
	}
	return mapped;
}
