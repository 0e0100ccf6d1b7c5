import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lockProblems } = require('../tools/check-lock.js') as {
	lockProblems: (lock: unknown) => string[];
};

describe('package-lock.json check', () => {
	it('passes on the committed lock', () => {
		const lock = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package-lock.json'), 'utf8'));
		expect(lockProblems(lock)).toEqual([]);
	});

	it('names the entries npm ci rejects: no version, and optional dependencies missing from the lock', () => {
		const broken = {
			packages: {
				'': { name: 'x' },
				'node_modules/unrs-resolver': {
					version: '1.13.0',
					integrity: 'sha512-a',
					optionalDependencies: { '@unrs/binding-a': '1.13.0', '@unrs/binding-b': '1.13.0' },
				},
				'node_modules/@unrs/binding-a': { version: '1.13.0', integrity: 'sha512-b' },
				'node_modules/unrs-resolver/node_modules/@unrs/binding-c': { dev: true, optional: true },
			},
		};
		expect(lockProblems(broken)).toEqual([
			'node_modules/unrs-resolver: dependency @unrs/binding-b is not in the lock',
			'node_modules/unrs-resolver/node_modules/@unrs/binding-c: no "version"',
		]);
	});

	it('resolves a nested dependency from its own node_modules before the top level', () => {
		const lock = {
			packages: {
				'node_modules/a': { version: '1.0.0', integrity: 'x', dependencies: { b: '2' } },
				'node_modules/a/node_modules/b': { version: '2.0.0', integrity: 'y', dependencies: { c: '1' } },
				'node_modules/c': { version: '1.0.0', integrity: 'z' },
			},
		};
		expect(lockProblems(lock)).toEqual([]);
	});
});
