import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

/** Result of one adb invocation. */
export interface AdbRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** A private adb server for one test file (`adb -P PORT`), killed by `stop`. */
export interface TestAdbServer {
  port: number;
  /** Runs `adb -P PORT args…` (argument array, no shell). Never throws on a non-zero exit. */
  adb(
    args: readonly string[],
    options?: { timeout?: number; encoding?: 'buffer' },
  ): Promise<AdbRun>;
  stop(): Promise<void>;
}

/**
 * Starts an adb server on a free port; with `start: false` only picks the port (for code that
 * must start the server itself), and `stop` still kills whatever runs there.
 */
export async function startTestAdbServer(
  options: { start?: boolean } = {},
  adbPath = process.env.ADB ?? 'adb',
): Promise<TestAdbServer> {
  const port = await freePort();
  const adb = async (
    args: readonly string[],
    options: { timeout?: number } = {},
  ): Promise<AdbRun> => {
    try {
      const { stdout, stderr } = await run(adbPath, ['-P', String(port), ...args], {
        timeout: options.timeout ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      return { stdout, stderr, code: 0 };
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; code?: number | string };
      return {
        stdout: failed.stdout ?? '',
        stderr: failed.stderr ?? '',
        code: typeof failed.code === 'number' ? failed.code : 1,
      };
    }
  };
  if (options.start !== false) await adb(['start-server']);
  return { port, adb, stop: async () => void (await adb(['kill-server'])) };
}

/** The adb target of a test server, for the farm helpers. */
export function targetOf(server: TestAdbServer): { adbPath: string; host: string; port: number } {
  return { adbPath: process.env.ADB ?? 'adb', host: '127.0.0.1', port: server.port };
}
