import type { Command } from 'commander';
import { describeZodError } from '../../shared/result';
import { scenarioSchema, type Scenario } from '../../shared/scenario';
import type { CalibrationRequest } from '../core/graphs/build-graphs';
import { UsageError } from './global-options';

/** The scenario and quantisation options `graph build` and `graph fidelity` share. */
export interface ScenarioOptions {
  chunk: string;
  sink: string;
  window: string;
  memory: string;
  quant: string;
  calibration: string;
  calibrationData?: string;
  keepFloat?: string[];
}

export function addScenarioOptions(command: Command): Command {
  return command
    .requiredOption('--chunk <C>', 'prefill chunk size in tokens')
    .requiredOption('--sink <S>', 'sink tokens kept at the start of the cache')
    .requiredOption('--window <W>', 'recent tokens kept in the cache (at least the chunk)')
    .option('--memory <on|off>', 'compressed memory (demo model only)', 'off')
    .option(
      '--quant <spec>',
      'int{4|8}-{channel|g32|g64|g128}[-asym][+a{8|16}][:qdq|:nbits], or float',
      'float',
    )
    .option(
      '--keep-float <name>',
      'keep MatMuls whose node or weight name contains NAME in float; repeatable (default lm_head)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--calibration <method>',
      'activation ranges for +a8/+a16: minmax or percentile:P (e.g. percentile:99.99)',
      'minmax',
    )
    .option(
      '--calibration-data <file>',
      'JSONL prompts to calibrate on (default: the model eval sets, else general text)',
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

/** `--calibration minmax|percentile:P` and `--calibration-data FILE` as a build's calibration. */
export function parseCalibrationOptions(options: ScenarioOptions): CalibrationRequest {
  const dataset = options.calibrationData;
  if (options.calibration === 'minmax') return { method: { kind: 'minmax' }, dataset };
  const percent = Number(/^percentile:(\d+(?:\.\d+)?)$/.exec(options.calibration)?.[1]);
  if (!(percent > 50 && percent < 100)) {
    throw new UsageError(
      `--calibration must be minmax or percentile:P with 50 < P < 100, not "${options.calibration}"`,
    );
  }
  return { method: { kind: 'percentile', percent }, dataset };
}
