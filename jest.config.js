/**
 * Tests live in test/ (never under nodes/ or credentials/, which n8n's package scanner lints).
 * Each run gets its own temp folder, removed at the end (test/jest/temp-root.js), and long files
 * report their progress on stderr while they run (test/jest/progress-reporter.js).
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The queue-mode test (Redis, PostgreSQL and four n8n processes; about 7 minutes on 2 cores) runs
	// only with ML_CONNECTOR_QUEUE=1: `npm run test:queue`, or `ML_CONNECTOR_QUEUE=1 npm test` for all.
	testPathIgnorePatterns: ['/node_modules/', ...(process.env.ML_CONNECTOR_QUEUE === '1' ? [] : ['/test/e2e/queue-mode\\.e2e\\.test\\.ts$'])],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
	},
	testTimeout: 30000,
	globalSetup: '<rootDir>/test/jest/global-setup.js',
	globalTeardown: '<rootDir>/test/jest/global-teardown.js',
	reporters: ['default', '<rootDir>/test/jest/progress-reporter.js'],
};
