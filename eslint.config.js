import js from '@eslint/js';
import { builtinModules } from 'node:module';
import path from 'node:path';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Folder = process (STYLE.md §1, DESIGN.md "Processes and folders"), VS Code style: one map of
 * which folders each folder's production files may import. The first matching folder names a
 * file's layer; folders outside the map (electron/bench, electron/runner, e2e: dev tools and
 * their fixtures) are not checked.
 */
const layers = {
  shared: { may: [], pure: true },
  'renderer/charts': { may: ['shared'], pure: true },
  renderer: { may: ['shared', 'renderer/charts'], pure: true },
  'electron/core/reports': { may: ['shared', 'electron/core', 'renderer/charts'] },
  'electron/core': { may: ['shared'] },
  'electron/emulator': { may: ['shared'] },
  'electron/web': { may: ['shared', 'electron/core'] },
  // `serve` starts the web host, and `emulate` starts emulated phones (see cliEmulatorFiles).
  'electron/cli': { may: ['shared', 'electron/core', 'electron/web'] },
  'electron/main': { may: ['shared', 'electron/core'], electron: true },
  'electron/preload': { may: ['shared'], electron: true },
};
const root = import.meta.dirname;
const layerNames = Object.keys(layers).sort((a, b) => b.length - a.length);

/**
 * The CLI files that start emulated phones (`emulate`, and the farm it attaches them to): the
 * only production code outside electron/emulator that may import it. The web host and Electron
 * never start phones; they see them through adb like real ones.
 */
const cliEmulatorFiles = /^electron\/cli\/emulat[^/]*\.ts$/;

/**
 * The one production file that imports jsdom: the worker thread that draws a report's charts in a
 * jsdom document (Recharts 3 draws nothing in renderToStaticMarkup, recharts#5997).
 */
const reportChartRenderer = 'electron/core/reports/html/chart-render.ts';

/**
 * The studio core's root, which wires every domain's handlers (STYLE.md §10): the one file of
 * electron/core that may import electron/core/reports, for the report and compare handlers.
 */
const studioCoreRoot = 'electron/core/studio-core.ts';

/** Tests and their helpers: they may also import the emulator, testing helpers and test tools. */
const testFile = /(\.test\.tsx?|-mock\.ts)$|(^|\/)testing[^/]*$|(^|\/)testing\//;
const testTools = /^(vitest|@vitest\/|@testing-library\/|fast-check$|jsdom$)/;
const nodeBuiltins = new Set(builtinModules);

function layerOf(relative) {
  return layerNames.find((name) => relative === name || relative.startsWith(`${name}/`)) ?? null;
}

/** Why `from` may not import `spec`, or null when it may. */
function forbiddenImport(from, spec) {
  const layer = layerOf(from);
  if (!layer) return null;
  const rules = layers[layer];
  const isTest = testFile.test(from);
  if (!spec.startsWith('.')) {
    const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
    if (rules.pure && (spec.startsWith('node:') || nodeBuiltins.has(bare.split('/')[0]))) {
      return `${layer}/ is pure TS: no Node modules (${spec}).`;
    }
    if (spec === 'electron' && !rules.electron) {
      return `${layer}/ does not run in Electron: only electron/main and electron/preload import it.`;
    }
    if (layer === 'shared' && /^react(-dom)?(\/|$)/.test(spec)) return 'shared/ has no UI.';
    const reportDom = spec === 'jsdom' && from === reportChartRenderer;
    if (!isTest && !reportDom && testTools.test(spec)) {
      return `Production code does not import ${spec}.`;
    }
    return null;
  }
  const target = path.relative(root, path.resolve(root, path.dirname(from), spec));
  if (!isTest && testFile.test(target)) {
    return `Production code does not import test helpers (${spec}).`;
  }
  const targetLayer = layerOf(target);
  if (!targetLayer || targetLayer === layer) return null;
  const allowed = new Set(rules.may);
  if (isTest || cliEmulatorFiles.test(from)) allowed.add('electron/emulator');
  if (from === studioCoreRoot) allowed.add('electron/core/reports');
  if (allowed.has(targetLayer)) return null;
  return `${layer}/ may import only ${[...new Set([layer, ...allowed])].join(', ')}; not ${targetLayer}/ (${spec}).`;
}

/** `local/layering`: enforces the map above on every import, export-from and import(). */
const layering = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = path.relative(root, context.filename).split(path.sep).join('/');
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string') return;
      const problem = forbiddenImport(from, spec);
      if (problem) context.report({ node: node.source, message: problem });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
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
    files: ['**/*.{ts,tsx}'],
    plugins: { local: { rules: { layering } } },
    rules: { 'local/layering': 'error' },
  },
  {
    // Type-aware, so only where a tsconfig covers the files (tsconfig.node.json, tsconfig.web.json).
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      // A switch over a union names every member, or ends in `default: assertNever(x)` (STYLE §9).
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', ipcOnlyInWrappers] },
  },
  {
    // The typed wrappers are the only way in to Electron IPC.
    files: ['electron/main/ipc-main.ts', 'electron/preload/index.ts', 'electron/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
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
