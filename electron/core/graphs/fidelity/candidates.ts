import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphArtifact, ModelInspection } from '../../../../shared/graph';
import { graphPairPlan } from '../../runs/runtimes/graph-pair-plan';
import { runOnHost, type HostBundle } from '../../runs/runtimes/host-run';
import type { ChunkRunner } from './chunk-runner';
import { argmax, type Logits } from './logits';
import { openCandidate, padTokenOf } from './runners';

/** A prompt's logits, then up to `budget` greedy tokens (stopping before `eos`). */
export interface Scored {
  logits: Logits[];
  generated: number[];
}

/** Scores prompts one at a time: a graph pair under some loop, or the reference. */
export interface Scorer {
  score(tokens: readonly number[], budget: number): Promise<Scored>;
  release(): Promise<void>;
}

/** edge-runner failed on a prompt (its error line, or how it exited). */
export class HostRunFailure extends Error {}

/** A chunk runner as a scorer: the prompt fed at once, then greedy tokens one call each. */
export function chunkScorer(runner: ChunkRunner, eos: number | null): Scorer {
  return {
    async score(tokens, budget) {
      runner.reset();
      const logits = await runner.feed(tokens);
      const generated: number[] = [];
      let next = argmax(logits.at(-1) as Logits);
      while (generated.length < budget && next !== eos) {
        generated.push(next);
        const [row] = await runner.feed([next]);
        next = argmax(row as Logits);
      }
      return { logits, generated };
    },
    release: () => runner.release(),
  };
}

/**
 * A built artifact's graphs under edge-runner's host build, one process per prompt (its loop
 * decodes greedily itself; the tokens after `eos` are dropped), or, with no bundle, under the
 * same loop in onnxruntime-node.
 */
export async function artifactScorer(
  inspection: ModelInspection,
  built: GraphArtifact & { dir: string },
  eos: number | null,
  bundle: HostBundle | null,
): Promise<Scorer> {
  if (!bundle) return chunkScorer(await openCandidate(inspection, built), eos);
  const work = await mkdtemp(join(tmpdir(), 'edge-studio-fidelity-'));
  return {
    async score(tokens, budget) {
      const plan = graphPairPlan({
        prefill: join(built.dir, built.prefill.file),
        decode: join(built.dir, built.decode.file),
        inputNames: built.prefill.inputs.map((input) => input.name),
        padToken: padTokenOf(inspection),
        prompt: 'prompt.i32',
        decodeTokens: Math.max(budget - 1, 0),
      });
      const run = await runOnHost(bundle, work, plan, tokens);
      if (!run.ok) throw new HostRunFailure(run.error.message);
      const greedy = run.value.tokens.slice(0, budget);
      const end = greedy.indexOf(eos ?? -1);
      return {
        logits: run.value.rows.slice(0, tokens.length),
        generated: end < 0 ? greedy : greedy.slice(0, end),
      };
    },
    release: () => rm(work, { recursive: true, force: true }),
  };
}
