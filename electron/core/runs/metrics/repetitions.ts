import type { RunSample } from '../../../../shared/run';
import type { RunnerEvent } from '../../../../shared/runner-events';

/** One prefill chunk of a repetition, as the runner timed it. */
export interface RepetitionChunk {
  tokens: number;
  computeMs: number;
  stateMs: number;
}

/** One repetition of the prompt: its timings and its window on the host clock. */
export interface Repetition {
  rep: number;
  warmup: boolean;
  /** Host ms since launch when its first chunk was fed (arrival minus that chunk's own time). */
  startMs: number;
  /** Host ms of the arrival of its first token, and of its output (the end of its window). */
  firstTokenMs: number | null;
  endMs: number | null;
  ttftMs: number | null;
  chunks: RepetitionChunk[];
  /** Each decode step's time. */
  decodeMs: number[];
  /** A device sample taken inside its window was throttled. */
  throttled: boolean;
}

/** A run's repetitions, and which of them the statistics count. */
export interface RepetitionSplit {
  warmup: Repetition[];
  measured: Repetition[];
  /** Measured, finished (first token and output seen), and not throttled unless asked. */
  counted: Repetition[];
  /** Finished measured repetitions left out because they were throttled. */
  excludedThrottled: number;
}

type RepEvent = Extract<RunnerEvent, { rep: number }>;
type TimedEvent = { t: number; event: RepEvent };

/**
 * Splits a run's samples into repetitions, in the order the runner ran them. Events flagged
 * `warmup: true` belong to warm-up repetitions (kept, never counted); the flag is read off the raw
 * object because the event schema may not carry it yet, and its rep numbers may repeat the measured
 * ones. Throttled repetitions are left out of `counted` unless `includeThrottled`.
 */
export function splitRepetitions(
  samples: readonly RunSample[],
  includeThrottled: boolean,
): RepetitionSplit {
  const groups = new Map<string, TimedEvent[]>();
  for (const sample of samples) {
    if (sample.kind !== 'runner' || !('rep' in sample.event)) continue;
    const key = `${isWarmup(sample.event)}:${sample.event.rep}`;
    const group = groups.get(key) ?? [];
    group.push({ t: sample.t, event: sample.event });
    groups.set(key, group);
  }
  const throttledAt = samples.filter((s) => s.kind === 'device' && s.throttled).map((s) => s.t);
  const reps: Repetition[] = [];
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const group of groups.values()) {
    reps.push(repetitionOf(group, previousEnd, throttledAt));
    previousEnd = group[group.length - 1]!.t;
  }
  const measured = reps.filter((rep) => !rep.warmup);
  const finished = measured.filter((rep) => rep.ttftMs !== null && rep.endMs !== null);
  const counted = finished.filter((rep) => includeThrottled || !rep.throttled);
  const excludedThrottled = includeThrottled ? 0 : finished.length - counted.length;
  return { warmup: reps.filter((rep) => rep.warmup), measured, counted, excludedThrottled };
}

/** Whether a runner event is marked as part of a warm-up repetition. */
export function isWarmup(event: RunnerEvent): boolean {
  return (event as { warmup?: unknown }).warmup === true;
}

function repetitionOf(
  group: readonly TimedEvent[],
  previousEnd: number,
  throttledAt: readonly number[],
): Repetition {
  const first = group[0]!.event;
  const rep: Repetition = {
    rep: first.rep,
    warmup: isWarmup(first),
    startMs: Number.POSITIVE_INFINITY,
    firstTokenMs: null,
    endMs: null,
    ttftMs: null,
    chunks: [],
    decodeMs: [],
    throttled: false,
  };
  for (const timed of group) addEvent(rep, timed);
  if (!Number.isFinite(rep.startMs))
    rep.startMs =
      rep.firstTokenMs !== null && rep.ttftMs !== null
        ? rep.firstTokenMs - rep.ttftMs
        : group[0]!.t;
  // Lines arrive with a varying lag, so arrival minus the chunk's own time can reach back before
  // the previous repetition's last line; the runner runs repetitions one after another, so a
  // window starts no earlier than that line (and never after its own first one).
  rep.startMs = Math.max(rep.startMs, Math.min(previousEnd, group[0]!.t));
  const end = rep.endMs ?? group[group.length - 1]!.t;
  rep.throttled = throttledAt.some((t) => t >= rep.startMs && t <= end);
  return rep;
}

// An if-chain, not a switch: the event union grows (`held` is coming) and events this does not
// time are simply not part of a repetition's figures.
function addEvent(rep: Repetition, { t, event }: TimedEvent): void {
  if (event.ev === 'chunk') {
    rep.chunks.push({ tokens: event.tokens, computeMs: event.compute_ms, stateMs: event.state_ms });
    // The runner prints a chunk after running it: it was fed its own compute and state ms earlier.
    rep.startMs = Math.min(rep.startMs, t - event.compute_ms - event.state_ms);
  } else if (event.ev === 'first_token') {
    rep.ttftMs = event.ttft_ms;
    rep.firstTokenMs = t;
  } else if (event.ev === 'token') rep.decodeMs.push(event.ms);
  else if (event.ev === 'output') rep.endMs = t;
}
