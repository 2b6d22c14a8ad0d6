import type { RunRecord } from '../../shared/run';
import { energyPerToken, memoryFlags, throttledWords } from '../../shared/run-words';
import type {
  Energy,
  MemoryBreakdown,
  RunAccuracy,
  RunSummary,
  Statistic,
} from '../../shared/run-metrics';

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const ms = (value: number) => `${value.toFixed(1)} ms`;
const tokS = (value: number) => `${value.toFixed(1)} tok/s`;

/** What a run did, as `edge-studio run` prints it once it has ended. Pure. */
export function formatRun(record: RunRecord): string {
  const { request } = record;
  const head = [
    `run ${record.id}  ${record.state}  on ${record.deviceKey}`,
    `${request.model}, ${record.quant}, ${record.scenario}, ep ${record.context?.ep ?? request.ep}, ${plural(request.threads, 'thread')}`,
  ];
  const error = record.error ? [`error: ${record.error.code}: ${record.error.message}`] : [];
  const summary = record.summary
    ? formatSummary(record.summary)
    : ['no summary: the run did not finish'];
  return [...head, ...error, ...summary].join('\n');
}

/** The lines of a run's summary: speed, memory, accuracy, energy and the thermal caveat. Pure. */
export function formatSummary(summary: RunSummary): string[] {
  const { repetitions, stats } = summary;
  return [
    `${summary.promptTokens} prompt tokens in ${summary.chunks} chunks, ${summary.decodeTokens} decode tokens; ${repetitions.measured} repetitions measured, ${repetitions.warmup} warm-up`,
    statisticLine('TTFT', stats.ttftMs, ms, true),
    `  cold ${optional(summary.coldTtftMs, ms)}, warm ${optional(summary.warmTtftMs, ms)}`,
    statisticLine('prefill', stats.prefillTokS, tokS),
    statisticLine('decode', stats.decodeTokS, tokS),
    `${'load'.padEnd(13)} ${optional(summary.loadMs, ms)} (session create, both graphs)`,
    ...memoryLines(summary),
    ...accuracyLines(summary.accuracy),
    ...energyLines(summary.energy),
    `thermal       ${summary.thermal.samples} samples, ${summary.thermal.throttledSamples} throttled (worst ${summary.thermal.worstStatus ?? 'unknown'}); ${throttledWords(summary)}`,
    ...(summary.malformedLines > 0
      ? [`${summary.malformedLines} runner lines were not contract events (logged)`]
      : []),
  ];
}

function statisticLine(
  label: string,
  stat: Statistic | undefined,
  unit: (value: number) => string,
  withP90 = false,
): string {
  if (!stat) return `${label.padEnd(13)} (not measured)`;
  const p90 = withP90 ? `  p90 ${unit(stat.p90)}` : '';
  return `${label.padEnd(13)} median ${unit(stat.median)}  95 % CI ${unit(stat.ciLow)} – ${unit(stat.ciHigh)}${p90}  (n ${stat.n})`;
}

function memoryLines(summary: RunSummary): string[] {
  const peak = summary.memory?.peakBytes ?? summary.stats.peakRssBytes?.median ?? null;
  const pss = summary.pssPeakBytes === null ? '' : `, PSS ${mib(summary.pssPeakBytes)}`;
  const head = `${'peak memory'.padEnd(13)} ${optional(peak, mib)}${pss}`;
  return summary.memory ? [head, breakdownLine(summary.memory)] : [head];
}

function breakdownLine(memory: MemoryBreakdown): string {
  const flags = memoryFlags(memory);
  const parts = `  weights ${mib(memory.weightsBytes)} (${memory.weightsSource}), KV cache ${mib(memory.kvCacheBytes)} + memory ${mib(memory.memoryStateBytes)}, runtime ${mib(memory.runtimeBytes)}`;
  return flags.length > 0 ? `${parts}  [${flags.join('; ')}]` : parts;
}

function accuracyLines(accuracy: RunAccuracy | null): string[] {
  if (!accuracy) return ['fidelity      not measured'];
  const part = (name: string, f: RunAccuracy['total']) =>
    `  ${name.padEnd(13)} cosine ${f.cosineMean.toFixed(4)}  top-1 ${(f.top1Agreement * 100).toFixed(1)} %  KL ${f.klMean.toExponential(2)}`;
  const task = accuracy.task
    ? `task score    on ${plural(accuracy.task.answered, 'answer')}: EM ${accuracy.task.exactMatch.toFixed(3)}  F1 ${accuracy.task.f1.toFixed(3)}  ROUGE-L ${accuracy.task.rougeL.toFixed(3)}`
    : 'task score    none (no answers in the dataset)';
  return [
    `fidelity      on ${plural(accuracy.prompts, 'prompt')}, ${accuracy.total.tokens} tokens, against the float full-context reference`,
    part('total', accuracy.total),
    part('cache', accuracy.cache),
    part('quantisation', accuracy.quantization),
    task,
  ];
}

function energyLines(energy: Energy | null): string[] {
  if (!energy) return [];
  const charging = energy.charging
    ? "  [charging: the battery's current is not the phone's draw]"
    : '';
  return [`energy        ${energyPerToken(energy)}, ${energy.samples} samples${charging}`];
}

function optional(value: number | null, unit: (value: number) => string): string {
  return value === null ? 'n/a' : unit(value);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
