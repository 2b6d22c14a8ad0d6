import type { Command } from 'commander';
import { buildRequestSchema } from '../../shared/build-request';
import { missingTokenizerNote, type GraphArtifact } from '../../shared/graph';
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { JobSnapshot } from '../../shared/job';
import { call, withStudio } from './cli-studio';
import { followJob } from './follow-job';
import { formatInspection } from './format-inspection';
import { UsageError } from './global-options';
import { registerFidelityCommand } from './graph-fidelity-command';
import {
  addBuildOptions,
  buildRequestOf,
  parseOptions,
  type BuildOptions,
} from './scenario-options';

/** `edge-studio graph inspect|build|fidelity`. */
export function registerGraphCommand(program: Command): void {
  const graph = program
    .command('graph')
    .description('inspect ONNX decoders, build fixed-shape graphs per scenario, measure fidelity');
  graph
    .command('inspect')
    .description(
      'inputs, outputs, ops, parameters, I/O convention and decoder geometry of an ONNX model',
    )
    .argument('<file>', 'an .onnx file, or builtin:edge-infinite-tiny')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const inspection = await withStudio(command, ({ studio }) =>
        call(studio, 'graph:inspect', { model: file }),
      );
      console.log(
        options.json ? JSON.stringify(inspection, null, 2) : formatInspection(inspection),
      );
    });
  addBuildOptions(
    graph
      .command('build')
      .description(
        'specialise (and quantise) MODEL to a prefill graph (C tokens) and a decode graph (1 token)',
      )
      .argument('<model>', 'an .onnx file, or builtin:edge-infinite-tiny'),
  )
    .requiredOption(
      '--out <dir>',
      'a new or empty folder to write prefill.onnx, decode.onnx and manifest.json to',
    )
    .action(async (model: string, options: BuildOptions & { out: string }, command: Command) => {
      await build(model, options, command);
    });
  registerFidelityCommand(graph);
}

/** Builds through `graph:build` (a job in the data dir's artifact cache), then copies it to --out. */
async function build(
  model: string,
  options: BuildOptions & { out: string },
  command: Command,
): Promise<void> {
  const request = parseOptions(buildRequestSchema, buildRequestOf(model, options));
  const out = resolve(options.out);
  await checkOut(out, options.out);
  const built = await withStudio(command, async ({ studio }) => {
    const { jobId } = await call(studio, 'graph:build', request);
    return followJob<Extract<JobSnapshot, { kind: 'graph-build' }>>(studio, jobId, 'graph-build');
  });
  if (built.quantization.length > 0) console.log(summariseQuantization(built.quantization));
  for (const line of summariseKeptFloat(built.keptFloat)) console.log(line);
  if (built.tokenizer === null) console.log(missingTokenizerNote);
  await mkdir(out, { recursive: true });
  for (const file of await readdir(built.dir)) {
    await copyFile(join(built.dir, file), join(out, file), constants.COPYFILE_EXCL);
    console.log(`wrote ${join(out, file)}`);
  }
}

/**
 * `--out` must be a new or an empty folder: checked before building, so a build is not thrown
 * away at the end, and a file or an earlier build there is never overwritten.
 */
async function checkOut(out: string, given: string): Promise<void> {
  const found = await stat(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new UsageError(`--out ${given}: ${error.message}`);
  });
  if (found === null) return;
  if (!found.isDirectory())
    throw new UsageError(`--out ${given} is a file: give a new or empty folder`);
  const files = await readdir(out);
  if (files.length > 0) {
    throw new UsageError(
      `--out ${given} already holds ${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}: give a new or empty folder`,
    );
  }
}

/** One line per reason on what stayed float: `kept val_415 (node_linear_14) in float: output head`. */
function summariseKeptFloat(kept: GraphArtifact['keptFloat']): string[] {
  const reasons = [...new Set(kept.map((entry) => entry.reason))];
  return reasons.map((reason) => {
    const tensors = kept.filter((entry) => entry.reason === reason);
    return `kept ${tensors.map((entry) => `${entry.tensor} (${entry.node})`).join(', ')} in float: ${reason}`;
  });
}

/** One line on what weight quantisation did: how many tensors, worst SQNR, bytes saved. */
function summariseQuantization(tensors: GraphArtifact['quantization']): string {
  const worst = tensors.reduce((min, tensor) => (tensor.sqnrDb < min.sqnrDb ? tensor : min));
  const before = tensors.reduce((sum, tensor) => sum + tensor.bytesBefore, 0);
  const after = tensors.reduce((sum, tensor) => sum + tensor.bytesAfter, 0);
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
  return `quantised ${tensors.length} weights: ${mib(before)} → ${mib(after)}, worst SQNR ${worst.sqnrDb.toFixed(1)} dB (${worst.tensor})`;
}
