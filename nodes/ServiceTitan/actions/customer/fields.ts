import type { INodeProperties } from 'n8n-workflow';

export const customerTypeOptions = [
	{ name: 'Commercial', value: 'Commercial' },
	{ name: 'Residential', value: 'Residential' },
];

export const addressFields: INodeProperties[] = [
	{ displayName: 'Street', name: 'street', type: 'string', default: '' },
	{ displayName: 'Unit', name: 'unit', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{ displayName: 'Zip', name: 'zip', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: 'USA' },
];

export const ADDRESS_KEYS = ['street', 'unit', 'city', 'state', 'zip', 'country'];
