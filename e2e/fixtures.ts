import { test as base, expect } from '@playwright/test';
import { privateAdb } from './private-adb';
import { startStudioHost, type StudioHost } from './studio-host';
import { ShellPage } from './pages/shell-page';

interface Fixtures {
  shell: ShellPage;
  pageErrors: string[];
}

/**
 * `studio`: one web host per worker, no phones, on an adb server of its own. Every test fails on a page error
 * or a console error, whichever page it happened on.
 */
export const test = base.extend<Fixtures, { studio: StudioHost & { adb: string } }>({
  studio: [
    // Playwright fixtures take their dependencies as a destructured first argument, none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const adb = await privateAdb();
      const host = await startStudioHost({ globalArgs: ['--adb', adb.address] });
      await use({ ...host, adb: adb.address });
      await host.stop();
      adb.kill();
    },
    { scope: 'worker' },
  ],
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    await use(errors);
    expect(errors, 'the page logged errors').toEqual([]);
  },
  shell: async ({ page, studio, pageErrors }, use) => {
    void pageErrors;
    await use(new ShellPage(page, studio.url));
  },
});

export { expect };
