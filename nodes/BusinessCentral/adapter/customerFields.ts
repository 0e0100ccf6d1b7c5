import type { IDataObject } from 'n8n-workflow';

import type { Customer } from '../../shared/canonical';

const COUNTRY_CODES: Record<string, string> = { USA: 'US', US: 'US', 'UNITED STATES': 'US', CANADA: 'CA', CA: 'CA', CAN: 'CA' };

function clip(value: string | undefined, length: number): string {
	return (value ?? '').trim().slice(0, length);
}

/** The Business Central customer fields ml-connector owns, from a canonical customer. */
export function businessCentralCustomer(customer: Customer, number: string): IDataObject {
	const address = customer.address;
	return {
		number,
		displayName: clip(customer.name, 100),
		type: customer.type === 'Commercial' ? 'Company' : 'Person',
		addressLine1: clip(address?.street, 100),
		addressLine2: clip(address?.unit, 50),
		city: clip(address?.city, 30),
		state: clip(address?.state, 30),
		postalCode: clip(address?.zip, 20),
		country: COUNTRY_CODES[(address?.country ?? '').trim().toUpperCase()] ?? '',
		email: clip(customer.email, 80),
		phoneNumber: clip(customer.phone, 30),
		// ServiceTitan computes the tax and posts it as its own line; BC must not add tax on top.
		taxLiable: false,
	};
}
