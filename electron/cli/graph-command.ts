import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ModelInspection } from '../../shared/graph';
import { describeZodError, type Result } from '../../shared/result';
import { scenarioSchema, type Scenario } from '../../shared/scenario';
import { ArtifactCache } from '../core/graphs/artifact-cache';
import { buildGraphs, type ProgressListener } from '../core/graphs/build-graphs';
import { inspectGraphFile } from '../core/graphs/graph-service';
import { resolveDataDir } from '../core/paths';
import { UsageError, type GlobalOptions } from './global-options';
import { formatInspection } from './format-inspection';

interface BuildOptions {
  chunk: string;
  sink: string;
  window: string;
  memory: string;
  quant: string;
  out: string;
}

/** `edge-studio graph inspect|build`. */
export function registerGraphCommand(program: Command): void {
  const graph = program
    .command('graph')
    .description('inspect ONNX decoders and build fixed-shape graphs per scenario');
  graph
    .command('inspect')
    .description(
      'inputs, outputs, ops, parameters, I/O convention and decoder geometry of an ONNX model',
    )
    .argument('<file>', 'an .onnx file, or builtin:edge-infinite-tiny')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const inspection = succeed(await inspectGraphFile(file));
      console.log(
        options.json ? JSON.stringify(inspection, null, 2) : formatInspection(inspection),
      );
    });
  graph
    .command('build')
    .description(
      'specialise MODEL to a prefill graph (C tokens) and a decode graph (1 token) for a scenario',
    )
    .argument('<model>', 'an .onnx file, or builtin:edge-infinite-tiny')
    .requiredOption('--chunk <C>', 'prefill chunk size in tokens')
    .requiredOption('--sink <S>', 'sink tokens kept at the start of the cache')
    .requiredOption('--window <W>', 'recent tokens kept in the cache (at least the chunk)')
    .option('--memory <on|off>', 'compressed memory (demo model only)', 'off')
    .option('--quant <spec>', 'quantisation spec; float until quantisation lands', 'float')
    .requiredOption('--out <dir>', 'folder to write prefill.onnx, decode.onnx and manifest.json to')
    .action(async (model: string, options: BuildOptions, command: Command) => {
      await build(model, options, command.optsWithGlobals<GlobalOptions>());
    });
}

async function build(model: string, options: BuildOptions, globals: GlobalOptions): Promise<void> {
  const scenario = parseScenario(options);
  const cache = new ArtifactCache(join(resolveDataDir(globals.data), 'artifacts'));
  const bar = progressBar();
  const built = succeed(
    await buildGraphs({ model, scenario, quant: options.quant }, cache, bar.update),
  );
  bar.stop();
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  for (const file of await readdir(built.dir)) {
    await copyFile(join(built.dir, file), join(out, file));
    console.log(`wrote ${join(out, file)}`);
  }
}

function parseScenario(options: BuildOptions): Scenario {
  const parsed = scenarioSchema.safeParse({
    chunk: Number(options.chunk),
    sink: Number(options.sink),
    window: Number(options.window),
    memory: options.memory,
  });
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error));
  return parsed.data;
}

/** A progress bar on stderr when it is a terminal; silent otherwise. */
function progressBar(): { update: ProgressListener; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: '{bar} {value}/{total} {message}',
    stream: process.stderr,
    clearOnComplete: true,
  });
  let started = false;
  return {
    update: (step, steps, message) => {
      if (!started) bar.start(steps, step, { message });
      started = true;
      bar.update(step, { message });
    },
    stop: () => bar.stop(),
  };
}

/** The value of a successful result; a failure ends the command with its message. */
function succeed<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new CommandFailure(result.error.message);
}

/** An expected failure of a command (bad model, …): printed as one line, exit code 1. */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
}

export type { ModelInspection };
