import type { Profile } from '../../../shared/profile';
import { scenarioLabel } from '../../../shared/scenario';

/** One valid point of a profile's grid, as the run list names a run of it. */
export interface PlannedPoint {
  /** The scenario label (`c32-s4-w96-mem`), as `run:list` keeps it. */
  scenario: string;
  quant: string;
  ep: string;
  threads: number;
  promptTokens: number | undefined;
}

/**
 * The valid points of a profile's grid (window ≥ chunk), in the scheduler's axis order. Pure.
 * The renderer cannot import the scheduler's `expandGrid`; this is its label-only shadow.
 */
export function plannedPoints(profile: Profile): PlannedPoint[] {
  const { grid } = profile;
  const prompts: (number | undefined)[] = grid.promptTokens ?? [undefined];
  const points: PlannedPoint[] = [];
  for (const chunk of grid.chunk)
    for (const sink of grid.sink)
      for (const window of grid.window.filter((each) => each >= chunk))
        for (const memory of grid.memory)
          for (const quant of grid.quant)
            for (const ep of grid.ep)
              for (const threads of grid.threads)
                for (const promptTokens of prompts)
                  points.push({
                    scenario: scenarioLabel({ chunk, sink, window, memory }),
                    quant,
                    ep,
                    threads,
                    promptTokens,
                  });
  return points;
}
