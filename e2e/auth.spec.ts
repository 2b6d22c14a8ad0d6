import { expect, test } from './fixtures';

test('without the token every route is 401 and the shell never loads', async ({ page, studio }) => {
  for (const path of ['/', '/index.html', '/assets/', '/bridge']) {
    const response = await page.request.get(`${studio.origin}${path}`);
    expect(response.status(), path).toBe(401);
  }
  const response = await page.goto(`${studio.origin}/?token=wrong`);
  expect(response?.status()).toBe(401);
  await expect(page.getByTestId('app-shell')).toHaveCount(0);
});

test('with the token the page loads and its socket is accepted', async ({ shell, page }) => {
  await shell.open('environment');
  await expect(page.getByTestId('app-info')).toBeVisible();
  await expect(page.getByRole('status')).toHaveCount(0);
});
