import type { Command } from 'commander';
import type { z } from 'zod';
import type { BuildRequestInput, CalibrationMethod } from '../../shared/build-request';
import { quantSpecGrammar } from '../../shared/quant-spec';
import {
  numberArgument,
  parseOptions as parseSchemaOptions,
  type OptionsByField,
} from './cli-options';
import { UsageError } from './global-options';

/** The build options every command that builds graphs shares (`graph build`, `graph fidelity`). */
export interface BuildOptions {
  chunk: string;
  sink: string;
  window: string;
  memory: string;
  quant: string;
  calibration: string;
  calibrationData?: string;
  keepFloat?: string[];
  quantizeHead?: boolean;
}

export function addBuildOptions(command: Command): Command {
  return command
    .requiredOption('--chunk <C>', 'prefill chunk size in tokens')
    .requiredOption('--sink <S>', 'sink tokens kept at the start of the cache')
    .requiredOption('--window <W>', 'recent tokens kept in the cache (at least the chunk)')
    .option('--memory <on|off>', 'compressed memory (demo model only)', 'off')
    .option('--quant <spec>', quantSpecGrammar, 'float')
    .option(
      '--keep-float <name>',
      'also keep MatMuls whose node or weight name contains NAME in float; repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--quantize-head',
      'quantise the output head too (kept float by default, whatever it is called), as ONNX Runtime does',
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

/** The build request the options spell, for the shared schema to check. */
export function buildRequestOf(model: string, options: BuildOptions): BuildRequestInput {
  return {
    model,
    scenario: {
      chunk: numberArgument(options.chunk),
      sink: numberArgument(options.sink),
      window: numberArgument(options.window),
      memory: options.memory as 'on' | 'off',
    },
    quant: options.quant,
    calibration: {
      method: calibrationMethodOf(options.calibration),
      dataset: options.calibrationData,
    },
    keepFloat: options.keepFloat,
    quantizeHead: options.quantizeHead ?? false,
  };
}

/** A request checked by its shared schema; a bad one is a usage error naming the option. */
export function parseOptions<S extends z.ZodType>(schema: S, request: z.input<S>): z.output<S> {
  return parseSchemaOptions(schema, request, buildOptionsByField);
}

/** The command-line option of each request field, by path prefix. */
export const buildOptionsByField: OptionsByField = [
  ['scenario.chunk', '--chunk'],
  ['scenario.sink', '--sink'],
  ['scenario.window', '--window'],
  ['scenario.memory', '--memory'],
  ['quant', '--quant'],
  ['calibration.method', '--calibration'],
  ['calibration.dataset', '--calibration-data'],
  ['keepFloat', '--keep-float'],
  ['dataset', '--dataset'],
  ['limit', '--limit'],
];

/** `--calibration minmax|percentile:P`; the schema checks the range of P. */
function calibrationMethodOf(text: string): CalibrationMethod {
  if (text === 'minmax') return { kind: 'minmax' };
  const percent = /^percentile:(\d+(?:\.\d+)?)$/.exec(text)?.[1];
  if (percent === undefined) {
    throw new UsageError(`--calibration must be minmax or percentile:P, not "${text}"`);
  }
  return { kind: 'percentile', percent: Number(percent) };
}
