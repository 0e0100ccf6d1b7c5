import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from './operation';

/** A switch in the Options collection that adds a navigation property to `$expand`. */
export interface ExpandChoice {
	name: string;
	displayName: string;
	navigation: string;
	description: string;
}

export function expandOptions(resource: string, operation: string | string[], choices: ExpandChoice[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(resource, operation),
		options: choices
			.map((choice) => ({ displayName: choice.displayName, name: choice.name, type: 'boolean' as const, default: false, description: choice.description }))
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export function readExpand(context: IExecuteFunctions, itemIndex: number, choices: ExpandChoice[]): string | undefined {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const navigations = choices.filter((choice) => options[choice.name] === true).map((choice) => choice.navigation);
	return navigations.length ? navigations.join(',') : undefined;
}
