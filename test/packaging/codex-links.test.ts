/**
 * The documentation links in the node codex files (shown in n8n's node panel) point at headings
 * of this repository's README that exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const README_URL = pkg.homepage as string;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const result = new Set<string>();
	const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
	for (const [, heading] of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
		const base = heading
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.trim()
			.replace(/\s/g, '-');
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		result.add(count === 0 ? base : `${base}-${count}`);
	}
	return result;
}

function codexFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return codexFiles(full);
		return entry.name.endsWith('.node.json') ? [full] : [];
	});
}

const readmeAnchors = anchors(fs.readFileSync(path.join(REPO, 'README.md'), 'utf8'));
const links = codexFiles(path.join(REPO, 'nodes')).flatMap((file) => {
	const codex = JSON.parse(fs.readFileSync(file, 'utf8'));
	return Object.values(codex.resources ?? {}).flatMap((entries: any) =>
		entries.map((entry: { url: string }) => ({ codex: path.relative(REPO, file), url: entry.url })),
	);
});

it('the anchor rule matches GitHub on this README', () => {
	expect(readmeAnchors).toContain('npm-start-the-sandbox');
	expect(readmeAnchors).toContain('servicetitan-credential');
});

it.each(links)('$codex → $url is a heading of the README', ({ url }) => {
	expect(url.startsWith(`${README_URL}#`)).toBe(true);
	expect(readmeAnchors).toContain(url.slice(README_URL.length + 1));
});
