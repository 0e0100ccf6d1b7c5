import type { ServiceTitanModule } from '../transport';
import type { CanonicalRecordType } from '../actions/shared/canonical';

export interface ExportFeed {
	value: string;
	name: string;
	module: ServiceTitanModule;
	path: string;
	recordType: CanonicalRecordType;
}

export const EXPORT_FEEDS: ExportFeed[] = [
	{ value: 'invoices', name: 'Invoices', module: 'accounting', path: 'invoices', recordType: 'invoice' },
	{ value: 'payments', name: 'Payments', module: 'accounting', path: 'payments', recordType: 'payment' },
	{ value: 'inventoryBills', name: 'Inventory Bills', module: 'accounting', path: 'inventory-bills', recordType: 'inventoryBill' },
	{ value: 'customers', name: 'Customers', module: 'crm', path: 'customers', recordType: 'customer' },
];
