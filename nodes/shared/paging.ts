/**
 * Paging over the three styles the package meets. Each is an async generator of pages so an
 * operation pulls only as many pages as it returns (see `takeRecords`).
 */

export interface NumberedPage<T> {
	hasMore: boolean;
	data: T[];
}

export async function* numberedPages<T>(
	fetchPage: (page: number) => Promise<NumberedPage<T>>,
	firstPage = 1,
): AsyncGenerator<T[]> {
	for (let page = firstPage; ; page++) {
		const response = await fetchPage(page);
		yield response.data ?? [];
		if (!response.hasMore || (response.data ?? []).length === 0) return;
	}
}

export interface ExportPage<T> {
	hasMore: boolean;
	continueFrom: string;
	data: T[];
}

export interface ExportBatch<T> {
	records: T[];
	continueFrom: string;
	hasMore: boolean;
}

/** ServiceTitan export feeds: `from` → `continueFrom`, stop when `hasMore` is false. */
export async function* exportFeedPages<T>(
	fetchPage: (from: string | undefined) => Promise<ExportPage<T>>,
	from: string | undefined,
): AsyncGenerator<ExportBatch<T>> {
	let cursor = from;
	for (;;) {
		const response = await fetchPage(cursor);
		const records = response.data ?? [];
		const continueFrom = response.continueFrom || cursor || '';
		yield { records, continueFrom, hasMore: response.hasMore };
		// An unchanged token with hasMore would loop forever; treat it as the end of the feed.
		if (!response.hasMore || continueFrom === cursor) return;
		cursor = continueFrom;
	}
}

export interface ODataCollection<T> {
	value: T[];
	'@odata.nextLink'?: string;
}

export class CrossOriginLinkError extends Error {
	constructor(readonly link: string, readonly allowedOrigin: string) {
		super(`Refusing to follow a next link to ${safeOrigin(link)}: only ${allowedOrigin} receives this credential's token`);
	}
}

function safeOrigin(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return 'an invalid URL';
	}
}

/** Throws unless `link` is on `allowedOrigin` (scheme, host and port), so a token never leaves its API. */
export function assertSameOrigin(link: string, allowedOrigin: string): void {
	if (safeOrigin(link) !== new URL(allowedOrigin).origin) throw new CrossOriginLinkError(link, allowedOrigin);
}

/** OData server-driven paging: follow `@odata.nextLink` verbatim, same origin only. */
export async function* odataPages<T>(
	fetchUrl: (url: string) => Promise<ODataCollection<T>>,
	firstUrl: string,
	allowedOrigin: string,
): AsyncGenerator<T[]> {
	let url: string | undefined = firstUrl;
	while (url !== undefined) {
		assertSameOrigin(url, allowedOrigin);
		const response: ODataCollection<T> = await fetchUrl(url);
		yield response.value ?? [];
		url = response['@odata.nextLink'];
	}
}

/** Pulls pages until `limit` records are collected (all pages when limit is undefined). */
export async function takeRecords<T>(pages: AsyncIterable<T[]>, limit?: number): Promise<T[]> {
	const records: T[] = [];
	for await (const page of pages) {
		for (const record of page) {
			if (limit !== undefined && records.length >= limit) return records;
			records.push(record);
		}
		if (limit !== undefined && records.length >= limit) return records;
	}
	return records;
}
