import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * ServiceTitan does not publish its V2 webhook event names; these follow the `<record>.<change>`
 * form most receivers use. Any other name still arrives when "All Events" is selected.
 */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'All Events', value: '*' },
	{ name: 'Customer Created', value: 'customer.created' },
	{ name: 'Customer Updated', value: 'customer.updated' },
	{ name: 'Inventory Bill Created', value: 'inventoryBill.created' },
	{ name: 'Inventory Bill Updated', value: 'inventoryBill.updated' },
	{ name: 'Invoice Created', value: 'invoice.created' },
	{ name: 'Invoice Updated', value: 'invoice.updated' },
	{ name: 'Payment Created', value: 'payment.created' },
	{ name: 'Payment Updated', value: 'payment.updated' },
	{ name: 'Vendor Created', value: 'vendor.created' },
	{ name: 'Vendor Updated', value: 'vendor.updated' },
];

export function eventSelected(selected: string[], eventType: string): boolean {
	if (selected.length === 0 || selected.includes('*')) return true;
	return selected.some((event) => event.toLowerCase() === eventType.toLowerCase());
}
