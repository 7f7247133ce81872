// Lint: typescript-eslint recommended rules, Prettier owns formatting, and Nx tags keep arrows pointing one way:
// services/tools -> libs; platform libs -> contracts; domain libs -> contracts (and other domain libs) only, no I/O;
// libs/errors (the shared failure classes) -> nothing, and everything but domain libs may use it. Every project
// under deploy/ is `type:runner`, and no library's constraint lists it: no library imports deploy/. The embedded
// stack (`type:stack`) is for the runner and the test harness only, never for production code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const ioModules = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'http',
  'node:http',
  'https',
  'node:https',
  'net',
  'node:net',
  'dns',
  'node:dns',
  'child_process',
  'node:child_process',
];

const depConstraints = (testFiles) => [
  {
    sourceTag: 'type:service',
    onlyDependOnLibsWithTags: [
      'type:adapter',
      'type:platform',
      'type:contracts',
      'type:errors',
      'type:domain',
      ...testFiles,
    ],
  },
  {
    // A domain port implemented on a platform (libs/dedup-mongo: libs/dedup's fingerprint index on MongoDB): the one
    // place where a domain's rules meet I/O, so neither the pure domain lib nor the platform libs depend on the other.
    sourceTag: 'type:adapter',
    onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:errors', 'type:domain', ...testFiles],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:errors', 'type:domain', ...testFiles],
  },
  {
    // deploy/pipeline: the `npm start` runner starts the services as processes; it imports no service code.
    sourceTag: 'type:runner',
    onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:errors', 'type:stack', ...testFiles],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:errors', 'type:stack'],
  },
  {
    // libs/embedded-stack: Kafka and FerretDB/PostgreSQL as local processes; depends on no other project.
    sourceTag: 'type:stack',
    onlyDependOnLibsWithTags: [...testFiles],
  },
  {
    sourceTag: 'type:platform',
    onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:errors', ...testFiles],
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'],
    bannedExternalImports: ['@nestjs/*', 'kafkajs', 'mongoose', 'mongodb', 'undici', 'pino', 'prom-client', 'express'],
  },
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:errors'],
    bannedExternalImports: ['@nestjs/*', 'kafkajs', 'mongoose'],
  },
  {
    // libs/errors: the failure classes every layer shares (invalid message, permanent, dependency unavailable); the
    // bottom of the graph, so messaging, persistence and contracts all use it without depending on each other.
    sourceTag: 'type:errors',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: ['*'],
  },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.cache/**', '**/.nx/**', '**/coverage/**', '**/*.js', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: depConstraints([]),
        },
      ],
    },
  },
  {
    // Integration tests of services and platform libs get their Kafka and MongoDB from the one test harness.
    files: ['**/test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints(['type:testing']) },
      ],
    },
  },
  {
    // The end-to-end pipeline test is the one place that runs the services' code in one process, so it may import
    // what the services export (the runner itself only starts them as processes); it generates its articles as the
    // benchmark does, with the same seeded stream.
    files: ['deploy/pipeline/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [
            ...['deduplicator', 'enricher', 'fetcher', 'gateway', 'splitter', 'store'].map(
              (name) => `@inkstream/${name}`,
            ),
            '../../../services/gateway/test/sse-client',
          ],
          depConstraints: depConstraints(['type:testing', 'type:measure']),
        },
      ],
    },
  },
  {
    // Evaluation, training and benchmark scripts are tooling around a lib (or, for the pipeline benchmark, around the
    // whole runner): they may use any project, through its alias. What they share (the seeded random stream, the
    // docs/ section writer) is the `type:measure` project tools/measure; a relative path into another project
    // (`../../../scripts/…`) is refused like anywhere else. The integration test of the dedup bench's fast fill is
    // tooling too: it runs the bench's fill beside the real deduplicator to prove they write the same documents (and
    // the store fill's beside the real enricher and store).
    // The pipeline benchmark's fills build what the splitter and the enricher would have written with their own
    // functions (exported by the services for that), so those two services may be imported there too.
    files: ['libs/*/scripts/**/*.ts', 'deploy/pipeline/bench/**/*.ts', 'deploy/pipeline/test/*-fill.int.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: ['@inkstream/enricher', '@inkstream/splitter'],
          depConstraints: [{ sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }],
        },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../../*'], message: 'import another project through its @inkstream alias' }] },
      ],
    },
  },
  {
    // tools/measure: leaf helpers for tooling; production code never imports it.
    files: ['tools/measure/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [{ sourceTag: 'type:measure', onlyDependOnLibsWithTags: [] }],
        },
      ],
    },
  },
  {
    // The image test builds dist/ with the build script (which belongs to no project) and checks what it produced.
    files: ['deploy/docker/image.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: ['../../scripts/build'],
          depConstraints: depConstraints(['type:testing']),
        },
      ],
    },
  },
  {
    // Domain libs are pure: text in, values out. Their scripts/ (training, evaluation) may read files; src/ may not.
    files: ['libs/{extraction,dedup,nlp,feeds}/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ioModules }] },
  },
  prettier,
);
