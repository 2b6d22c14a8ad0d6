import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runRequestSchema, type RunRequest } from '../../shared/run';
import { runnerEps } from '../../shared/runner-plan';
import { numberArgument, parseOptions, type OptionsByField } from './cli-options';
import { phoneArgumentHelp } from './phone-selection';
import {
  addBuildOptions,
  buildOptionsByField,
  buildRequestOf,
  type BuildOptions,
} from './scenario-options';

/** The options of `edge-studio run`, as commander hands them over. */
export type RunOptions = BuildOptions & {
  device?: string;
  model: string;
  dataset?: string;
  repeat: string;
  warmup: string;
  ep: string;
  threads: string;
  decode?: string;
  runtime?: string;
  includeThrottled?: boolean;
  json?: boolean;
};

/** A run's request but its phone, which the selector names once the farm has answered. */
export type RunRequestWithoutPhone = Omit<RunRequest, 'device'>;

/** Adds the options of `edge-studio run`: the build options every graph command shares, and the run's. */
export function addRunOptions(command: Command): Command {
  return addBuildOptions(
    command
      .option('--device <phone>', phoneArgumentHelp)
      .requiredOption('--model <model>', 'an .onnx file, or builtin:edge-infinite-tiny'),
  )
    .option(
      '--dataset <file>',
      "JSONL with prompt and, optionally, answer per line (default: the model's eval set)",
    )
    .option('--repeat <n>', 'measured repetitions', '5')
    .option('--warmup <n>', 'warm-up repetitions, run and kept but not counted', '1')
    .option('--ep <ep>', `execution provider: ${runnerEps.join(', ')}`, 'cpu')
    .option('--threads <n>', 'intra-op threads of the runner', '1')
    .option(
      '--decode <n>',
      "greedy decode steps after the prompt (default: the answer's length + 8, else 16)",
    )
    .option(
      '--runtime <id>',
      "a runtime bundle (runtime list; default: the built bundle of the phone's ABI)",
    )
    .option('--include-throttled', 'count repetitions with throttled samples in the statistics')
    .option('--json', 'print the stored run record as JSON');
}

const runOptionsByField: OptionsByField = [
  ...buildOptionsByField,
  ['repetitions', '--repeat'],
  ['warmup', '--warmup'],
  ['decodeTokens', '--decode'],
  ['ep', '--ep'],
  ['threads', '--threads'],
  ['runtime', '--runtime'],
];

/** A model as runs store it: a builtin name, or the file's absolute path (cwd-independent). */
export function modelArgument(text: string): string {
  return text.startsWith('builtin:') ? text : resolve(text);
}

const requestWithoutPhoneSchema = runRequestSchema.omit({ device: true });

/**
 * The run the options ask for, checked by the shared request schema before any phone is asked:
 * a bad one is a usage error (exit 2) naming the option.
 */
export function runRequestOf(options: RunOptions): RunRequestWithoutPhone {
  const model = modelArgument(options.model);
  return parseOptions(
    requestWithoutPhoneSchema,
    {
      ...buildRequestOf(model, options),
      dataset: options.dataset === undefined ? undefined : resolve(options.dataset),
      repetitions: numberArgument(options.repeat),
      warmup: numberArgument(options.warmup),
      decodeTokens: options.decode === undefined ? undefined : numberArgument(options.decode),
      ep: options.ep as RunRequest['ep'],
      threads: numberArgument(options.threads),
      runtime: options.runtime,
      includeThrottled: options.includeThrottled ?? false,
    },
    runOptionsByField,
  );
}
