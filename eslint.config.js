import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'crypto',
  'url',
];

const pattern = (group, message) => ({ group, message });

/** Folder = process: what each folder may import (STYLE.md §1, §3). */
const layering = {
  shared: [
    pattern(nodeBuiltins, 'shared/ is pure TS: no Node modules.'),
    pattern(
      ['electron', 'react', 'react-dom', '**/electron/**', '**/renderer/**'],
      'shared/ imports only shared/ and pure libraries.',
    ),
  ],
  renderer: [
    pattern(nodeBuiltins, 'renderer/ runs in the browser: no Node modules.'),
    pattern(
      ['electron', '**/electron/**'],
      'renderer/ talks to the main side only through window.studio.',
    ),
  ],
  reports: [
    pattern(
      ['**/renderer/*', '!**/renderer/charts', '**/renderer/!(charts)/**'],
      'electron/core/reports may import renderer/charts only.',
    ),
  ],
  core: [
    pattern(
      ['**/renderer/**'],
      'electron/ never imports the renderer (reports may use renderer/charts).',
    ),
  ],
};

const ipcOnlyInWrappers = {
  paths: [
    {
      name: 'electron',
      importNames: ['ipcMain', 'ipcRenderer'],
      message: 'Use the typed wrappers (electron/main/ipc-main.ts, electron/preload/index.ts).',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'profiles/models/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: layering.renderer }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: layering.shared }] },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...ipcOnlyInWrappers, patterns: layering.core }],
    },
  },
  {
    files: ['electron/core/reports/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { ...ipcOnlyInWrappers, patterns: layering.reports }],
    },
  },
  {
    // The typed wrappers are the only way in to Electron IPC.
    files: ['electron/main/ipc-main.ts', 'electron/preload/index.ts', 'electron/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: layering.core }] },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='send'][callee.object.property.name='webContents']",
          message: 'Send events through sendEvent() in electron/main/ipc-main.ts.',
        },
      ],
    },
  },
);
