// eslint-plugin-n8n-nodes-base ships legacy (eslintrc) rule sets; this maps its three rule sets
// (community on package.json, credentials, nodes) onto ESLint 9 flat config.
import tsParser from '@typescript-eslint/parser';
import jsoncParser from 'jsonc-eslint-parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { readdirSync } from 'node:fs';

const plugins = { 'n8n-nodes-base': n8nNodesBase };
const { community, credentials, nodes } = n8nNodesBase.configs;

// The import rule (README, "Layout"): a product imports nodes/shared/** and itself; shared never
// imports a product. Products are the folders of nodes/ other than shared.
const products = readdirSync(new URL('./nodes/', import.meta.url), { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && entry.name !== 'shared')
	.map((entry) => entry.name);
const importsOf = (names, message) => ({
	'no-restricted-imports': ['error', { patterns: [{ group: names.flatMap((name) => [`**/${name}`, `**/${name}/**`]), message }] }],
});
const importRules = [
	{ files: ['nodes/shared/**/*.ts'], rules: importsOf(products, 'nodes/shared never imports a product: move what both need into nodes/shared.') },
	...products.map((product) => ({
		files: [`nodes/${product}/**/*.ts`],
		rules: importsOf(
			products.filter((other) => other !== product),
			`${product} imports only nodes/shared/** and itself: move what both products need into nodes/shared.`,
		),
	})),
];

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
			// The rule's own documentation: "only applicable to nodes in the main repository"
			// (n8n docs slugs); community credentials link to a full URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'no-console': 'error',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins,
		rules: {
			...nodes.rules,
			// These two predate NodeConnectionTypes and demand the string literal 'main', which
			// n8n's current community rules (node-connection-type-literal) forbid.
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'no-console': 'error',
			'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'setImmediate', 'process', '__dirname', '__filename'],
		},
	},
	...importRules.map((entry) => ({ ...entry, languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } } })),
];
