import { defineResource as defineGenericResource, type OperationEntry } from '../../../shared/operations';
import type { BusinessCentralClient } from '../../transport';

export function defineResource(value: string, noun: string, entries: Array<OperationEntry<BusinessCentralClient>>) {
	return defineGenericResource<BusinessCentralClient>(value, noun, entries);
}
