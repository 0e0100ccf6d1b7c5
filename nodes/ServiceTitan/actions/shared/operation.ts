import type { Operation as GenericOperation, ResourceDefinition as GenericResource } from '../../../shared/operations';
import type { ServiceTitanClient } from '../../transport';

export { showFor } from '../../../shared/operations';

export type Operation = GenericOperation<ServiceTitanClient>;
export type ResourceDefinition = GenericResource<ServiceTitanClient>;
