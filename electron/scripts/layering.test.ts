import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The files linted here do not exist, so no tsconfig covers them: the type-aware part is off.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/switch-exhaustiveness-check': 'off' },
  },
});

/** The layering problems ESLint reports for `import 'spec'` written in `file`. */
async function layeringProblems(file: string, spec: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import '${spec}';\n`, { filePath: `${root}/${file}` });
  const messages = result?.messages ?? [];
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return messages
    .filter((message) => message.ruleId === 'local/layering')
    .map((message) => message.message);
}

// [file the import is written in, what it imports]
const forbidden = [
  ['shared/x.ts', 'node:fs'],
  ['shared/x.ts', 'path'],
  ['shared/x.ts', 'electron'],
  ['shared/x.ts', 'react'],
  ['shared/x.ts', '../electron/core/log'],
  ['shared/x.ts', '../renderer/charts/vitals-chart'],
  ['electron/core/devices/x.ts', '../../web/auth'],
  ['electron/core/devices/x.ts', '../../emulator/phone-farm'],
  ['electron/core/x.ts', '../cli/main'],
  ['electron/core/x.ts', '../main/ipc-main'],
  ['electron/core/x.ts', 'electron'],
  ['electron/core/x.ts', 'vitest'],
  ['electron/core/x.ts', './testing'],
  ['electron/core/x.ts', '../main/electron-mock'],
  ['electron/core/x.ts', '../../renderer/charts/vitals-chart'],
  ['electron/core/x.ts', './reports/compare-handlers'],
  ['electron/core/reports/x.ts', 'jsdom'],
  ['electron/core/reports/x.ts', '../../../renderer/pages/devices-page'],
  ['electron/emulator/x.ts', '../core/log'],
  ['electron/web/x.ts', '../emulator/phone-farm'],
  ['electron/web/x.ts', '../cli/main'],
  ['electron/web/x.ts', 'electron'],
  ['electron/cli/devices-command.ts', '../emulator/phone-farm'],
  ['electron/cli/x.ts', '../main/window'],
  ['electron/main/x.ts', '../web/bridge'],
  ['electron/main/x.ts', '../emulator/phone-farm'],
  ['electron/preload/x.ts', '../core/log'],
  ['renderer/x.ts', 'node:fs'],
  ['renderer/x.ts', 'electron'],
  ['renderer/pages/x.tsx', '../../electron/core/log'],
  ['renderer/charts/x.tsx', '../pages/devices-page'],
  ['renderer/x.ts', 'vitest'],
] as const;

const allowed = [
  ['shared/x.ts', './result'],
  ['shared/x.ts', 'zod'],
  ['electron/core/devices/x.ts', '../../../shared/result'],
  ['electron/core/devices/x.ts', 'node:net'],
  ['electron/core/devices/x.test.ts', '../../emulator/emulated-phone'],
  ['electron/core/devices/x.test.ts', 'vitest'],
  ['electron/core/reports/x.ts', '../../../renderer/charts/vitals-chart'],
  ['electron/core/reports/html/chart-render.ts', 'jsdom'],
  ['electron/core/studio-core.ts', './reports/compare-handlers'],
  ['electron/emulator/x.ts', '../../shared/result'],
  ['electron/web/x.ts', '../core/log'],
  ['electron/cli/emulate-command.ts', '../emulator/phone-farm'],
  ['electron/cli/serve-command.ts', '../web/web-host'],
  ['electron/main/x.ts', 'electron'],
  ['electron/main/x.ts', '../core/studio-core'],
  ['electron/preload/x.ts', 'electron'],
  ['electron/preload/x.ts', '../../shared/contract'],
  ['renderer/pages/x.tsx', '../../shared/result'],
  ['renderer/x.test.tsx', './testing/render-app'],
] as const;

describe('layering in lint (eslint.config.js)', () => {
  it.each(forbidden)('refuses, in %s, an import of %s', async (file, spec) => {
    expect(await layeringProblems(file, spec)).toHaveLength(1);
  });

  it.each(allowed)('allows, in %s, an import of %s', async (file, spec) => {
    expect(await layeringProblems(file, spec)).toEqual([]);
  });
});
