import { enumFilter, equalsFilter, flagFilter } from '../shared/filters';
import { listOperation } from '../shared/list';
import { defineResource } from '../shared/resource';

const categories = [
	{ name: 'Assets', value: 'Assets' },
	{ name: 'Cost of Goods Sold', value: 'Cost of Goods Sold' },
	{ name: 'Equity', value: 'Equity' },
	{ name: 'Expense', value: 'Expense' },
	{ name: 'Income', value: 'Income' },
	{ name: 'Liabilities', value: 'Liabilities' },
];

export const accountResource = defineResource('account', 'G/L account', [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many G/L accounts',
		description: 'List the chart of accounts (read-only)',
		operation: listOperation({
			resource: 'account',
			path: 'accounts',
			filters: [
				enumFilter('category', 'Category', 'category', categories),
				flagFilter('directPostingOnly', 'Direct Posting Only', 'directPosting eq true', 'Whether to return only accounts that documents and journals may post to directly'),
				equalsFilter('number', 'Number', 'number'),
				flagFilter('postingOnly', 'Posting Accounts Only', "accountType eq 'Posting'", 'Whether to leave out headings and totals'),
			],
		}),
	},
]);
