import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { SweepsPage } from './pages/sweeps-page';
import { privateAdb } from './private-adb';
import { startStudioHost, type StudioHost } from './studio-host';

/** The studio host of a spec file, started once for its tests. */
export interface EmulatedHost {
  readonly host: StudioHost;
}

/**
 * Serves the studio for the spec file's tests on its own adb server with `phones` emulated phones
 * (`serve --emulate N`), started before the first test and stopped after the last.
 */
export function useEmulatedHost(phones: number): EmulatedHost {
  let host: StudioHost | null = null;
  let adb: Awaited<ReturnType<typeof privateAdb>> | null = null;
  test.beforeAll(async () => {
    adb = await privateAdb();
    host = await startStudioHost({
      globalArgs: ['--adb', adb.address],
      serveArgs: ['--emulate', String(phones)],
    });
  });
  test.afterAll(async () => {
    await host?.stop();
    adb?.kill();
  });
  return {
    get host() {
      if (!host) throw new Error('the studio host is not started yet');
      return host;
    },
  };
}

/**
 * Opens ci.yaml in the Profiles page of `farm`'s studio and waits until it is ready to launch
 * there: its grid read (4 points a phone) and the emulated phones it would run on listed. The
 * set-up every spec that sweeps ci.yaml starts from.
 */
export async function openCiProfile(page: Page, farm: EmulatedHost): Promise<SweepsPage> {
  await page.goto(`${farm.host.url}#/profiles`);
  const sweeps = new SweepsPage(page);
  await sweeps.openProfile('ci');
  await expect(sweeps.gridSize).toHaveText('4 points per phone');
  await expect(page.getByTestId('sweep-phones')).toContainText('(emulated)');
  return sweeps;
}
