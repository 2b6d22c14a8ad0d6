import { ok, type Result } from '../../shared/result';
import type { AdbServer } from './devices/adb-server';
import { resolveFarm } from './devices/farm-hosts';
import { resolveDataDir } from './paths';

/** What `--data DIR` and the repeatable `--adb HOST:PORT` say (DESIGN.md "CLI"). */
export interface HostArgs {
  data?: string;
  /** Every `--adb` given, in order; undefined or empty when none was. */
  adb?: readonly string[];
}

/** Where a host keeps its data and which adb servers make its farm. */
export interface HostPlace {
  dataDir: string;
  farm: AdbServer[];
}

/**
 * Reads `--data DIR` / `--data=DIR` (the last one wins) and every `--adb HOST:PORT` /
 * `--adb=HOST:PORT` from an argv that carries other things too (Electron's has Chromium
 * switches). The CLI reads the same two options with commander, for its help.
 */
export function readHostArgs(argv: readonly string[]): HostArgs {
  const found: { data?: string; adb: string[] } = { adb: [] };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = splitOption(argv[i] ?? '');
    if (name !== '--data' && name !== '--adb') continue;
    const value = inline ?? argv[++i];
    if (value === undefined) continue;
    if (name === '--data') found.data = value;
    else found.adb.push(value);
  }
  return found;
}

function splitOption(arg: string): [string, string | undefined] {
  const at = arg.indexOf('=');
  return at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}

/**
 * What the arguments mean, the same in Electron, the web host and the CLI: the data dir (default
 * `$XDG_DATA_HOME/edge-studio`) and the farm (every `--adb`, else adb's environment, else
 * 127.0.0.1:5037), or why an address is not one.
 */
export function resolveHostArgs(
  args: HostArgs,
  env: NodeJS.ProcessEnv = process.env,
): Result<HostPlace> {
  const farm = resolveFarm(args.adb, env);
  if (!farm.ok) return farm;
  return ok({ dataDir: resolveDataDir(args.data, env), farm: farm.value });
}
