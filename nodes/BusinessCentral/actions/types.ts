import type { Operation } from '../../shared/operations';
import type { BusinessCentralClient } from '../transport';

export type BusinessCentralOperation = Operation<BusinessCentralClient>;
