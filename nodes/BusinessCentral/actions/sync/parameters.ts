import { accountMapping as accountMappingFor, businessUnitMapping as businessUnitMappingFor, syncParameters as syncParametersFor } from '../../../shared/sync/parameters';
import { BUSINESS_CENTRAL } from '../../adapter/vocabulary';

export { PAYMENT_OPS, SALES_OPS, WRITE_OPS } from '../../../shared/sync/parameters';

export const businessUnitMapping = businessUnitMappingFor(BUSINESS_CENTRAL);
export const accountMapping = accountMappingFor(BUSINESS_CENTRAL);
export const syncParameters = syncParametersFor(BUSINESS_CENTRAL);
