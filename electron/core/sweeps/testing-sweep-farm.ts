import { vi } from 'vitest';
import type { StudioApi } from '../../../shared/contract';
import type { ProfileInput } from '../../../shared/profile';
import type { SweepDetails } from '../../../shared/sweep';
import { isTerminalRunState } from '../../../shared/run-state';
import type { EmulatedPhone } from '../../emulator/emulated-phone';
import { cacheDir } from '../devices/push/cache-layout';
import { ArtifactCache } from '../graphs/artifact-cache';

/** The sweep the integration tests run: the demo model, memory on and off, 2 repetitions. */
export const smallSweep: ProfileInput = {
  version: 1,
  name: 'sweep-int',
  model: 'builtin:edge-infinite-tiny',
  accuracyPrompts: 0,
  grid: { chunk: [32], sink: [4], window: [96], memory: ['on', 'off'], quant: ['float'] },
  warmup: 0,
  repetitions: 2,
  gate: { timeoutMs: 5000 },
  devices: { emulated: true },
  retries: 1,
};

/**
 * Counts the builds the artifact cache really runs, by key: a second build of one key (two runs
 * racing for the same graphs) counts twice, though it leaves one folder.
 */
export function countBuilds(): { builds: Map<string, number>; restore(): void } {
  const builds = new Map<string, number>();
  const original = ArtifactCache.prototype.getOrBuild;
  const spy = vi.spyOn(ArtifactCache.prototype, 'getOrBuild').mockImplementation(function (
    this: ArtifactCache,
    key,
    build,
    options,
  ) {
    const counted: typeof build = (dir) => {
      builds.set(key, (builds.get(key) ?? 0) + 1);
      return build(dir);
    };
    return original.call(this, key, counted, options) as never;
  });
  return { builds, restore: () => spy.mockRestore() };
}

/**
 * Counts every push into a phone's content-addressed cache from now on, by sha256: each upload
 * the phone's sync service finishes is one (each goes to its own temporary name, so a repeated
 * push of one content counts again).
 */
export function countCachePushes(phone: EmulatedPhone): Map<string, number> {
  const counts = new Map<string, number>();
  const set = phone.pushed.set.bind(phone.pushed);
  phone.pushed.set = (path: string, sha: string) => {
    // An upload lands under a fresh `.partial-` name; the rename into place is recorded too.
    if (path.startsWith(`${cacheDir}/`) && path.includes('.partial-')) {
      counts.set(sha, (counts.get(sha) ?? 0) + 1);
    }
    return set(path, sha);
  };
  return counts;
}

/** Resolves with a sweep's details once it has ended. */
export async function sweepEnded(
  studio: StudioApi,
  sweepId: string,
  timeoutMs = 120_000,
): Promise<SweepDetails> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await studio.invoke('sweep:get', { sweepId });
    if (got.ok && isTerminalRunState(got.value.sweep.state)) return got.value;
    if (Date.now() > deadline) throw new Error(`sweep ${sweepId} did not end in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
