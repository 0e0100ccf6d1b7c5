/** `npm run bench`: throughput and memory benchmarks, kept out of `npm test`. */
const base = require('./jest.config');

module.exports = { ...base, testMatch: ['**/test/bench/**/*.bench.ts'], testTimeout: 15 * 60_000 };
