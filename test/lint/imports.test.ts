import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The project's own ESLint run on `source` as if it were `file` (a child process: ESLint loads its config as ESM). */
async function restrictedImports(file: string, source: string): Promise<string[]> {
	const run = spawnSync(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'], {
		cwd: root,
		input: source,
		encoding: 'utf8',
	});
	const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
	return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('import rule: a product imports nodes/shared/** and itself; shared never imports a product', () => {
	it('refuses a shared module that imports a product', async () => {
		const messages = await restrictedImports('nodes/shared/sync/example.ts', "import { x } from '../../BusinessCentral/transport';\nexport const y = x;\n");
		expect(messages).toEqual([expect.stringContaining('nodes/shared never imports a product')]);
	});

	it('refuses a product that imports another product', async () => {
		const messages = await restrictedImports('nodes/BusinessCentral/actions/example.ts', "import { x } from '../../ServiceTitan/transport';\nexport const y = x;\n");
		expect(messages).toEqual([expect.stringContaining('BusinessCentral imports only nodes/shared/** and itself')]);
	});

	it('allows a product to import shared code and itself', async () => {
		const source = "import { a } from '../../shared/money';\nimport { b } from '../transport';\nexport const y = [a, b];\n";
		expect(await restrictedImports('nodes/BusinessCentral/actions/example.ts', source)).toEqual([]);
	});
});
