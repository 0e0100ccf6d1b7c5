import type { Operation as GenericOperation, ResourceDefinition as GenericResource } from '../../../shared/operations';
import type { BusinessCentralClient } from '../../transport';

export { showFor } from '../../../shared/operations';

export type Operation = GenericOperation<BusinessCentralClient>;
export type ResourceDefinition = GenericResource<BusinessCentralClient>;
