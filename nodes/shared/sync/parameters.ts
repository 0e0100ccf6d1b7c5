import type { INodeProperties } from 'n8n-workflow';

import { mappingProperties, type MappingParameterSpec } from '../mappingParameters';
import { DEFAULT_PARTY_NUMBER_RULE } from './keys';
import type { ErpVocabulary } from './vocabulary';

export const SYNC_RESOURCE = 'sync';
const show = (operations: string[]) => ({ show: { resource: [SYNC_RESOURCE], operation: operations } });

export const SALES_OPS = ['postInvoice'];
export const PAYMENT_OPS = ['postPayment'];
export const WRITE_OPS = ['upsertCustomer', 'postInvoice', 'postPayment'];

export function businessUnitMapping(vocabulary: ErpVocabulary): MappingParameterSpec {
	return {
		name: 'businessUnitMap',
		tableName: `Business Unit → ${vocabulary.dimensionLabel}`,
		fromLabel: 'ServiceTitan Business Unit ID',
		toLabel: `${vocabulary.system} ${vocabulary.dimensionLabel} (or CODE=VALUE; CODE=VALUE)`,
		displayOptions: show(['postInvoice', 'reconcile']),
	};
}

export function glAccountMapping(vocabulary: ErpVocabulary): MappingParameterSpec {
	return {
		name: 'glAccountMap',
		tableName: 'GL Account → G/L Account',
		fromLabel: 'ServiceTitan GL Account Number (or Item Type)',
		toLabel: `${vocabulary.system} ${vocabulary.accountLabel}`,
		displayOptions: show(SALES_OPS),
	};
}

/** The parameters every ERP's sync operations share, in that ERP's words; each shown once. */
export function syncParameters(vocabulary: ErpVocabulary): INodeProperties[] {
	// Literal defaults for n8n's lint; each ERP's own defaults are set below.
	const erpDefaults: Record<string, string> = { dimensionCode: vocabulary.defaultDimensionCode, taxAccount: vocabulary.defaultTaxAccount };
	const properties: INodeProperties[] = [
		{
			displayName: 'Dimension Code',
			name: 'dimensionCode',
			type: 'string',
			default: 'DEPARTMENT',
			description: `The ${vocabulary.system} dimension a plain business unit mapping value belongs to; a mapping value like DEPARTMENT=HVAC; AREA=NORTH names its dimensions itself`,
			displayOptions: show(['postInvoice', 'reconcile']),
		},
		...mappingProperties(businessUnitMapping(vocabulary)),
		...mappingProperties(glAccountMapping(vocabulary)),
		{
			displayName: 'Sales Tax G/L Account',
			name: 'taxAccount',
			type: 'string',
			default: '2200',
			description: `ServiceTitan computes the tax; it is posted as its own line to this account so the ${vocabulary.system} total equals the ServiceTitan total to the cent`,
			displayOptions: show(SALES_OPS),
		},
		{
			displayName: 'Customer Payment Journal',
			name: 'journal',
			type: 'string',
			default: 'STPAYMENTS',
			description: 'Code of the customer payment journal whose balancing (bank) account the payments use; each run posts through a journal batch of its own (R + its creation time), removed once posted',
			displayOptions: show(PAYMENT_OPS),
		},
		{
			displayName: 'Post',
			name: 'post',
			type: 'boolean',
			default: true,
			description: 'Whether to post the document (or the payment journal) after creating it; otherwise it is left for a person to review and post',
			displayOptions: show(['postInvoice', 'postPayment']),
		},
		{
			displayName: 'Customer Number Rule',
			name: 'customerNumberRule',
			type: 'string',
			default: DEFAULT_PARTY_NUMBER_RULE,
			description: `${vocabulary.system} customer number made from the ServiceTitan customer, when the Normalize operation did not map it`,
			hint: 'Placeholders: {id}, {name}',
			displayOptions: show(['upsertCustomer', 'postInvoice', 'postPayment']),
		},
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: `Whether to only validate mappings, resolve the customer and dimensions, and return the exact ${vocabulary.system} payloads, writing nothing`,
			displayOptions: show(WRITE_OPS),
		},
	];
	return properties.map((property) => (property.name in erpDefaults ? { ...property, default: erpDefaults[property.name] } : property));
}
