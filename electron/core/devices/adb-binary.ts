import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { processFailureCode } from '../../../shared/process-failure';
import { fail, ok, type Result } from '../../../shared/result';

const run = promisify(execFile);

/** How to install adb, said wherever it is missing. */
export const adbInstallHint =
  'install it with `sudo apt-get install adb` (Debian/Ubuntu) or Android SDK platform-tools, or set $ADB';

/**
 * Candidate adb paths in adb's own order of precedence: `$ADB`, `$ANDROID_HOME/platform-tools`,
 * `$ANDROID_SDK_ROOT/platform-tools`, then each `PATH` entry.
 */
export function adbCandidates(env: NodeJS.ProcessEnv): string[] {
  const sdkRoots = [env.ANDROID_HOME, env.ANDROID_SDK_ROOT].filter(Boolean) as string[];
  const pathDirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  return [
    ...(env.ADB ? [env.ADB] : []),
    ...sdkRoots.map((root) => join(root, 'platform-tools', 'adb')),
    ...pathDirs.map((dir) => join(dir, 'adb')),
  ];
}

/** The first executable adb, or why none was found. */
export function locateAdb(env: NodeJS.ProcessEnv = process.env): Result<string> {
  for (const candidate of adbCandidates(env)) {
    try {
      accessSync(candidate, constants.X_OK);
      return ok(candidate);
    } catch {
      // Not there or not executable: try the next candidate.
    }
  }
  return fail('not-installed', `adb was not found; ${adbInstallHint}`);
}

/**
 * Parses `adb version` output, e.g. "Android Debug Bridge version 1.0.41\nVersion 29.0.6-debian".
 * Returns the tool version when present, else the protocol version.
 */
export function parseAdbVersion(output: string): string | null {
  const tool = /^Version\s+(\S+)/m.exec(output);
  if (tool?.[1]) return tool[1];
  const bridge = /Android Debug Bridge version\s+(\S+)/.exec(output);
  return bridge?.[1] ?? null;
}

/** Runs `adb version` (argument array, no shell) and parses it. */
export async function readAdbVersion(adbPath: string): Promise<Result<string>> {
  try {
    const { stdout } = await run(adbPath, ['version'], { timeout: 5000 });
    const version = parseAdbVersion(stdout);
    return version ? ok(version) : fail('command-failed', `Unrecognised \`adb version\` output`);
  } catch (error) {
    return fail(
      processFailureCode(error),
      `\`${adbPath} version\` failed: ${(error as Error).message}`,
    );
  }
}
