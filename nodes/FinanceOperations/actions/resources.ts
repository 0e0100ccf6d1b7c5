import type { ResourceDefinition } from '../../shared/operations';
import type { FinanceOperationsClient } from '../transport';
import { customerResource } from './customer/Customer.resource';
import { dimensionResource } from './dimension/Dimension.resource';
import { freeTextInvoiceResource } from './freeTextInvoice/FreeTextInvoice.resource';
import { mainAccountResource } from './mainAccount/MainAccount.resource';
import { vendorResource } from './vendor/Vendor.resource';
import { vendorInvoiceResource } from './vendorInvoice/VendorInvoice.resource';

export const resources: Array<ResourceDefinition<FinanceOperationsClient>> = [
	customerResource,
	vendorResource,
	freeTextInvoiceResource,
	vendorInvoiceResource,
	mainAccountResource,
	dimensionResource,
];

export const resourceLabels: Record<string, string> = {
	customer: 'Customer',
	vendor: 'Vendor',
	freeTextInvoice: 'Free Text Invoice',
	vendorInvoice: 'Vendor Invoice',
	mainAccount: 'Main Account',
	dimension: 'Dimension',
};
