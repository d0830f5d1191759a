// ESLint 9 flat config for the whole workspace. `npm run lint` = `eslint . --max-warnings 0`; each
// project's `lint` target runs the same config on its own folder. House rules: the style guide (STYLE.md) §1–3 and §7.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';
import hub from './tools/eslint-rules/index.js';

const root = import.meta.dirname;
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------------
// Project graph. @nx/enforce-module-boundaries only reads Nx's *cached* graph, and silently skips
// itself when there is none (fresh clone, CI) or misses projects added since it was cached. Inside
// an Nx task the graph is fresh already; for a bare `eslint .` (CLI, IDE, lint-staged) refresh it
// here (~1 s, incremental).
// ---------------------------------------------------------------------------------------------------
if (!process.env.NX_TASK_TARGET_PROJECT) {
  try {
    const { createProjectGraphAsync } = require('nx/src/devkit-exports');
    await createProjectGraphAsync({ exitOnError: false });
  } catch (error) {
    console.warn(`eslint.config.mjs: could not refresh the Nx project graph: ${error?.message ?? error}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------------
const TS_FILES = ['apps/**/*.ts', 'libs/**/*.ts', 'tools/**/*.ts'];
/** Files allowed to import a `type:testing` project (@hub/testing). */
const TEST_FILES = [
  '**/*.spec.ts',
  '**/*.integration-spec.ts',
  '**/*.e2e-spec.ts',
  'apps/*/test/**/*.ts',
  'libs/**/test/**/*.ts',
];
const TOOLS_FILES = ['tools/**/*.ts'];
/** Where entry points live: the services, and service-kit's health and metrics controllers. */
const HANDLER_FILES = ['apps/**/*.ts', 'libs/platform/service-kit/**/*.ts'];

// ---------------------------------------------------------------------------------------------------
// Module boundaries (STYLE.md §1). Every project carries one `type:` and one `scope:` tag; Nx applies
// every constraint whose source tag the project has, so both must hold.
// ---------------------------------------------------------------------------------------------------
const TYPE_CONSTRAINTS = {
  'type:app': ['type:domain', 'type:contracts', 'type:adapter', 'type:auth', 'type:platform', 'type:util'],
  'type:adapter': ['type:domain', 'type:contracts', 'type:util'],
  // Deviation from STYLE.md §1 (platform → contracts, util): platform libs also depend on other platform
  // libs and on the domain. messaging needs persistence's outbox/inbox tables and logging's context;
  // service-kit composes config, logging, messaging and persistence into one bootstrap. Cycles between
  // platform libs are still errors (Nx reports them regardless of tags).
  'type:platform': ['type:platform', 'type:contracts', 'type:domain', 'type:util'],
  // Deviation from STYLE.md §1 (auth → contracts, util): auth validates venue ids and station names
  // with the domain's patterns (@hub/order-model), so it may depend on type:domain.
  'type:auth': ['type:contracts', 'type:domain', 'type:util'],
  'type:contracts': ['type:domain', 'type:util'],
  'type:domain': ['type:util'],
  'type:util': ['type:util'],
  'type:testing': ['*'],
};

/** One `scope:<service>` per app, read from apps/<app>/project.json so a new service is covered. */
function serviceScopes() {
  const appsDir = join(root, 'apps');
  if (!existsSync(appsDir)) return [];
  const scopes = new Set();
  for (const app of readdirSync(appsDir)) {
    const projectJson = join(appsDir, app, 'project.json');
    if (!existsSync(projectJson)) continue;
    const { tags = [] } = JSON.parse(readFileSync(projectJson, 'utf8'));
    for (const tag of tags) if (tag.startsWith('scope:') && tag !== 'scope:shared') scopes.add(tag);
  }
  return [...scopes].sort();
}

const SCOPE_CONSTRAINTS = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...serviceScopes().map((scope) => ({
    sourceTag: scope,
    onlyDependOnLibsWithTags: [scope, 'scope:shared'],
  })),
];

/**
 * @param {{ testing?: boolean, anyLib?: boolean }} options
 *   testing: the file may also import a type:testing project (specs, test/, tools/);
 *   anyLib:  type:util may depend on any lib (tools/: dev scripts, generators and lint rules).
 */
function moduleBoundaries({ testing = false, anyLib = false } = {}) {
  const typeConstraints = Object.entries(TYPE_CONSTRAINTS).map(([sourceTag, allowed]) => {
    let tags = allowed;
    if (anyLib && sourceTag === 'type:util') tags = ['*'];
    else if (testing && !tags.includes('*')) tags = [...tags, 'type:testing'];
    return { sourceTag, onlyDependOnLibsWithTags: tags };
  });
  return [
    'error',
    {
      allow: [],
      enforceBuildableLibDependency: false,
      depConstraints: [...typeConstraints, ...SCOPE_CONSTRAINTS],
      // @hub/testing builds on the libs it tests (auth, messaging, …) and their specs import it back, so
      // the graph has lib → testing → lib cycles through spec files. Only specs/test/tools may import
      // type:testing (above and in no-restricted-imports), so no production cycle can pass through it.
      ignoredCircularDependencies: [['tag:type:testing', '*']],
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Imports across projects go through the `@hub/<lib>` alias only (STYLE.md §1–2). The Nx rule also
// reports relative imports that cross a project root; these patterns give a clearer message.
// ---------------------------------------------------------------------------------------------------
const DEEP_IMPORT_PATTERNS = [
  {
    group: ['@hub/*/**'],
    message: 'Deep import: libs expose one src/index.ts; import from the @hub/<lib> alias.',
  },
  {
    regex: '^(\\.{1,2}/)+(.*/)?(libs|apps)(/|$)',
    message:
      'Relative import into libs/ or apps/: import from the @hub/<lib> alias (apps are never imported).',
  },
];

/** @param {{ testing?: boolean }} options */
function restrictedImports({ testing = false } = {}) {
  const paths = testing
    ? []
    : [
        {
          name: '@hub/testing',
          message:
            'Only *.spec.ts, *.integration-spec.ts, *.e2e-spec.ts, files under test/ and tools/ may import @hub/testing.',
        },
      ];
  return ['error', { paths, patterns: DEEP_IMPORT_PATTERNS }];
}

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/coverage/',
    '.nx/',
    'tmp/',
    '.hub/',
    '**/jest.config.js',
    'jest.preset.js',
    '**/__fixtures__/**',
  ]),

  // Plain JavaScript (this file, tools/eslint-rules/*, deploy scripts): ESLint's recommended rules, Node globals.
  {
    files: ['**/*.{js,cjs,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.node },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
  },

  // TypeScript: recommended rules plus the type-aware rules we treat as errors (STYLE.md §7).
  {
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: {
        // One program for the whole workspace (tsconfig.json includes apps, libs and tools); faster
        // than a project service that opens one program per project tsconfig.
        project: './tsconfig.json',
        tsconfigRootDir: root,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // class-validator/class-transformer read `design:type` metadata from explicit annotations.
      '@typescript-eslint/no-inferrable-types': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@nx/enforce-module-boundaries': moduleBoundaries(),
      'no-restricted-imports': restrictedImports(),
    },
  },

  // Specs and test helpers may import type:testing projects (@hub/testing).
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ testing: true }),
      'no-restricted-imports': restrictedImports({ testing: true }),
    },
  },

  // tools/: dev scripts, generators and lint rules. Tagged type:util, but may use any lib and @hub/testing.
  {
    files: TOOLS_FILES,
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ testing: true, anyLib: true }),
      'no-restricted-imports': restrictedImports({ testing: true }),
    },
  },

  // Every HTTP route, NATS handler and socket.io message declares its venue scope (STYLE.md §3).
  {
    files: HANDLER_FILES,
    plugins: { hub },
    rules: {
      'hub/handlers-must-be-venue-scoped': 'error',
    },
  },

  // Formatting belongs to prettier: switch off every stylistic rule. Keep last.
  prettier,
);
