import type { ResourceDefinition as GenericResource } from '../../../shared/operations';
import type { BusinessCentralClient } from '../../transport';
import type { BusinessCentralOperation } from '../types';

export { showFor } from '../../../shared/operations';

export type Operation = BusinessCentralOperation;
export type ResourceDefinition = GenericResource<BusinessCentralClient>;
