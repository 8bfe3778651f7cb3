// One jest run covers every project: cheaper on 2 cores than one process per project.
// `unit` = specs beside the code; `integration` = API tests against a real database and real sockets.
const { pathsToModuleNameMapper } = require('./scripts/jest-paths.cjs');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|mj|j)s$': swc },
  // Angular and Nest 12 ship ES modules only; swc turns them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@angular|@nestjs|rxjs/dist/esm|tslib))'],
  moduleNameMapper: pathsToModuleNameMapper(),
  moduleFileExtensions: ['ts', 'mjs', 'js', 'json'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    // Real argon2 logins, databases and media workers: a busy 2-core machine needs more than jest's 5 s per hook.
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/apps/api/test/**/*.int-spec.ts'], slowTestThreshold: 30, testTimeout: 30_000 },
  ],
};
