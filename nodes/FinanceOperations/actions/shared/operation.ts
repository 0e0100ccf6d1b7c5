import { defineResource as defineGenericResource, type Operation as GenericOperation, type OperationEntry } from '../../../shared/operations';
import type { FinanceOperationsClient } from '../../transport';

export { showFor } from '../../../shared/operations';

export type Operation = GenericOperation<FinanceOperationsClient>;

export function defineResource(value: string, noun: string, entries: Array<OperationEntry<FinanceOperationsClient>>) {
	return defineGenericResource<FinanceOperationsClient>(value, noun, entries);
}
