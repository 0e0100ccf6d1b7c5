import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : [path];
	});
}

describe('citations of the fact sheets', () => {
	it('name them as ../shared/reference/<file>.md, never by a machine path or a path inside the repository', () => {
		const offending = files(join(root, 'test', 'simulators'))
			.filter((path) => /\.(js|ts|md)$/.test(path))
			.flatMap((path) =>
				readFileSync(path, 'utf8')
					.split('\n')
					.map((line, index) => ({ line, where: `${relative(root, path)}:${index + 1}` }))
					.filter(({ line }) => /\/work\/|(^|[^.])\bshared\/reference\//.test(line.replace(/\.\.\/shared\/reference\//g, ''))),
			)
			.map(({ where }) => where);
		expect(offending).toEqual([]);
	});
});
