import { expect, test } from './fixtures';
import { RunsPage } from './pages/runs-page';
import { useEmulatedHost } from './emulated-host';

const farm = useEmulatedHost(2);

// The demo model on a small scenario: a run is a few seconds on an emulated phone.
const small = { chunk: '32', sink: '4', window: '96', warmup: '1' };

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test('start a run from the Runs page, see TTFT and memory fill, see it finish; reopen it', async ({
  page,
  pageErrors,
}) => {
  void pageErrors;
  await page.goto(`${farm.host.url}#/runs`);
  const runs = new RunsPage(page);
  await expect(runs.form.getByLabel('Phone').locator('option')).toHaveCount(2);
  await expect(runs.form.getByLabel('Phone').locator('option').first()).toContainText('(emulated)');
  await runs.start({ ...small, repetitions: '3' });
  await expect(runs.view).toHaveAttribute('data-state', /building|pushing|running/);
  // The charts' frames before the first data: what each is waiting for, over empty axes.
  await page.screenshot({ path: 'test-results/screenshots/runs-starting.png', fullPage: true });
  await expect(
    runs.card('Time to first token').locator('.recharts-scatter-symbol').first(),
  ).toBeVisible({
    timeout: 90_000,
  });
  await expect(runs.card('Memory').locator('.recharts-line-curve').first()).toBeVisible();
  await expect(runs.view).toHaveAttribute('data-state', 'finished', { timeout: 90_000 });
  await expect(runs.view.getByTestId('run-accuracy')).toContainText('Quantisation');
  await expect(runs.view.getByTestId('memory-peak')).toContainText(/Peak RSS [\d.]+ MiB/);
  await page.screenshot({ path: 'test-results/screenshots/runs-finished.png', fullPage: true });
  expect(await (await runs.tableRows('Time to first token')).count()).toBe(4); // 1 warm-up + 3
  const samples = await runs.sampleCount();
  expect(samples).toBeGreaterThan(10);

  // Reopened in a fresh window: from the store, with the same charts.
  await page.reload();
  const reopened = new RunsPage(page);
  await reopened.list.getByRole('option').first().click();
  await expect(reopened.view).toHaveAttribute('data-state', 'finished');
  await expect.poll(() => reopened.sampleCount()).toBe(samples);
  expect(await (await reopened.tableRows('Time to first token')).count()).toBe(4);
  await reopened.showChart('Time to first token');
  await expect(reopened.card('Memory').locator('.recharts-line-curve').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/runs-reopened.png', fullPage: true });
});

test('a second window opened mid-run sees the same data; Stop stops the run in both', async ({
  page,
  context,
  pageErrors,
}) => {
  void pageErrors;
  await page.goto(`${farm.host.url}#/runs`);
  const first = new RunsPage(page);
  // Long enough that Stop comes before the end on a quiet, fast machine too.
  await first.start({ ...small, repetitions: '1000' });
  await expect(
    first.card('Time to first token').locator('.recharts-scatter-symbol').first(),
  ).toBeVisible({
    timeout: 90_000,
  });
  const other = await context.newPage();
  await other.goto(`${farm.host.url}#/runs`);
  const second = new RunsPage(other);
  await second.list.getByRole('option', { name: /running/ }).click();
  await expect(second.view).toHaveAttribute('data-state', 'running');
  await expect(
    second.card('Time to first token').locator('.recharts-scatter-symbol').first(),
  ).toBeVisible();
  await other.screenshot({
    path: 'test-results/screenshots/runs-second-window.png',
    fullPage: true,
  });
  await first.stopButton.click();
  await expect(first.view).toHaveAttribute('data-state', 'cancelled', { timeout: 30_000 });
  await expect(second.view).toHaveAttribute('data-state', 'cancelled');
  await expect.poll(() => first.sampleCount()).toBeGreaterThan(0);
  // Once stopped the stream is still; both windows hold every sample the store has.
  await expect.poll(async () => (await second.sampleCount()) - (await first.sampleCount())).toBe(0);
  const ttft = async (runs: RunsPage) =>
    (await (await runs.tableRows('Time to first token')).allTextContents()).join('\n');
  expect(await ttft(second)).toBe(await ttft(first));
  await page.screenshot({ path: 'test-results/screenshots/runs-stopped.png', fullPage: true });
});
