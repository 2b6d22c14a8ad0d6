import type { Profile } from '../../../shared/profile';
import { runRequestSchema, type RunRequest } from '../../../shared/run';
import { scenarioLabel, scenarioSchema, type Scenario } from '../../../shared/scenario';

/** One configuration of a sweep: a whole run request but for the phone it runs on. */
export interface GridPoint {
  /** Stable key, e.g. `c32-s4-w96-mem-int8-channel:qdq-cpu-t1` (`-p256` with a prompt length). */
  key: string;
  request: Omit<RunRequest, 'device'>;
}

/** A combination of the axes that is not a valid scenario (window < chunk), with why. */
export interface SkippedPoint {
  key: string;
  reason: string;
}

export interface ExpandedGrid {
  points: GridPoint[];
  skipped: SkippedPoint[];
}

const pointSchema = runRequestSchema.omit({ device: true });

interface Combination {
  scenario: Scenario;
  quant: string;
  ep: RunRequest['ep'];
  threads: number;
  promptTokens: number | undefined;
}

/**
 * Expands a profile's grid into its points, in axis order (chunk slowest, then sink, window,
 * memory, quant, ep, threads, prompt length). Pure: the same profile gives the same points.
 */
export function expandGrid(profile: Profile): ExpandedGrid {
  const result: ExpandedGrid = { points: [], skipped: [] };
  for (const combination of combinations(profile)) {
    const key = pointKey(combination);
    const scenario = scenarioSchema.safeParse(combination.scenario);
    const request = scenario.success ? pointRequest(profile, combination) : scenario;
    if (request.success) result.points.push({ key, request: request.data });
    else
      result.skipped.push({ key, reason: request.error.issues.map((i) => i.message).join('; ') });
  }
  return result;
}

/** The number of points and skipped combinations, without building the requests. */
export function gridSize(profile: Profile): { points: number; skipped: number } {
  const { grid } = profile;
  const prompts = grid.promptTokens?.length ?? 1;
  const rest = grid.memory.length * grid.quant.length * grid.ep.length * grid.threads.length;
  let valid = 0;
  let all = 0;
  for (const chunk of grid.chunk) {
    for (const window of grid.window) {
      const n = grid.sink.length * rest * prompts;
      all += n;
      if (window >= chunk) valid += n;
    }
  }
  return { points: valid, skipped: all - valid };
}

/** The key of a combination: the scenario label, quant, EP, threads and prompt length. */
export function pointKey(combination: Combination): string {
  const { scenario, quant, ep, threads, promptTokens } = combination;
  const prompt = promptTokens === undefined ? '' : `-p${promptTokens}`;
  return `${scenarioLabel(scenario)}-${quant}-${ep}-t${threads}${prompt}`;
}

function* combinations(profile: Profile): Generator<Combination> {
  const { grid } = profile;
  const prompts: (number | undefined)[] = grid.promptTokens ?? [undefined];
  for (const chunk of grid.chunk)
    for (const sink of grid.sink)
      for (const window of grid.window)
        for (const memory of grid.memory)
          for (const quant of grid.quant)
            for (const ep of grid.ep)
              for (const threads of grid.threads)
                for (const promptTokens of prompts)
                  yield {
                    scenario: { chunk, sink, window, memory },
                    quant,
                    ep,
                    threads,
                    promptTokens,
                  };
}

/** The point's request, parsed by the run schema without its phone (every default filled in). */
function pointRequest(profile: Profile, combination: Combination) {
  return pointSchema.safeParse({
    model: profile.model,
    scenario: combination.scenario,
    quant: combination.quant,
    ...(profile.dataset === undefined ? {} : { dataset: profile.dataset }),
    ...(combination.promptTokens === undefined ? {} : { promptTokens: combination.promptTokens }),
    accuracyPrompts: profile.accuracyPrompts,
    repetitions: profile.repetitions,
    warmup: profile.warmup,
    ep: combination.ep,
    threads: combination.threads,
    gate: profile.gate,
    includeThrottled: profile.includeThrottled,
  });
}
