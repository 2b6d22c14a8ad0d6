import { execFileSync } from 'node:child_process';
import { freePort } from '../electron/emulator/free-port';

/**
 * An adb server address of the test's own (the studio starts it on first use), so e2e never
 * touches the user's adb server on 5037 or the phones attached to it.
 */
export async function privateAdb(): Promise<{ address: string; kill(): void }> {
  const port = await freePort();
  return {
    address: `127.0.0.1:${port}`,
    kill: () => {
      try {
        execFileSync(process.env.ADB ?? 'adb', ['-P', String(port), 'kill-server'], {
          stdio: 'ignore',
        });
      } catch {
        // No server was started on it: nothing to stop.
      }
    },
  };
}
