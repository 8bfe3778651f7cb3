// End-to-end tests: the built app (dist/) served by the real API, driven in Debian's Chromium.
const base = require('../../jest.config.cjs').projects[0];

module.exports = {
  ...base,
  rootDir: __dirname + '/../..',
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  testEnvironment: '<rootDir>/test/e2e/support/environment.cjs',
  testTimeout: 60_000,
  maxWorkers: 1,
};
