import { resolve } from 'node:path';
import type { Command } from 'commander';
import { fidelityRequestSchema, type FidelityRequest } from '../../shared/build-request';
import type { JobSnapshot } from '../../shared/job';
import type { FidelityReport } from '../../shared/graph';
import { readBundle } from '../core/runs/runtimes/runtime-bundle';
import type { HostBundle } from '../core/runs/runtimes/host-run';
import { call, withStudio } from './cli-studio';
import { CommandFailure, progressBar, succeed } from './command-output';
import { followJob } from './follow-job';
import { numberArgument } from './cli-options';
import { artifactCache, type GlobalOptions } from './global-options';
import {
  addBuildOptions,
  buildRequestOf,
  parseOptions,
  type BuildOptions,
} from './scenario-options';

type FidelityOptions = BuildOptions & {
  dataset: string;
  limit?: string;
  json?: boolean;
  runner?: string;
};

/** `edge-studio graph fidelity`: logit fidelity and task scores against the float reference. */
export function registerFidelityCommand(graph: Command): void {
  addBuildOptions(
    graph
      .command('fidelity')
      .description(
        'compare the specialised (and quantised) graphs with the full-context float reference on a dataset',
      )
      .argument('<model>', 'an .onnx file, or builtin:edge-infinite-tiny'),
  )
    .requiredOption('--dataset <file>', 'JSONL with prompt and, optionally, answer per line')
    .option('--limit <n>', 'use the first n prompts')
    .option(
      '--runner <bundle>',
      'run the specialised graphs with the edge-runner bundle in this folder (out/runtime/x86_64 after setup), as a phone runs them; default: the same loop in onnxruntime-node',
    )
    .option('--json', 'print JSON')
    .action(async (model: string, options: FidelityOptions, command: Command) => {
      const request = parseOptions(fidelityRequestSchema, {
        ...buildRequestOf(model, options),
        dataset: options.dataset,
        limit: options.limit === undefined ? undefined : numberArgument(options.limit),
      });
      const report =
        options.runner === undefined
          ? await withStudio(command, async ({ studio }) => {
              const { jobId } = await call(studio, 'graph:fidelity', request);
              return followJob<FidelityJob>(studio, jobId, 'graph-fidelity');
            })
          : await withRunner(request, await hostBundle(options.runner), command);
      console.log(options.json ? JSON.stringify(report, null, 2) : formatFidelity(report));
    });
}

type FidelityJob = Extract<JobSnapshot, { kind: 'graph-fidelity' }>;

/**
 * Fidelity with an edge-runner bundle of this host. `graph:fidelity` has no runner field yet (a
 * bundle is a path on the host, which a window cannot name), so this one runs in-process.
 */
async function withRunner(
  request: FidelityRequest,
  runner: HostBundle,
  command: Command,
): Promise<FidelityReport> {
  const { measureFidelity } = await import('../core/graphs/fidelity/fidelity');
  const bar = progressBar();
  const cache = artifactCache(command.optsWithGlobals<GlobalOptions>());
  const report = await measureFidelity(request, cache, bar.update, { runner });
  bar.stop();
  return succeed(report);
}

/** The bundle in `dir`, refused unless this host can execute it. */
async function hostBundle(dir: string): Promise<HostBundle> {
  const manifest = succeed(await readBundle(resolve(dir)));
  const hostAbi = process.arch === 'arm64' ? 'arm64-v8a' : 'x86_64';
  if (manifest.abi !== hostAbi)
    throw new CommandFailure(
      `--runner: ${dir} is an ${manifest.abi} bundle; this host runs ${hostAbi}`,
    );
  return { dir: resolve(dir), manifest };
}

function formatFidelity(report: FidelityReport): string {
  const row = (name: string, part: FidelityReport['cache'] | null) =>
    part
      ? `${name.padEnd(14)} top-1 ${(part.top1Agreement * 100).toFixed(1)} %   cosine ${part.cosineMean.toFixed(4)}   KL mean ${part.klMean.toExponential(2)}   p95 ${part.klP95.toExponential(2)}`
      : `${name.padEnd(14)} (float: nothing quantised)`;
  const tasks = report.tasks
    ? [
        `task scores on ${report.tasks.answered} answers:`,
        ...(['float', 'quantized'] as const).map(
          (name) =>
            `  ${name.padEnd(10)} EM ${report.tasks?.[name].exactMatch.toFixed(3)}  F1 ${report.tasks?.[name].f1.toFixed(3)}  ROUGE-L ${report.tasks?.[name].rougeL.toFixed(3)}`,
        ),
      ]
    : ['no answers in the dataset: no task scores'];
  return [
    `${report.model}, ${report.quant}, chunk ${report.scenario.chunk} sink ${report.scenario.sink} window ${report.scenario.window} memory ${report.scenario.memory}, ${report.prompts} prompts, ${report.total.tokens} tokens`,
    row('cache', report.cache),
    row('quantisation', report.quantization),
    row('total', report.total),
    ...tasks,
  ].join('\n');
}
