import type { ResourceDefinition } from '../../shared/operations';
import type { BusinessCentralClient } from '../transport';
import { accountResource } from './account/Account.resource';
import { companyResource } from './company/Company.resource';
import { customerResource } from './customer/Customer.resource';
import { customerPaymentResource } from './customerPayment/CustomerPayment.resource';
import { customerPaymentJournalResource } from './customerPaymentJournal/CustomerPaymentJournal.resource';
import { dimensionResource } from './dimension/Dimension.resource';
import { dimensionValueResource } from './dimensionValue/DimensionValue.resource';
import { generalLedgerEntryResource } from './generalLedgerEntry/GeneralLedgerEntry.resource';
import { itemResource } from './item/Item.resource';
import { salesInvoiceResource } from './salesInvoice/SalesInvoice.resource';
import { syncResource } from './sync/Sync.resource';
import { vendorResource } from './vendor/Vendor.resource';

export const resources: Array<ResourceDefinition<BusinessCentralClient>> = [
	syncResource,
	companyResource,
	customerResource,
	vendorResource,
	itemResource,
	dimensionResource,
	dimensionValueResource,
	salesInvoiceResource,
	customerPaymentJournalResource,
	customerPaymentResource,
	accountResource,
	generalLedgerEntryResource,
];

export const resourceLabels: Record<string, string> = {
	sync: 'ServiceTitan Sync',
	company: 'Company',
	customer: 'Customer',
	vendor: 'Vendor',
	item: 'Item',
	dimension: 'Dimension',
	dimensionValue: 'Dimension Value',
	salesInvoice: 'Sales Invoice',
	customerPaymentJournal: 'Customer Payment Journal',
	customerPayment: 'Customer Payment',
	account: 'Account',
	generalLedgerEntry: 'General Ledger Entry',
};
