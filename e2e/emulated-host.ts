import { test } from './fixtures';
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
