import type { INodeProperties } from 'n8n-workflow';

/** Fields customers and vendors share in API v2.0. */
export const partyFields: INodeProperties[] = [
	{ displayName: 'Address Line 1', name: 'addressLine1', type: 'string', default: '' },
	{ displayName: 'Address Line 2', name: 'addressLine2', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Country/Region Code', name: 'country', type: 'string', default: '', placeholder: 'US' },
	{ displayName: 'Currency Code', name: 'currencyCode', type: 'string', default: '', description: 'Empty for the local currency' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'Number', name: 'number', type: 'string', default: '', description: 'Leave empty to take the next number from the number series' },
	{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '' },
	{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{ displayName: 'Tax Liable', name: 'taxLiable', type: 'boolean', default: false, description: 'Whether sales tax is calculated on documents for this party' },
	{ displayName: 'Tax Registration Number', name: 'taxRegistrationNumber', type: 'string', default: '' },
	{ displayName: 'Website', name: 'website', type: 'string', default: '' },
];
