import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../shared/scenario';
import { ArtifactCache } from '../core/graphs/artifact-cache';
import { buildGraphs } from '../core/graphs/build-graphs';

/** One build step: when it started (ms from the start), the peak RSS so far (KiB), and what. */
export type ChildStep = [ms: number, peakKb: number, message: string];

/** What one build in a child process reports on its last stdout line. */
export interface ChildBuild {
  ms: number;
  /** Peak resident set of the child, from its own /proc/self/status (VmHWM). */
  peakRssKb: number;
  /** Bytes of each file of the artifact. */
  files: Record<string, number>;
  steps: ChildStep[];
}

/** VmHWM of this process: the most it has had resident (anonymous and file-backed pages). */
function peakRssKb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return hwm ? Number(hwm) : process.resourceUsage().maxRSS;
}

/**
 * One graph build in a process of its own, so that its peak RSS is the build's alone:
 * `node --import tsx build-child.ts MODEL CACHE_DIR QUANT SCENARIO_JSON`.
 */
async function main([model, cacheDir, quant, scenario]: string[]): Promise<void> {
  const started = performance.now();
  const steps: ChildStep[] = [];
  const built = await buildGraphs(
    { model: model ?? '', quant: quant ?? '', scenario: JSON.parse(scenario ?? '{}') as Scenario },
    new ArtifactCache(cacheDir ?? ''),
    (_step, _steps, message) =>
      steps.push([Math.round(performance.now() - started), peakRssKb(), message]),
  );
  const ms = performance.now() - started;
  if (!built.ok) throw new Error(built.error.message);
  const files = Object.fromEntries(
    readdirSync(built.value.dir).map((file) => [file, statSync(join(built.value.dir, file)).size]),
  );
  console.log(JSON.stringify({ ms, peakRssKb: peakRssKb(), files, steps } satisfies ChildBuild));
}

await main(process.argv.slice(2));
