import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from './fixtures';
import { ProfilesPage } from './pages/profiles-page';

const llama = resolve(
  import.meta.dirname,
  '../electron/core/graphs/fixtures/llama-tiny/model.onnx',
);

test('inspect a model, set a scenario from the keyboard and build its graphs', async ({
  shell,
  page,
}) => {
  await shell.open('profiles');
  const profiles = new ProfilesPage(page);
  await profiles.inspect(llama);
  await expect(profiles.inspection).toContainText('optimum');
  await expect(profiles.inspection.locator('svg.recharts-surface')).toBeVisible();
  await profiles.field('Chunk').fill('32');
  await profiles.field('Window').fill('16');
  await expect(page.getByText('window (16) must be at least the chunk size (32)')).toBeVisible();
  await profiles.field('Window').fill('96');
  await expect(page.getByTestId('cache-bytes')).toHaveText('KV cache 100.0 KiB, memory 0 B'); // 2·2·2·(4+96)·32·4 bytes
  await profiles.field('Window').press('Enter');
  await expect(profiles.buildResult).toContainText('prefill.onnx: input_ids [1, 32]');
  await expect(profiles.buildResult).toContainText('decode.onnx: input_ids [1, 1]');
  await page.screenshot({ path: 'test-results/screenshots/profiles-model.png', fullPage: true });
});

test('quantise with int8 per channel and chart the fidelity against the float reference', async ({
  shell,
  page,
  studio,
}) => {
  const dataset = join(studio.dataDir, 'prompts.jsonl');
  const words = Array.from({ length: 30 }, (_, i) => `w${i * 37}x`).join(' ');
  writeFileSync(
    dataset,
    JSON.stringify({ prompt: `Keys: ${words}. The sink.`, answer: 'memory' }) + '\n',
  );
  await shell.open('profiles');
  const profiles = new ProfilesPage(page);
  await profiles.inspect(llama);
  await profiles.field('Chunk').fill('16');
  await profiles.field('Window').fill('32');
  await page.getByLabel('Quantisation').fill('int8-channel');
  await profiles.buildButton.click();
  await expect(profiles.buildResult).toContainText('14 weights quantised');
  await page.getByLabel('Dataset (JSONL)').fill(dataset);
  await page.getByRole('button', { name: 'Measure fidelity' }).click();
  const result = page.getByTestId('fidelity-result');
  await expect(result).toContainText('1 prompts');
  await expect(result.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/profiles-fidelity.png', fullPage: true });
});

test('a file that is not ONNX gets a clear error and the page stays usable', async ({
  shell,
  page,
}) => {
  await shell.open('profiles');
  const profiles = new ProfilesPage(page);
  await profiles.inspect(resolve(import.meta.dirname, '../package.json'));
  await expect(page.getByRole('alert')).toContainText('is not a valid ONNX file');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await profiles.inspect(llama);
  await expect(profiles.inspection).toBeVisible();
});
