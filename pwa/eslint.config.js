// Flat config: browser globals for the app, service-worker globals for sw.js, Node for the rest.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['dist/', 'dist.next/', 'dist.old/', 'node_modules/'] },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // A classic script: Workbox's runtime sets the global `workbox` through importScripts.
    files: ['src/sw.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.serviceworker, workbox: 'readonly' },
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
];
