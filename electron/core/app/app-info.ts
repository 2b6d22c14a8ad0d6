import { availableParallelism } from 'node:os';
import type { AppInfo, HostKind } from '../../../shared/app-info';
import { locateAdb, readAdbVersion } from '../devices/adb-binary';
import type { AdbServer } from '../devices/adb-server';
import { studioVersion } from '../paths';
import { probeOnnxRuntime } from './onnxruntime-probe';

/** What a host knows about itself when the core starts. */
export interface HostContext {
  host: HostKind;
  dataDir: string;
  /** The farm from `--adb` or adb's environment (resolveHostArgs). */
  farm: readonly AdbServer[];
  env?: NodeJS.ProcessEnv;
}

/** Reads versions and paths on the main side for the Environment view and `edge-studio info`. */
export async function readAppInfo(context: HostContext): Promise<AppInfo> {
  return {
    studioVersion: studioVersion(),
    host: context.host,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    platform: `${process.platform}-${process.arch}`,
    onnxruntime: probeOnnxRuntime(),
    adb: await probeAdb(context.env ?? process.env),
    dataDir: context.dataDir,
    farm: context.farm.map((server) => server.address),
    // The count the sweep scheduler caps emulated phones at (farmConcurrency).
    hostCores: availableParallelism(),
  };
}

async function probeAdb(env: NodeJS.ProcessEnv): Promise<AppInfo['adb']> {
  const located = locateAdb(env);
  if (!located.ok) return { found: false, reason: located.error.message };
  const version = await readAdbVersion(located.value);
  return version.ok
    ? { found: true, path: located.value, version: version.value }
    : { found: false, reason: version.error.message };
}
