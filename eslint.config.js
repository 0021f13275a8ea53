import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The layering (docs/architecture.md, ADR 0010), kept by CI. Tests may compose any layers.
const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'tests/**'];
const restrict = (regex, message) => ({ regex, message });

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The client reaches the server only through the contracts' types and the vocabulary.
    files: ['client/**/*.{ts,tsx}'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          // The public page reads opening hours and walks the publication's roads with the domain's own pure code.
          restrict('/server/(?!domain/vocabulary(/index(\\.js)?)?$|domain/topology/lattice(\\.js)?$|domain/opening-hours(\\.js)?$|domain/network/(graph|walk)(\\.js)?$|[a-z-]+/contract(\\.js)?$)', 'The client imports from the server only its features\' contract.ts (types), server/domain/vocabulary, the lattice (server/domain/topology/lattice), opening hours and the walking graph (server/domain/opening-hours, server/domain/network/graph|walk).'),
          { ...restrict('/server/[a-z-]+/contract(\\.js)?$', 'Import only types from a contract: the client never bundles server code.'), allowTypeImports: true },
        ],
      }],
    },
  },
  {
    // Pure rules: the domain imports nothing outside server/domain (no db, http, auth, feature folders).
    files: ['server/domain/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [restrict('^\\.\\./', 'server/domain is pure: it imports only server/domain.')] }] },
  },
  {
    files: ['server/domain/*/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [restrict('^\\.\\./\\.\\./', 'server/domain is pure: it imports only server/domain.')] }] },
  },
  {
    // The store imports nothing above it but the vocabulary's types (its columns' value types).
    files: ['server/db/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [restrict('^\\.\\./(?!domain/vocabulary/)', 'server/db imports only server/db and server/domain/vocabulary.')] }] },
  },
  {
    // The server runs without the demo generator except to load the demo (server/demo.ts).
    files: ['server/**/*.ts'],
    ignores: [...TESTS, 'server/domain/**', 'server/db/**', 'server/demo.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [restrict('(^|/)geodata/', 'Only server/demo.ts loads the demo territory from geodata/.')] }] },
  },
  {
    // The demo generator builds rows of the schema from the domain's rules and vocabulary, nothing else of the server.
    files: ['geodata/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [restrict('/server/(?!db/schema(\\.js)?$|domain/)', 'geodata imports from the server only server/db/schema and server/domain.')] }] },
  },
);
