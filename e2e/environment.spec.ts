import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { EnvironmentPage } from './pages/environment-page';

/** What the CLI reads on the main side, to compare with what the page shows. */
function cliInfo(dataDir: string) {
  const bin = resolve(import.meta.dirname, '../electron/cli/edge-studio.mjs');
  const output = execFileSync(process.execPath, [bin, '--data', dataDir, 'info', '--json'], {
    encoding: 'utf8',
  });
  return JSON.parse(output) as {
    onnxruntime: { version: string };
    adb: { version: string; path: string };
  };
}

test('the Environment view shows the onnxruntime-node and adb versions of the main side', async ({
  shell,
  studio,
  page,
}) => {
  const expected = cliInfo(studio.dataDir);
  await shell.open('environment');
  const environment = new EnvironmentPage(page);
  await expect(environment.field('onnxruntime-node')).toHaveText(expected.onnxruntime.version);
  await expect(environment.field('adb')).toHaveText(
    `${expected.adb.version} (${expected.adb.path})`,
  );
  await expect(environment.field('Host')).toHaveText('Web host (browser)');
  await expect(environment.field('Data folder')).toHaveText(studio.dataDir);
});

test('the theme is saved in the store and survives a reload', async ({ shell, page }) => {
  await shell.open('environment');
  const environment = new EnvironmentPage(page);
  await expect(environment.theme).toBeEnabled();
  await environment.theme.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/screenshots/environment-dark.png' });
  await page.reload();
  await expect(environment.theme).toHaveValue('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await environment.theme.selectOption('system');
});
