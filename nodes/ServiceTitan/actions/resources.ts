import { businessUnitResource } from './businessUnit/BusinessUnit.resource';
import { customerResource } from './customer/Customer.resource';
import { documentResource } from './document/Document.resource';
import { glAccountResource } from './glAccount/GlAccount.resource';
import { inventoryBillResource } from './inventoryBill/InventoryBill.resource';
import { invoiceResource } from './invoice/Invoice.resource';
import { jobResource } from './job/Job.resource';
import { paymentResource } from './payment/Payment.resource';
import { pricebookMaterialResource, pricebookServiceResource } from './pricebook/Pricebook.resource';
import { purchaseOrderResource } from './purchaseOrder/PurchaseOrder.resource';
import type { ResourceDefinition } from './shared/operation';
import { vendorResource } from './vendor/Vendor.resource';

export const resources: ResourceDefinition[] = [
	invoiceResource,
	paymentResource,
	inventoryBillResource,
	customerResource,
	vendorResource,
	purchaseOrderResource,
	businessUnitResource,
	glAccountResource,
	jobResource,
	pricebookServiceResource,
	pricebookMaterialResource,
	documentResource,
];

export const resourceLabels: Record<string, string> = {
	invoice: 'Invoice',
	payment: 'Payment',
	inventoryBill: 'Inventory Bill',
	customer: 'Customer',
	vendor: 'Vendor',
	purchaseOrder: 'Purchase Order',
	businessUnit: 'Business Unit',
	glAccount: 'GL Account',
	job: 'Job',
	pricebookService: 'Pricebook Service',
	pricebookMaterial: 'Pricebook Material',
	document: 'Canonical Document',
};
