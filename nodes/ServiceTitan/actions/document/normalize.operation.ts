import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toCanonical } from '../../../shared/canonical';
import { heldRawRecord, heldRecord, holdForDataProblem } from '../../../shared/hold';
import { mappingProperties, readMappingTable, readPath } from '../../../shared/mappingParameters';
import type { ServiceTitanClient } from '../../transport';
import type { CanonicalRecordType } from '../shared/canonical';
import { showFor, type Operation } from '../shared/operation';
import { recordTypeFromEvent, recordTypeFromShape } from './detect';
import { fetchRecord } from './fetchRecord';
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
			description: 'Whether to fetch the record by ID before converting it, so webhook payloads only say what changed and never what to post',
			displayOptions: show,
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
	async execute(this: IExecuteFunctions, client: ServiceTitanClient, itemIndex: number) {
		const item = this.getInputData()[itemIndex].json;
		const field = (this.getNodeParameter('recordField', itemIndex, '') as string).trim();
		const fromTrigger = !field && typeof item.eventType === 'string' && item.data !== null && typeof item.data === 'object';
		let record = (field ? readPath(item, field) : fromTrigger ? item.data : item) as IDataObject | undefined;
		if (!record || typeof record !== 'object') {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex} has no ServiceTitan record at "${field || '(the item)'}"`, { itemIndex });
		}

		const chosen = this.getNodeParameter('recordType', itemIndex, 'auto') as string;
		const type: CanonicalRecordType | undefined =
			chosen !== 'auto' ? (chosen as CanonicalRecordType) : (recordTypeFromEvent(item.eventType) ?? recordTypeFromShape(record));
		if (!type) {
			throw new NodeOperationError(this.getNode(), `Cannot tell what kind of ServiceTitan record item ${itemIndex} holds`, {
				itemIndex,
				description: 'Set "Record Type" explicitly.',
			});
		}

		const id = String(record.id ?? item.recordId ?? '');
		if (this.getNodeParameter('refetch', itemIndex, true) as boolean) {
			if (!/^\d+$/.test(id)) throw new NodeOperationError(this.getNode(), `The ${type} in item ${itemIndex} has no numeric ID`, { itemIndex });
			const current = await fetchRecord(client, type, id);
			if (!current) {
				throw new NodeOperationError(this.getNode(), `ServiceTitan has no ${type} with ID ${id}`, {
					itemIndex,
					description: 'It may have been deleted or made inactive after the event was sent; nothing was posted for it.',
				});
			}
			record = current;
		}

		const mappings = {
			businessUnit: readMappingTable(this, itemIndex, businessUnitMapping),
			glAccount: readMappingTable(this, itemIndex, glAccountMapping),
			customerNumberRule: this.getNodeParameter('customerNumberRule', itemIndex, 'ST-{id}') as string,
			vendorNumberRule: this.getNodeParameter('vendorNumberRule', itemIndex, 'ST-{id}') as string,
		};
		// A record that cannot be read or mapped is held: the error item names it, its number and amount.
		let document;
		try {
			document = toCanonical(type, record);
		} catch (error) {
			throw holdForDataProblem(this.getNode(), itemIndex, heldRawRecord('servicetitan', type, record), error);
		}
		let mapped;
		try {
			mapped = mapDocument(type, document, mappings);
		} catch (error) {
			throw holdForDataProblem(this.getNode(), itemIndex, heldRecord(document), error);
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
	},
};
