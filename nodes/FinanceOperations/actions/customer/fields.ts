import type { INodeProperties } from 'n8n-workflow';

/** Optional CustomersV3 fields a user can set (names as F&O has them). */
export const customerFields: INodeProperties[] = [
	{ displayName: 'Address City', name: 'AddressCity', type: 'string', default: '' },
	{ displayName: 'Address Country/Region', name: 'AddressCountryRegionId', type: 'string', default: '', placeholder: 'USA', description: 'Required by F&O when any address field is set' },
	{ displayName: 'Address State', name: 'AddressState', type: 'string', default: '' },
	{ displayName: 'Address Street', name: 'AddressStreet', type: 'string', default: '' },
	{ displayName: 'Address ZIP Code', name: 'AddressZipCode', type: 'string', default: '' },
	{ displayName: 'Credit Limit', name: 'CreditLimit', type: 'string', default: '', placeholder: '5000.00', description: 'A decimal number in the customer\'s currency' },
	{ displayName: 'Default Dimension Display Value', name: 'DefaultDimensionDisplayValue', type: 'string', default: '', placeholder: '001-022', description: 'Financial dimensions in the active default format (see Dimension → Get Format)' },
	{ displayName: 'Email', name: 'PrimaryContactEmail', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'Invoice Account', name: 'InvoiceAccount', type: 'string', default: '', description: 'Another customer account that receives the invoices; it must exist' },
	{ displayName: 'Method of Payment', name: 'PaymentMethod', type: 'string', default: '' },
	{ displayName: 'Party Type', name: 'PartyType', type: 'options', default: 'Organization', options: [{ name: 'Organization', value: 'Organization' }, { name: 'Person', value: 'Person' }] },
	{ displayName: 'Person First Name', name: 'PersonFirstName', type: 'string', default: '' },
	{ displayName: 'Person Last Name', name: 'PersonLastName', type: 'string', default: '' },
	{ displayName: 'Phone', name: 'PrimaryContactPhone', type: 'string', default: '' },
	{ displayName: 'Sales Tax Group', name: 'SalesTaxGroup', type: 'string', default: '' },
	{ displayName: 'Terms of Payment', name: 'PaymentTerms', type: 'string', default: '' },
];

export const customerMoneyFields = ['CreditLimit'];
