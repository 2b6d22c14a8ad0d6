import type { RunSample } from '../../../shared/run';
import type { RunnerEvent } from '../../../shared/runner-events';
import { median } from 'simple-statistics';
import { summarise } from '../../../shared/run-statistics';
import type { MemoryPoint, RunSeries, TtftPoint } from './run-series';

type DeviceSample = Extract<RunSample, { kind: 'device' }>;
type RepEvent = Extract<RunnerEvent, { ev: 'chunk' | 'first_token' | 'token' | 'held' }>;

/** A series while one batch is folded into it (its arrays are appended to in place). */
export type SeriesDraft = { -readonly [K in keyof RunSeries]: RunSeries[K] };

const nanoPerMilli = 1e9;
const msPerHour = 3_600_000;
const exactIntervals = 32;

/** Folds one runner event (arrived at `t`) into the draft. */
export function foldRunner(draft: SeriesDraft, t: number, event: RunnerEvent): void {
  if ('rep' in event && event.ev !== 'output') enterRepetition(draft, event);
  switch (event.ev) {
    case 'chunk':
      return push(draft.chunks, {
        t,
        rep: event.rep,
        warmup: event.warmup === true,
        chunk: event.i,
        tokens: event.tokens,
        computeMs: event.compute_ms,
        stateMs: event.state_ms,
      });
    case 'first_token':
      return foldTtft(draft, event.rep, event.warmup === true, event.ttft_ms);
    case 'token':
      return foldToken(draft, event.rep, event.warmup === true, event.ms);
    case 'held':
      return push(draft.held, { t, rep: event.rep, warmup: event.warmup === true, ms: event.ms });
    case 'mem':
      return foldMemory(draft, {
        t,
        rssKb: event.rss_kb,
        hwmKb: event.hwm_kb,
        pssKb: null,
        source: 'runner',
      });
    default:
      // hello, load, output, done, error, summary…: the run's record and summary carry them.
      return;
  }
}

/** Folds one outside sample into the draft. */
export function foldDevice(draft: SeriesDraft, sample: DeviceSample): void {
  const { t, throttled } = sample;
  const { memory, thermal, cpuFreqKhz, power } = sample.sample;
  if (memory)
    foldMemory(draft, {
      t,
      rssKb: memory.vmRssKb,
      hwmKb: memory.vmHwmKb,
      pssKb: memory.pssKb,
      source: 'device',
    });
  if (cpuFreqKhz.length > 0) push(draft.cpuFreq, { t, khz: cpuFreqKhz });
  if (power) foldPower(draft, t, power.currentUa, power.voltageUv);
  // A sample with no thermal reading and no throttling says nothing about heat.
  if (thermal || throttled) push(draft.thermal, { t, status: thermal?.status ?? null, throttled });
  foldThrottled(draft, t, throttled);
}

/** A repetition's first line starts it (`output`, with no warm-up flag, only ends it). */
function enterRepetition(draft: SeriesDraft, event: RepEvent): void {
  const key = `${event.warmup === true}:${event.rep}`;
  if (key === draft.fold.repKey) return;
  draft.fold = { ...draft.fold, repKey: key, repThrottled: false };
}

function foldTtft(draft: SeriesDraft, rep: number, warmup: boolean, ms: number): void {
  appendTtft(draft, { rep, warmup, ms, throttled: draft.fold.repThrottled });
}

/**
 * The draft's TTFT points counted again under `includeThrottled` (the run's own rule, learnt
 * after its first samples were folded): O(repetitions), fresh arrays.
 */
export function recountTtft(draft: SeriesDraft, includeThrottled: boolean): void {
  const points = draft.ttft;
  draft.ttft = [];
  draft.fold = { ...draft.fold, includeThrottled, countedTtft: [] };
  for (const point of points) appendTtft(draft, point);
}

function appendTtft(
  draft: SeriesDraft,
  { rep, warmup, ms, throttled }: Pick<TtftPoint, 'rep' | 'warmup' | 'ms' | 'throttled'>,
): void {
  const { fold } = draft;
  const counted = !warmup && (fold.includeThrottled || !throttled);
  if (counted) fold.countedTtft.push(ms);
  const n = fold.countedTtft.length;
  const previous = draft.ttft[draft.ttft.length - 1];
  const interval = counted && needsInterval(n, previous?.ciN ?? 0);
  const statistic = interval ? summarise(fold.countedTtft) : null;
  push(draft.ttft, {
    rep,
    warmup,
    ms,
    throttled,
    counted,
    n,
    median: counted ? median(fold.countedTtft) : (previous?.median ?? null),
    ciLow: statistic?.ciLow ?? previous?.ciLow ?? null,
    ciHigh: statistic?.ciHigh ?? previous?.ciHigh ?? null,
    ciN: statistic ? n : (previous?.ciN ?? 0),
  });
}

/**
 * Whether the running interval is drawn again at `n` counted repetitions: each time up to
 * `exactIntervals`, then once `n` is a tenth past the last draw. A bootstrap costs resamples × n
 * log n, so a 1000-repetition run draws about 70 of them instead of 1000 (on every load).
 */
function needsInterval(n: number, lastN: number): boolean {
  return n <= exactIntervals || n >= lastN * 1.1;
}

function foldToken(draft: SeriesDraft, rep: number, warmup: boolean, ms: number): void {
  const decode = draft.decode as RunSeries['decode'][number][];
  const last = decode[decode.length - 1];
  const same = last !== undefined && last.rep === rep && last.warmup === warmup;
  const tokens = (same ? last.tokens : 0) + 1;
  const total = (same ? last.ms : 0) + ms;
  const point = { rep, warmup, tokens, ms: total, tokS: total > 0 ? (tokens * 1000) / total : 0 };
  if (same) decode[decode.length - 1] = point;
  else decode.push(point);
}

function foldMemory(draft: SeriesDraft, reading: MemoryPoint): void {
  push(draft.memory, reading);
  const peak = draft.memoryPeak;
  if (peak && peak.rssKb >= reading.rssKb && peak.hwmKb >= reading.hwmKb) return;
  const higher = !peak || reading.rssKb > peak.rssKb;
  draft.memoryPeak = {
    rssKb: higher ? reading.rssKb : peak.rssKb,
    t: higher ? reading.t : peak.t,
    hwmKb: Math.max(peak?.hwmKb ?? 0, reading.hwmKb),
  };
}

function foldPower(draft: SeriesDraft, t: number, currentUa: number, voltageUv: number): void {
  const mw = (currentUa * voltageUv) / nanoPerMilli;
  const previous = draft.power[draft.power.length - 1];
  const seconds = previous ? (t - previous.t) / 1000 : 0;
  push(draft.power, {
    t,
    currentUa,
    voltageUv,
    mw,
    energyMj: (previous?.energyMj ?? 0) + (previous ? ((previous.mw + mw) / 2) * seconds : 0),
    chargeUah:
      (previous?.chargeUah ?? 0) +
      (previous ? ((previous.currentUa + currentUa) / 2) * ((seconds * 1000) / msPerHour) : 0),
  });
}

function foldThrottled(draft: SeriesDraft, t: number, throttled: boolean): void {
  const spans = draft.throttledSpans as RunSeries['throttledSpans'][number][];
  const open = draft.fold.openSpan;
  if (throttled && draft.fold.repKey !== null) draft.fold = { ...draft.fold, repThrottled: true };
  if (open) spans[spans.length - 1] = { start: open.start, end: t };
  if (throttled && !open) spans.push({ start: t, end: t });
  const openSpan = throttled ? spans[spans.length - 1]! : null;
  if (openSpan !== open) draft.fold = { ...draft.fold, openSpan };
}

function push<T>(items: readonly T[], item: T): void {
  (items as T[]).push(item);
}
