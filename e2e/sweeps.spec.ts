import { expect, test } from './fixtures';
import { RunsPage } from './pages/runs-page';
import { openCiProfile, useEmulatedHost } from './emulated-host';

const farm = useEmulatedHost(2);

test.describe.configure({ mode: 'serial', timeout: 180_000 });

const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((line) => line.includes(needle)) + 1;

test('edit ci.yaml, launch it on the emulated phones, watch it finish, follow a point to its run', async ({
  page,
  pageErrors,
}) => {
  void pageErrors;
  const sweeps = await openCiProfile(page, farm);
  await expect(sweeps.estimate).toContainText(/\d+ s/);

  const broken = await sweeps.replace('chunk: [16, 32]', 'chunk: [16, 0]');
  const issue = sweeps.issue('grid.chunk[1]');
  await expect(issue).toContainText('chunk must be at least 1');
  await expect(issue).toHaveAttribute('data-line', String(lineOf(broken, 'chunk:')));
  await expect(sweeps.gridSize).toHaveCount(0);
  await page.screenshot({
    path: 'test-results/screenshots/sweeps-profile-error.png',
    fullPage: true,
  });
  await sweeps.replace('chunk: [16, 0]', 'chunk: [16, 32]');
  await expect(sweeps.issues.locator('li')).toHaveCount(0);
  await expect(sweeps.gridSize).toHaveText('4 points per phone');

  await sweeps.editor.press('Control+Enter');
  await expect(sweeps.progress).toBeVisible();
  await expect(sweeps.settled).toHaveText(/\/ 8 points/);
  await expect(sweeps.progress).toHaveAttribute('data-state', 'finished', { timeout: 150_000 });
  await expect(sweeps.settled).toHaveText('8 / 8 points');
  await expect(sweeps.progress.locator('tr[data-phone] td[data-count="done"]')).toHaveText([
    '4',
    '4',
  ]);
  await page.screenshot({ path: 'test-results/screenshots/sweeps-finished.png', fullPage: true });

  await sweeps.progress.getByRole('link', { name: 'open run' }).first().click();
  const runs = new RunsPage(page);
  await expect(page).toHaveURL(/#\/runs\?run=/);
  await expect(runs.view).toHaveAttribute('data-state', 'finished');
  await page.screenshot({ path: 'test-results/screenshots/sweeps-point-run.png', fullPage: true });
});
