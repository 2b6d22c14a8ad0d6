import { expect, test } from './fixtures';

const pages = ['Devices', 'Profiles', 'Runs', 'Compare', 'Reports', 'Environment'];

test('every page opens from the navigation and is screenshotted', async ({ shell, page }) => {
  await shell.open();
  for (const title of pages) {
    await shell.goTo(title);
    await expect(shell.heading).toHaveText(title);
    await expect(shell.link(title)).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('main')).not.toContainText(/TODO/i);
    await page.screenshot({
      path: `test-results/screenshots/${title.toLowerCase()}.png`,
      fullPage: true,
    });
  }
});

test('the navigation works from the keyboard and with history', async ({ shell, page }) => {
  await shell.open();
  await shell.link('Runs').focus();
  await page.keyboard.press('Enter');
  await expect(shell.heading).toHaveText('Runs');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(shell.heading).toHaveText('Compare');
  await page.goBack();
  await expect(shell.heading).toHaveText('Runs');
});

test('pages without data say what will appear and how to get it', async ({
  shell,
  page,
  studio,
}) => {
  await shell.open('devices');
  await expect(page.getByRole('region', { name: 'No phones yet' })).toContainText('adb devices');
  await expect(page.getByRole('region', { name: 'No phones yet' })).toContainText(studio.adb);
});
