import { assertSameOrigin, CrossOriginLinkError, exportFeedPages, numberedPages, odataPages, takeRecords } from '../../nodes/shared/paging';

describe('numberedPages', () => {
	it('walks pages until hasMore is false, and takeRecords stops fetching at the limit', async () => {
		const fetched: number[] = [];
		const fetchPage = async (page: number) => {
			fetched.push(page);
			return { hasMore: page < 5, data: [page * 10 + 1, page * 10 + 2] };
		};
		expect(await takeRecords(numberedPages(fetchPage))).toHaveLength(10);
		fetched.length = 0;
		expect(await takeRecords(numberedPages(fetchPage), 3)).toEqual([11, 12, 21]);
		expect(fetched).toEqual([1, 2]);
	});
});

describe('exportFeedPages', () => {
	it('follows continueFrom until hasMore is false', async () => {
		const feed: Record<string, { hasMore: boolean; continueFrom: string; data: string[] }> = {
			start: { hasMore: true, continueFrom: 't1', data: ['a'] },
			t1: { hasMore: true, continueFrom: 't2', data: ['b'] },
			t2: { hasMore: false, continueFrom: 't3', data: ['c'] },
		};
		const batches = [];
		for await (const batch of exportFeedPages(async (from) => feed[from ?? 'start'], undefined)) batches.push(batch);
		expect(batches.map((batch) => batch.records[0])).toEqual(['a', 'b', 'c']);
		expect(batches[2].continueFrom).toBe('t3');
	});

	it('stops when the server repeats the same token with hasMore', async () => {
		let calls = 0;
		const pages = exportFeedPages(async () => {
			calls++;
			return { hasMore: true, continueFrom: 'same', data: [] };
		}, 'same');
		for await (const batch of pages) void batch;
		expect(calls).toBe(1);
	});
});

describe('odataPages', () => {
	it('follows nextLinks on the same origin', async () => {
		const pages: Record<string, { value: number[]; '@odata.nextLink'?: string }> = {
			'https://api.example.test/v2/items': { value: [1], '@odata.nextLink': 'https://api.example.test/v2/items?$skiptoken=1' },
			'https://api.example.test/v2/items?$skiptoken=1': { value: [2] },
		};
		const records = await takeRecords(odataPages(async (url) => pages[url], 'https://api.example.test/v2/items', 'https://api.example.test'));
		expect(records).toEqual([1, 2]);
	});

	it('refuses a nextLink to another host before sending anything there', async () => {
		const fetched: string[] = [];
		const pages = odataPages(
			async (url) => {
				fetched.push(url);
				return { value: [1], '@odata.nextLink': 'https://evil.example.test/steal' };
			},
			'https://api.example.test/v2/items',
			'https://api.example.test',
		);
		await expect(takeRecords(pages)).rejects.toBeInstanceOf(CrossOriginLinkError);
		expect(fetched).toEqual(['https://api.example.test/v2/items']);
	});

	it('treats another port or scheme as another origin', () => {
		expect(() => assertSameOrigin('https://api.example.test:8443/x', 'https://api.example.test')).toThrow(CrossOriginLinkError);
		expect(() => assertSameOrigin('http://api.example.test/x', 'https://api.example.test')).toThrow(CrossOriginLinkError);
		expect(() => assertSameOrigin('https://api.example.test/x?y=1', 'https://api.example.test/base')).not.toThrow();
	});
});
