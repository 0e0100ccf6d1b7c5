import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

import { baseNodeVersions } from './baseNodes';

const repo = join(__dirname, '..', '..');
const workflowsDir = join(repo, 'workflows');
const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const PACKAGE = packageJson.name as string;
const ERROR_HANDLER_ID = 'mlcErrorHandler1';

/** The documented credential every template uses for each credential type (README, "Credentials"). */
const DOCUMENTED_CREDENTIALS: Record<string, { id: string; name: string }> = {
	serviceTitanApi: { id: 'mlcServiceTitan1', name: 'ServiceTitan account' },
	businessCentralApi: { id: 'mlcBusinessCentr', name: 'Business Central account' },
};

/** Operations of our nodes that only read; anything else writes and needs Retry On Fail. */
const READ_OPERATIONS = new Set(['get', 'getAll', 'exportFeed', 'normalize', 'reconcile']);

interface TemplateNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	retryOnFail?: boolean;
}

interface Template {
	id: string;
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	settings: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	meta?: Record<string, unknown>;
}

function loadOurTypes() {
	const nodes = new Map<string, number[]>();
	const operations = new Set<string>();
	for (const file of packageJson.n8n.nodes as string[]) {
		const path = join(repo, file);
		if (!existsSync(path)) throw new Error(`${file} is missing: run npm run build first`);
		const exported = require(path);
		const NodeClass = Object.values(exported)[0] as new () => { description: { name: string; version: number | number[]; properties: Array<{ name: string; options?: Array<{ value?: unknown }> }> } };
		const { name, version, properties } = new NodeClass().description;
		nodes.set(`${PACKAGE}.${name}`, Array.isArray(version) ? version : [version]);
		for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
			for (const option of property.options ?? []) operations.add(String(option.value));
		}
	}
	const credentials = new Set<string>();
	for (const file of packageJson.n8n.credentials as string[]) {
		const exported = require(join(repo, file));
		const CredentialClass = Object.values(exported)[0] as new () => { name: string };
		credentials.add(new CredentialClass().name);
	}
	return { nodes, credentials, operations };
}

const files = readdirSync(workflowsDir).filter((file) => file.endsWith('.json'));
const templates: Array<[string, Template]> = files.map((file) => [file, JSON.parse(readFileSync(join(workflowsDir, file), 'utf8'))]);
const ours = loadOurTypes();
let base: Map<string, number[]>;

beforeAll(() => {
	base = baseNodeVersions();
}, 15 * 60_000);

describe('shipped workflow templates', () => {
	it('names as read-only only operations our nodes have', () => {
		expect([...READ_OPERATIONS].filter((operation) => !ours.operations.has(operation))).toEqual([]);
	});

	it('ships the error handler and the ServiceTitan intake', () => {
		expect(files).toEqual(expect.arrayContaining(['error-handler.json', 'servicetitan-intake.json']));
		expect(templates.find(([, template]) => template.id === ERROR_HANDLER_ID)).toBeDefined();
	});

	it.each(templates)('%s uses only node types and versions that exist', (_file, template) => {
		for (const node of template.nodes) {
			const versions = ours.nodes.get(node.type) ?? base.get(node.type);
			expect({ node: node.name, type: node.type, known: versions !== undefined }).toEqual({ node: node.name, type: node.type, known: true });
			expect({ node: node.name, versionExists: versions!.includes(node.typeVersion) }).toEqual({ node: node.name, versionExists: true });
		}
	});

	it.each(templates)('%s connects only existing nodes', (_file, template) => {
		const names = new Set(template.nodes.map((node) => node.name));
		expect(names.size).toBe(template.nodes.length);
		for (const [from, outputs] of Object.entries(template.connections)) {
			expect(names.has(from)).toBe(true);
			for (const target of outputs.main.flat()) expect({ from, to: target.node, exists: names.has(target.node) }).toEqual({ from, to: target.node, exists: true });
		}
	});

	it.each(templates)('%s references only our credential types, by their documented id and name', (_file, template) => {
		for (const node of template.nodes) {
			for (const [type, reference] of Object.entries(node.credentials ?? {})) {
				expect(ours.credentials.has(type)).toBe(true);
				expect(reference).toEqual(DOCUMENTED_CREDENTIALS[type]);
			}
		}
	});

	it.each(templates)('%s follows the template conventions', (file, template) => {
		expect(template.settings).toMatchObject({
			executionOrder: 'v1',
			saveDataSuccessExecution: 'all',
			saveDataErrorExecution: 'all',
			saveExecutionProgress: true,
		});
		if (template.id !== ERROR_HANDLER_ID) expect(template.settings.errorWorkflow).toBe(ERROR_HANDLER_ID);
		expect(template.meta?.templateCredsSetupCompleted).toBe(false);
		expect(template.pinData ?? {}).toEqual({});
		expect(template.nodes.some((node) => node.type === 'n8n-nodes-base.stickyNote')).toBe(true);
		for (const node of template.nodes.filter((candidate) => candidate.type.startsWith(`${PACKAGE}.`) && !candidate.type.endsWith('Trigger'))) {
			const operation = String(node.parameters.operation ?? '');
			if (!READ_OPERATIONS.has(operation)) expect({ file, node: node.name, retryOnFail: node.retryOnFail }).toEqual({ file, node: node.name, retryOnFail: true });
		}
	});

	it('gives every webhook node its own webhookId', () => {
		const ids = templates.flatMap(([, template]) => template.nodes.filter((node) => node.webhookId).map((node) => node.webhookId));
		expect(new Set(ids).size).toBe(ids.length);
		for (const [, template] of templates) {
			for (const node of template.nodes.filter((candidate) => /trigger/i.test(candidate.type) && ours.nodes.has(candidate.type) && !candidate.type.endsWith('PollTrigger'))) {
				expect(node.webhookId).toMatch(/^[0-9a-f-]{36}$/);
			}
		}
	});

	it.each(templates)('%s holds no secret, machine path or test data', (_file, template) => {
		const text = JSON.stringify(template);
		for (const pattern of [/Bearer\s+[A-Za-z0-9]/, /ak1\./, /clientSecret"\s*:\s*"[^"]/i, /"password"\s*:/i, /-----BEGIN/, /\/root\//, /\/home\//, /\/tmp\//, /[A-Z]:\\\\/, /127\.0\.0\.1/, /localhost/, /\.sandbox/]) {
			expect({ pattern: String(pattern), found: pattern.test(text) }).toEqual({ pattern: String(pattern), found: false });
		}
	});
});
