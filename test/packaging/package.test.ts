/**
 * What `npm pack` ships, built with the project's real tsconfig into a scratch copy of the package
 * (dist/ of the working tree may be stale or missing): the compiled nodes and credentials, their
 * codex files and icons, the templates - and no source maps pointing at unshipped sources, no
 * declaration files, no `main` naming a file that is not there.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

let scratch: string;
let shipped: string[];

/** Copies the files gulp's build:assets copies (codex JSON, icons) from src into dist. */
function copyAssets(from: string, to: string) {
	for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
		const source = path.join(from, entry.name);
		if (entry.isDirectory()) copyAssets(source, path.join(to, entry.name));
		else if (/\.(node\.json|svg|png)$/.test(entry.name)) {
			fs.mkdirSync(to, { recursive: true });
			fs.copyFileSync(source, path.join(to, entry.name));
		}
	}
}

beforeAll(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-connector-packaging-'));
	for (const file of ['package.json', 'README.md', 'LICENSE']) fs.copyFileSync(path.join(REPO, file), path.join(scratch, file));
	fs.cpSync(path.join(REPO, 'workflows'), path.join(scratch, 'workflows'), { recursive: true });
	const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
	execFileSync(process.execPath, [tsc, '-p', path.join(REPO, 'tsconfig.json'), '--outDir', path.join(scratch, 'dist'), '--noCheck'], { stdio: 'pipe' });
	for (const folder of ['nodes', 'credentials']) copyAssets(path.join(REPO, folder), path.join(scratch, 'dist', folder));
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: scratch, encoding: 'utf8' });
	shipped = JSON.parse(out.slice(out.indexOf('[')))[0].files.map((file: { path: string }) => file.path);
}, 120_000);

afterAll(() => {
	fs.rmSync(scratch, { recursive: true, force: true });
});

it('ships every node and credential n8n is told to load, with each node codex file', () => {
	const declared: string[] = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
	expect(declared.filter((file) => !shipped.includes(file))).toEqual([]);
	const codex = pkg.n8n.nodes.map((file: string) => file.replace(/\.js$/, '.json'));
	expect(codex.filter((file: string) => !shipped.includes(file))).toEqual([]);
	expect(shipped.filter((file) => file.startsWith('workflows/')).length).toBeGreaterThan(0);
});

it('ships no source maps and no declaration files', () => {
	expect(shipped.filter((file) => file.endsWith('.map') || file.endsWith('.d.ts'))).toEqual([]);
});

it('ships no sources or tests', () => {
	expect(shipped.filter((file) => /\.ts$/.test(file) || file.startsWith('test/') || file.startsWith('nodes/'))).toEqual([]);
});

it('has no `main`, or one that names a shipped file', () => {
	const main: string | undefined = pkg.main;
	expect({ main, shipped: main === undefined || shipped.includes(path.posix.normalize(main)) }).toEqual({ main, shipped: true });
});
