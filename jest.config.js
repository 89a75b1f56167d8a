// Two Jest projects: unit tests (*.spec.ts, no services) and integration tests (*.int-spec.ts,
// real PostgreSQL, Redis and anvil; each test file gets its own database, see libs/testing).
// Run with NODE_OPTIONS=--experimental-vm-modules: NestJS 12 is ESM-only and Jest needs the
// flag to require() it.
const { compilerOptions } = require('./tsconfig.base.json');

const swc = JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false, sourceMaps: 'inline' }] },
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,tools,tests}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/global-setup.cjs',
    },
  ],
  // A global option (Jest ignores it inside a project): integration tests wait on real services.
  testTimeout: 60_000,
};
