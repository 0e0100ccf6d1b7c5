import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureN8nInstalled } = require('../e2e/install-n8n');

function versionsIn(text: string): number[] {
	const versions = new Set<number>();
	for (const match of text.matchAll(/\bversion:\s*\[([\d.,\s]+)\]/g)) {
		for (const part of match[1].split(',')) if (part.trim()) versions.add(Number(part));
	}
	for (const match of text.matchAll(/\b(?:version|defaultVersion):\s*([\d.]+)/g)) versions.add(Number(match[1]));
	return [...versions];
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.js') ? [path] : [];
	});
}

/**
 * Node types and versions of n8n's base nodes in the pinned n8n (read from its files, since
 * n8n-nodes-base cannot be loaded on the test's Node version).
 */
export function baseNodeVersions(): Map<string, number[]> {
	const { n8nDir } = ensureN8nInstalled();
	const baseDir = join(n8nDir, 'node_modules', 'n8n-nodes-base');
	const manifest = JSON.parse(readFileSync(join(baseDir, 'package.json'), 'utf8'));
	const types = new Map<string, number[]>();
	for (const file of manifest.n8n.nodes as string[]) {
		const path = join(baseDir, file);
		const nodeFolder = join(path, '..');
		const text = [path, ...filesUnder(nodeFolder)].map((candidate) => readFileSync(candidate, 'utf8')).join('\n');
		const name = /\bname:\s*'([A-Za-z0-9]+)'/.exec(readFileSync(path, 'utf8'))?.[1];
		if (name) types.set(`n8n-nodes-base.${name}`, versionsIn(text));
	}
	return types;
}
