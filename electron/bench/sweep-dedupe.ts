import { join } from 'node:path';
import { graphArtifactSchema } from '../../shared/graph';
import { profileSchema, type ProfileInput } from '../../shared/profile';
import type { ArtifactCache } from '../core/graphs/artifact-cache';
import { weightsFileName } from '../core/graphs/weights-file';
import { hashFile } from '../core/hash-file';
import { startRunFarm } from '../core/runs/testing-run-farm';
import { bundleTar } from '../core/runs/runtimes/bundle-push';
import type { BundleAbi } from '../core/runs/runtimes/runtime-bundle';
import { testBundle } from '../runner/testing-runner';
import { expandGrid } from '../core/sweeps/grid';
import { buildKeyOf } from '../core/sweeps/sweep-plan';
import { countCachePushes, sweepEnded } from '../core/sweeps/testing-sweep-farm';
import type { Benchmark } from './benchmark';

/** 4 chunks × 3 quant specs: 12 graphs, each spec's weights shared by its 4 scenarios. */
const profile: ProfileInput = {
  version: 1,
  name: 'sweep-dedupe',
  model: 'builtin:edge-infinite-tiny',
  accuracyPrompts: 0,
  grid: {
    chunk: [16, 24, 32, 48],
    sink: [4],
    window: [64],
    memory: ['on'],
    quant: ['float', 'int8-channel', 'int4-g32'],
  },
  warmup: 0,
  repetitions: 1,
  gate: { timeoutMs: 5000 },
  devices: { emulated: true },
  retries: 1,
};

const presets = ['sd8gen3', 'tensorg3', 'dimensity9300'];

/** The distinct graphs of the profile's grid, as the scheduler keys its builds. */
function distinctGraphs(): number {
  const grid = expandGrid(profileSchema.parse(profile));
  return new Set(grid.points.map((point) => buildKeyOf(point.request))).size;
}

/** sha256 of every file a run pushes of the built artifacts: graphs and weights, each once. */
async function distinctContents(cache: ArtifactCache, keys: Iterable<string>) {
  const contents = new Set<string>();
  for (const key of new Set(keys)) {
    const manifest = await cache.read(key, graphArtifactSchema);
    if (!manifest) throw new Error(`artifact ${key} has no manifest`);
    const files = [manifest.prefill.file, manifest.decode.file, weightsFileName];
    for (const file of files) {
      const hashed = await hashFile(join(cache.dirOf(key), file)).catch(() => null);
      if (hashed) contents.add(hashed.sha256);
    }
  }
  return contents;
}

/** sha256 of the runtime bundle's tar a phone of `abi` gets (through the same cache). */
async function bundleSha(abi: BundleAbi): Promise<string> {
  return (await hashFile(await bundleTar(await testBundle(abi)))).sha256;
}

/** One phone's cache uploads against what it should have got: each file and its bundle once. */
function tally(
  uploads: ReadonlyMap<string, number>,
  contents: ReadonlySet<string>,
  bundle: string,
) {
  const count = (sha: string) => uploads.get(sha) ?? 0;
  const artifacts = [...contents].reduce((sum, sha) => sum + count(sha), 0);
  const expected = new Set([...contents, bundle]);
  const onceEach =
    uploads.size === expected.size &&
    [...uploads].every(([sha, n]) => n === 1 && expected.has(sha));
  return { artifacts, bundle: count(bundle), onceEach };
}

/**
 * sweep-dedupe: a 4 × 3 grid (chunk × quant spec) on 3 emulated phones through the real stack.
 * Builds are the artifact cache's misses (each build it really starts, so a graph built twice
 * counts twice), against the grid's distinct graphs; pushes are the uploads each phone's sync
 * service received into its content-addressed cache, against the distinct files of the built
 * artifacts × phones (the runtime bundle, pushed through the same cache, is counted apart). Goal:
 * both exact — each graph built once, each phone got each file (and its bundle) exactly once.
 */
export const sweepDedupe: Benchmark = {
  name: 'sweep-dedupe',
  description:
    'a 4 × 3 grid on 3 emulated phones: graph builds / distinct graphs, pushes / distinct artifact files × phones',
  async run() {
    const farm = await startRunFarm(presets);
    const builds: string[] = [];
    const stopCounting = farm.core.cache.onDidStartBuild((key) => builds.push(key));
    try {
      const bundles = await Promise.all(farm.phones.map((phone) => bundleSha(phone.abi)));
      const perPhone = farm.phones.map(countCachePushes);
      const started = await farm.studio.invoke('sweep:start', { profile });
      if (!started.ok) throw new Error(started.error.message);
      const { sweep } = await sweepEnded(farm.studio, started.value.sweepId, 600_000);
      if (sweep.state !== 'finished' || sweep.counts.done !== sweep.counts.planned) {
        throw new Error(`sweep ${sweep.state}: ${JSON.stringify(sweep.counts)}`);
      }
      const graphs = distinctGraphs();
      const contents = await distinctContents(farm.core.cache, builds);
      const pushes = perPhone.map((each, index) => tally(each, contents, bundles[index]!));
      const artifactPushes = pushes.reduce((sum, each) => sum + each.artifacts, 0);
      const expected = contents.size * farm.phones.length;
      // Exact per phone too: every file once, nothing else (a total can hide a miss and a repeat).
      const onceEach = pushes.every((each) => each.onceEach);
      const exact =
        builds.length === graphs &&
        new Set(builds).size === graphs &&
        artifactPushes === expected &&
        onceEach;
      const bundlePushes = pushes.map((each) => each.bundle).join(', ');
      console.log(
        `  ${sweep.counts.done} runs; ${contents.size} distinct files (graphs, weights) per phone; runtime bundle pushes per phone: ${bundlePushes}; every phone got each file and its bundle once: ${onceEach}`,
      );
      return {
        value: exact ? 0 : 1,
        unit: '',
        goal: { op: '<=', value: 0 },
        text: {
          figure: `builds ${builds.length}/${graphs}, pushes ${artifactPushes}/${expected}`,
          goal: 'goal: exact',
        },
      };
    } finally {
      stopCounting();
      await farm.stop();
    }
  },
};
