import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const feature = (scope) => ({ sourceTag: `scope:${scope}`, onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'] });

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/generated', '.data', 'coverage', 'tmp', 'apps/console/**/*.js'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // Who may import whom (see docs/architecture.md). Feature libs never import each other;
      // shared libs never import features; only apps compose.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:runtime', 'type:infra', 'type:data', 'type:util'] },
            // Platform-wide suites (tests/: fuzzing, isolation, secrets, chaos) boot whole platforms.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:feature', 'type:runtime', 'type:infra', 'type:data', 'type:util', 'type:testing'] },
            { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:infra', 'type:data', 'type:util', 'type:testing'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:infra', 'type:data', 'type:util', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:runtime', 'type:infra', 'type:data', 'type:util'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:data', 'type:util', 'type:testing'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            feature('tenancy'),
            feature('provisioning'),
            feature('certificates'),
            // Apps that compose several domains (the all-in-one platform, a service with the
            // chain-access module of another) are tagged scope:platform.
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:tenancy', 'scope:provisioning', 'scope:certificates', 'scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['**/*.spec.ts', '**/*.int-spec.ts', 'tools/**', 'bench/**', 'libs/testing/**'], rules: { 'no-console': 'off' } },
  {
    // Integration tests boot a platform: they may compose the runtime and the domains they need
    // (a provisioning test signs up through tenancy). Production code keeps the rules above.
    files: ['**/*.int-spec.ts', 'libs/*/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:runtime', 'type:infra', 'type:data', 'type:util', 'type:testing'] },
            { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
];
