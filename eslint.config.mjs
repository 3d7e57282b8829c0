// Lint for the whole monorepo (`npm run lint`). Syntax-level rules only, no type-checked presets,
// so it stays fast; `npm run typecheck` does the type checking. Formatting belongs to Prettier.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** A relative import that climbs out of its package into another one (`../../shared/src/...`). */
const crossPackageRelative = {
  regex: '^(\\.\\./)+(shared|server|miniapp|scripts)/(src|test|prisma|config|build)(/|$)',
  message: 'Import another workspace package by its name (@plsr/shared/..., @plsr/server), not by a relative path.',
};

const serverOnly = (what) => ({
  group: what,
  message: 'Server-side code: the mini-program runs in WeChat and the browser, and talks to the server only over HTTP.',
});

/** `shared` is pure TypeScript (vocabulary, schemas, scoring): no I/O, no framework, no app code. */
const sharedBoundary = [
  {
    group: ['@plsr/server', '@plsr/server/*', '@plsr/miniapp', '@plsr/miniapp/*', '@plsr/scripts', '@plsr/scripts/*'],
    message: 'shared must not depend on the apps.',
  },
  {
    group: ['koa', 'koa-*', '@koa/*', '@prisma/*', 'pg', 'better-sqlite3', '@tarojs/*', 'react', 'react/*', 'react-dom', 'react-dom/*'],
    message: 'shared is framework-free and does no I/O.',
  },
  { regex: '^(\\.\\./)+(server|miniapp|scripts)(/|$)', message: 'shared must not reach into the apps.' },
  crossPackageRelative,
];

/** The mini-program never imports server code or database drivers. */
const miniappBoundary = [
  serverOnly(['@plsr/server', '@plsr/server/*', '@plsr/scripts', '@plsr/scripts/*', 'koa', 'koa-*', '@koa/*', '@prisma/*', 'pg', 'better-sqlite3']),
  { regex: '^(\\.\\./)+(server|scripts)(/|$)', message: 'The mini-program must not reach into the server.' },
  crossPackageRelative,
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'miniapp/dist-h5/**',
      'server/src/generated/**',
      '**/coverage/**',
      'test-artifacts/**',
      'data/**',
      '**/.swc/**',
      'docs/openapi.json',
      '**/*.min.js',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names mark a parameter or destructured field that is deliberately left unused.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-imports': ['error', { patterns: [crossPackageRelative] }],
    },
  },
  {
    // Node: the server, the command-line scripts, the build and its config, the tests' own harnesses.
    files: ['server/**', 'scripts/**', 'miniapp/build.ts', 'miniapp/config/**', '*.js', '*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS files (jest config, reporter, babel config).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['miniapp/src/**', 'miniapp/test/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/test/**', '**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    // Tests read parsed JSON replies (the harness's `Reply.body`) by path and compare them with
    // hand-worked values; typing each reply would restate the shared schemas the server already
    // checks. Source code keeps the rule.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['miniapp/src/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: sharedBoundary }] },
  },
  {
    files: ['miniapp/**'],
    ignores: ['miniapp/test/e2e/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: miniappBoundary }] },
  },
  prettier,
);
