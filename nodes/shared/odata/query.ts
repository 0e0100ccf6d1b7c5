import type { IDataObject } from 'n8n-workflow';

import { odataString } from './values';

export interface ODataQuery {
	filter?: string;
	expand?: string;
	select?: string;
	orderby?: string;
	top?: number;
}

/** Keys per `$filter` of `field eq 'a' or field eq 'b' …`: 40 keeps a URL well under the services' limits. */
export const KEYS_PER_FILTER = 40;

export function queryString(query: ODataQuery): IDataObject {
	const qs: IDataObject = {};
	if (query.filter) qs.$filter = query.filter;
	if (query.expand) qs.$expand = query.expand;
	if (query.select) qs.$select = query.select;
	if (query.orderby) qs.$orderby = query.orderby;
	if (query.top !== undefined) qs.$top = query.top;
	return qs;
}

/** `field eq 'a' or field eq 'b' …` (one field: OData services refuse `or` across fields). */
export function anyOf(field: string, values: string[]): string {
	return values.map((value) => `${field} eq ${odataString(value)}`).join(' or ');
}
