import type { ResourceDefinition } from '../../shared/operations';
import type { GpClient } from '../transport';
import { customerResource } from './customer/Customer.resource';
import { fiscalPeriodResource } from './fiscalPeriod/FiscalPeriod.resource';
import { glAccountResource } from './glAccount/GlAccount.resource';
import { receivablesTransactionResource } from './receivablesTransaction/ReceivablesTransaction.resource';
import { vendorResource } from './vendor/Vendor.resource';

export const resources: Array<ResourceDefinition<GpClient>> = [customerResource, vendorResource, glAccountResource, fiscalPeriodResource, receivablesTransactionResource];

export const resourceLabels: Record<string, string> = {
	customer: 'Customer',
	vendor: 'Vendor',
	glAccount: 'GL Account',
	fiscalPeriod: 'Fiscal Period',
	receivablesTransaction: 'Receivables Transaction',
};
