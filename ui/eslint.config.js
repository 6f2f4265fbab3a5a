import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  { languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    rules: {
      // Only backend.ts may talk to Tauri (ARCHITECTURE.md).
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@tauri-apps/*'], message: 'Import from $lib/backend instead.' }] },
      ],
    },
  },
  { files: ['src/lib/backend.ts'], rules: { 'no-restricted-imports': 'off' } },
  { ignores: ['dist/', 'node_modules/', 'src/lib/bindings/'] },
);
