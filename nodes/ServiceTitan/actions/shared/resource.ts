import { defineResource as defineGenericResource, type OperationEntry } from '../../../shared/operations';
import type { ServiceTitanClient } from '../../transport';

export function defineResource(value: string, noun: string, entries: Array<OperationEntry<ServiceTitanClient>>) {
	return defineGenericResource<ServiceTitanClient>(value, noun, entries);
}
