import { pathToFileURL } from 'node:url';
import { expect, test } from './fixtures';
import { ComparePage } from './pages/compare-page';
import { openCiProfile, useEmulatedHost } from './emulated-host';

const farm = useEmulatedHost(2);

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test('sweep ci.yaml on the emulated farm, compare it, export its HTML report and open it offline', async ({
  page,
  context,
  pageErrors,
}) => {
  void pageErrors;
  const sweeps = await openCiProfile(page, farm);
  await sweeps.editor.press('Control+Enter');
  await expect(sweeps.progress).toHaveAttribute('data-state', 'finished', { timeout: 180_000 });

  await page.goto(`${farm.host.url}#/compare`);
  const compare = new ComparePage(page);
  await expect(compare.recommendation.locator('li')).toHaveCount(2);
  await expect(compare.recommendation).toContainText('is fastest');
  await expect(compare.pareto.locator('.compare-point').first()).toBeVisible();
  // The frontier may be one point (the fastest is also the smallest), drawn with no line: its
  // table view says which points are on it.
  await compare.pareto.getByRole('button', { name: 'Table' }).click();
  const frontierCells = compare.pareto.locator('tbody td:nth-child(6)', { hasText: /^yes$/ });
  await expect(frontierCells.first()).toBeVisible();
  await compare.pareto.getByRole('button', { name: 'Chart' }).click();
  await expect(compare.table.locator('tbody tr')).toHaveCount(8);
  await expect(compare.significance).toContainText(/TTFT|faster|slower/);
  await page.screenshot({ path: 'test-results/screenshots/compare-ci.png', fullPage: true });

  await page.goto(`${farm.host.url}#/reports`);
  const file = await compare.buildReport('HTML');
  expect(file).toMatch(/\.html$/);
  await expect(page.getByRole('table', { name: 'Reports' })).toContainText(file);
  await page.screenshot({ path: 'test-results/screenshots/reports-built.png', fullPage: true });

  // The report opened from its file with the network blocked: every request but file: aborted
  // and recorded, and none may be attempted.
  const attempted: string[] = [];
  await context.route('**', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    attempted.push(url);
    return route.abort('blockedbyclient');
  });
  const offline = await context.newPage();
  await offline.goto(pathToFileURL(file).href);
  await expect(offline.locator('svg').first()).toBeVisible();
  await expect(offline.locator('body')).toContainText('c16');
  await expect(offline.locator('body')).toContainText('emulated');
  await offline.screenshot({ path: 'test-results/screenshots/report-offline.png', fullPage: true });
  expect(attempted).toEqual([]);
  await offline.close();
});
