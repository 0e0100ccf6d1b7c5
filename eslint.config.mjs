// eslint-plugin-n8n-nodes-base ships legacy (eslintrc) rule sets; this maps its three rule sets
// (community on package.json, credentials, nodes) onto ESLint 9 flat config.
import tsParser from '@typescript-eslint/parser';
import jsoncParser from 'jsonc-eslint-parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const plugins = { 'n8n-nodes-base': n8nNodesBase };
const { community, credentials, nodes } = n8nNodesBase.configs;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'workflows/**'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins,
		rules: { ...community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins,
		rules: {
			...credentials.rules,
			'no-console': 'error',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins,
		rules: {
			...nodes.rules,
			'no-console': 'error',
			'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'setImmediate', 'process', '__dirname', '__filename'],
		},
	},
];
