import { z } from 'zod';

const positiveInt = (field: string) =>
  z.number({ error: `${field} must be a number` }).int(`${field} must be a whole number`);

/**
 * A scenario's cache configuration: prefill chunk size C, S sink tokens, a window of W recent
 * tokens, and whether the compressed memory is used. Invalid combinations name their field.
 */
export const scenarioSchema = z
  .object({
    chunk: positiveInt('chunk').min(1, 'chunk must be at least 1'),
    sink: positiveInt('sink').min(0, 'sink must not be negative'),
    window: positiveInt('window').min(1, 'window must be at least 1'),
    memory: z.enum(['on', 'off']),
  })
  .strict()
  .superRefine((scenario, context) => {
    if (scenario.window < scenario.chunk) {
      context.addIssue({
        code: 'custom',
        path: ['window'],
        message: `window (${scenario.window}) must be at least the chunk size (${scenario.chunk})`,
      });
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;

/** A short stable label, e.g. `c128-s4-w512-mem`. */
export function scenarioLabel(scenario: Scenario): string {
  const memory = scenario.memory === 'on' ? 'mem' : 'nomem';
  return `c${scenario.chunk}-s${scenario.sink}-w${scenario.window}-${memory}`;
}

/** Tokens of context the attention sees per chunk (sink + window + the chunk itself). */
export function attendedTokens(scenario: Scenario): number {
  return scenario.sink + scenario.window + scenario.chunk;
}
