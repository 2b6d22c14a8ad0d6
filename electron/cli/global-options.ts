import type { Command } from 'commander';
import type { HostContext } from '../core/app/app-info';
import { resolveHostArgs } from '../core/host-args';
import { join } from 'node:path';
import { ArtifactCache } from '../core/graphs/artifact-cache';
import { resolveDataDir } from '../core/paths';
import type { HostKind } from '../../shared/app-info';

/** Options every command takes (DESIGN.md "CLI"). */
export interface GlobalOptions {
  data?: string;
  /** Every `--adb` given, in order; undefined when none was. */
  adb?: string[];
}

/** Adds `--data` and the repeatable `--adb` to the program. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option(
      '--data <dir>',
      'data dir (default $XDG_DATA_HOME/edge-studio or ~/.local/share/edge-studio)',
    )
    .option(
      '--adb <host:port>',
      'an adb server of the farm; repeat for several (default from ADB_SERVER_SOCKET, ANDROID_ADB_SERVER_PORT, else 127.0.0.1:5037)',
      // No commander default, so --help does not print "(default: [])".
      (value: string, previous: string[] = []) => [...previous, value],
    );
}

/** Turns the global options into a host context, or throws a usage error naming the option. */
export function hostContextFrom(options: GlobalOptions, host: HostKind): HostContext {
  const place = resolveHostArgs(options);
  if (!place.ok) throw new UsageError(place.error.message);
  return { host, ...place.value };
}

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The artifact cache in the data dir that every graph command shares. */
export function artifactCache(globals: GlobalOptions): ArtifactCache {
  return new ArtifactCache(join(resolveDataDir(globals.data), 'artifacts'));
}
