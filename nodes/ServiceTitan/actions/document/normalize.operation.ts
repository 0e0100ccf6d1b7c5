import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toCanonical } from '../../canonical/fromServiceTitan';
import { heldRawRecord, heldRecord, holdForDataProblem } from '../../../shared/hold';
import type { ItemOutcome } from '../../../shared/items';
import { mappingProperties, readMappingTable } from '../../../shared/mappingParameters';
import type { ServiceTitanClient } from '../../transport';
import { readByIds, RECORD_LOOKUPS, type RecordsById } from '../shared/byIds';
import type { CanonicalRecordType } from '../shared/canonical';
import { readEntries } from '../shared/itemEntries';
import { showFor, type Operation } from '../shared/operation';
import { readInputRecord, type InputRecord } from './input';
import { mapDocument } from './mappings';

const show = showFor('document', 'normalize');

export const businessUnitMapping = {
	name: 'businessUnitMap',
	tableName: 'Business Unit → Dimension',
	fromLabel: 'ServiceTitan Business Unit ID',
	toLabel: 'ERP Dimension Value',
	displayOptions: show,
};

export const glAccountMapping = {
	name: 'glAccountMap',
	tableName: 'GL Account → ERP Account',
	fromLabel: 'ServiceTitan GL Account Number (or Item Type)',
	toLabel: 'ERP Account',
	displayOptions: show,
};

export const normalize: Operation = {
	description: [
		{
			displayName: 'Record Type',
			name: 'recordType',
			type: 'options',
			default: 'auto',
			displayOptions: show,
			options: [
				{ name: 'Customer', value: 'customer' },
				{ name: 'Detect', value: 'auto', description: 'From the trigger\'s event type, or from the record\'s fields' },
				{ name: 'Inventory Bill', value: 'inventoryBill' },
				{ name: 'Invoice', value: 'invoice' },
				{ name: 'Payment', value: 'payment' },
				{ name: 'Vendor', value: 'vendor' },
			],
		},
		{
			displayName: 'Record Field',
			name: 'recordField',
			type: 'string',
			default: '',
			placeholder: 'data',
			description: 'Dot path of the ServiceTitan record in the input item. Empty: the item itself, or its `data` field when it comes from the ServiceTitan Trigger.',
			displayOptions: show,
		},
		{
			displayName: 'Read Current Version From ServiceTitan',
			name: 'refetch',
			type: 'boolean',
			default: true,
			description:
				'Whether to read records by ID before converting them, so a webhook payload only says what changed and never what to post. Records are read 50 per call.',
			displayOptions: show,
		},
		{
			displayName: 'Records to Read Again',
			name: 'refetchScope',
			type: 'options',
			default: 'notifications',
			displayOptions: { show: { ...show.show, refetch: [true] } },
			options: [
				{
					name: 'Notifications Only',
					value: 'notifications',
					description:
						'Webhook deliveries, and items that carry only an ID. Records as the API returned them (Export Feed, Get, Get Many) are converted as they are.',
				},
				{ name: 'Every Record', value: 'all', description: 'Also records just read from the API' },
			],
		},
		...mappingProperties(businessUnitMapping),
		...mappingProperties(glAccountMapping),
		{
			displayName: 'Customer Number Rule',
			name: 'customerNumberRule',
			type: 'string',
			default: 'ST-{id}',
			description: 'Template for the ERP customer number made from the ServiceTitan customer',
			hint: 'Placeholders: {id}, {name}',
			displayOptions: show,
		},
		{
			displayName: 'Vendor Number Rule',
			name: 'vendorNumberRule',
			type: 'string',
			default: 'ST-{id}',
			description: 'Template for the ERP vendor number made from the ServiceTitan vendor',
			hint: 'Placeholders: {id}, {name}',
			displayOptions: show,
		},
	],
	async executeAll(this: IExecuteFunctions, client: ServiceTitanClient) {
		const { entries: inputs, failed } = readEntries(this, (itemIndex) => readInputRecord(this, itemIndex));
		const outcomes: ItemOutcome[] = [...failed];
		const current = await readCurrentVersions(client, inputs);
		for (const input of inputs) {
			try {
				outcomes.push({ itemIndex: input.itemIndex, json: normalizeRecord(this, input, current) });
			} catch (error) {
				outcomes.push({ itemIndex: input.itemIndex, error });
			}
		}
		return outcomes;
	},
};

/** The records to read again, by kind, up to 50 IDs per call. */
async function readCurrentVersions(client: ServiceTitanClient, inputs: InputRecord[]): Promise<Map<CanonicalRecordType, RecordsById>> {
	const idsByType = new Map<CanonicalRecordType, string[]>();
	for (const input of inputs.filter((candidate) => candidate.read)) {
		const ids = idsByType.get(input.type) ?? [];
		ids.push(input.id);
		idsByType.set(input.type, ids);
	}
	const current = new Map<CanonicalRecordType, RecordsById>();
	for (const [type, ids] of idsByType) current.set(type, await readByIds(client, RECORD_LOOKUPS[type], ids));
	return current;
}

function currentRecord(context: IExecuteFunctions, input: InputRecord, current: Map<CanonicalRecordType, RecordsById>): IDataObject {
	if (!input.read) return input.record;
	const found = current.get(input.type);
	if (found?.failures.has(input.id)) throw found.failures.get(input.id);
	const record = found?.records.get(input.id);
	if (!record) {
		throw new NodeOperationError(context.getNode(), `ServiceTitan has no ${input.type} with ID ${input.id}`, {
			itemIndex: input.itemIndex,
			description: 'It may have been deleted or made inactive after the event was sent; nothing was posted for it.',
		});
	}
	return record;
}

/** One record → canonical document + mappings; a record that cannot be read or mapped is held. */
function normalizeRecord(context: IExecuteFunctions, input: InputRecord, current: Map<CanonicalRecordType, RecordsById>): IDataObject {
	const { itemIndex, item, type, id } = input;
	const record = currentRecord(context, input, current);
	const mappings = {
		businessUnit: readMappingTable(context, itemIndex, businessUnitMapping),
		glAccount: readMappingTable(context, itemIndex, glAccountMapping),
		customerNumberRule: context.getNodeParameter('customerNumberRule', itemIndex, 'ST-{id}') as string,
		vendorNumberRule: context.getNodeParameter('vendorNumberRule', itemIndex, 'ST-{id}') as string,
	};
	// The error item names the record, its number and amount.
	let document;
	try {
		document = toCanonical(type, record);
	} catch (error) {
		throw holdForDataProblem(context.getNode(), itemIndex, heldRawRecord('servicetitan', type, record), error);
	}
	let mapped;
	try {
		mapped = mapDocument(type, document, mappings);
	} catch (error) {
		throw holdForDataProblem(context.getNode(), itemIndex, heldRecord(document), error);
	}
	const doc = document as unknown as IDataObject;
	return {
		recordType: type,
		recordId: id,
		key: doc.key,
		externalDocumentNumber: doc.externalDocumentNumber ?? null,
		eventId: item.eventId ?? null,
		document: doc,
		mapped,
	};
}
