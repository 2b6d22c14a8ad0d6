import type { Command } from 'commander';
import { describeZodError } from '../../shared/result';
import { scenarioSchema, type Scenario } from '../../shared/scenario';
import { UsageError } from './global-options';

/** The scenario and quantisation options `graph build` and `graph fidelity` share. */
export interface ScenarioOptions {
  chunk: string;
  sink: string;
  window: string;
  memory: string;
  quant: string;
}

export function addScenarioOptions(command: Command): Command {
  return command
    .requiredOption('--chunk <C>', 'prefill chunk size in tokens')
    .requiredOption('--sink <S>', 'sink tokens kept at the start of the cache')
    .requiredOption('--window <W>', 'recent tokens kept in the cache (at least the chunk)')
    .option('--memory <on|off>', 'compressed memory (demo model only)', 'off')
    .option(
      '--quant <spec>',
      'int{4|8}-{channel|g32|g64|g128}[-asym][:qdq|:nbits], or float',
      'float',
    );
}

/** The scenario of the options; a bad one is a usage error naming the field. */
export function parseScenarioOptions(options: ScenarioOptions): Scenario {
  const parsed = scenarioSchema.safeParse({
    chunk: Number(options.chunk),
    sink: Number(options.sink),
    window: Number(options.window),
    memory: options.memory,
  });
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error));
  return parsed.data;
}
