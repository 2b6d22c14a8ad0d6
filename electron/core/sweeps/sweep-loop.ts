import type { ErrorCode, Result, StudioError } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { RunState } from '../../../shared/run-state';
import type { SweepPoint } from '../../../shared/sweep';
import { LeaseWaits, type LeaseBackoff } from './lease-wait';
import { retryPhones, type SweepPhone } from './phone-selection';

/** How a run of the sweep ended. */
export interface RunEnd {
  state: RunState;
  error: StudioError | null;
}

/** What the loop starts runs with: RunService and the job registry, or a fake in tests. */
export interface RunStarter {
  start(request: RunRequest, sweepId: string): Result<{ runId: string }>;
  /** Resolves once the run has ended. */
  ended(runId: string): Promise<RunEnd>;
  stop(runId: string): void;
}

/** What one sweep's loop works on. Points are changed in place and each change reported. */
export interface LoopSetting {
  sweepId: string;
  points: SweepPoint[];
  /** The phones the sweep may use (the selector's), by key. */
  phones: readonly SweepPhone[];
  /** Whether a point fits a phone (its graph's weights + state within the phone's budget). */
  fits(point: SweepPoint, phone: SweepPhone): boolean;
  /** Runs lost to a phone going away are moved to another phone at most this many times. */
  retries: number;
  /** Runs at once, farm-wide for this sweep; never more than one per phone. */
  concurrency: number;
  runs: RunStarter;
  /**
   * A new sweep's graph builds, one step per graph built: a point waits until `ready` says its
   * graph is built, and the loop ends only once every build is done and what it let run ran.
   */
  builds?: AsyncIterator<unknown>;
  ready?(point: SweepPoint): boolean;
  /** How a phone leased by another owner is waited for (default `defaultLeaseBackoff`). */
  leaseBackoff?: LeaseBackoff;
  /**
   * Who holds a phone's lease now, in words, or null when it is free: asked of a phone that was
   * refused before its next try, so a wait costs one read of the lease, not a stored run refused.
   */
  leaseHolder?(deviceKey: string): Promise<string | null>;
  onPoint(point: SweepPoint): void;
  signal: AbortSignal;
}

/** Failures of a phone rather than of the point: the point may still run on another phone. */
const phoneLost: ReadonlySet<ErrorCode> = new Set(['device-lost', 'disconnected', 'not-found']);

interface LiveRun {
  point: SweepPoint;
  end: Promise<RunEnd>;
}

/** What the loop keeps while it runs: its live runs, their phones, the phones waiting on a lease. */
interface LoopState {
  live: Map<string, LiveRun>;
  busy: Set<string>;
  waits: LeaseWaits;
}

/** What the loop woke for: a run's end, a graph build's step, or a leased phone's next try. */
type Wake = { runId: string; end: RunEnd } | { built: boolean } | { woke: true };

/**
 * Runs a sweep's pending points to their end: one run per phone at a time, at most
 * `concurrency` at once, in planned order per phone; a run lost with its phone moves to another
 * eligible phone (up to `retries` times). A run refused because another owner (a second sweep, a
 * teammate's studio or CLI) holds the phone's lease is no failure: it goes to a free twin phone,
 * or waits pending while the phone backs off (`leaseBackoff`), other phones running meanwhile,
 * until the phone stayed leased past the back-off's `giveUpMs`. Once `signal` aborts, live runs
 * are stopped and what has not run (waiting points too) is cancelled. Resolves once the graph
 * builds are done and no run of the sweep is live.
 */
export async function runSweepLoop(setting: LoopSetting): Promise<void> {
  const state: LoopState = {
    live: new Map(),
    busy: new Set(),
    waits: new LeaseWaits(setting.leaseBackoff),
  };
  let wakeOnStop = () => undefined as void;
  const stopped = new Promise<Wake>((resolve) => (wakeOnStop = () => resolve({ woke: true })));
  const onAbort = () => {
    for (const runId of state.live.keys()) setting.runs.stop(runId);
    wakeOnStop();
  };
  setting.signal.addEventListener('abort', onAbort, { once: true });
  let building = nextBuild(setting.builds);
  try {
    for (;;) {
      // A phone left with nothing pending (its points moved or settled) waits no more.
      state.waits.keepOnly(pendingPhones(setting));
      if (!setting.signal.aborted) dispatch(setting, state);
      const retry = setting.signal.aborted ? null : retryTimer(setting, state.waits);
      if (state.live.size === 0 && building === null && retry === null) break;
      const next = await Promise.race([
        ...[...state.live].map(([runId, { end }]) => end.then((value) => ({ runId, end: value }))),
        ...(building ? [building] : []),
        // A leased phone's next try, or the stop that cancels its waiting points at once.
        ...(retry ? [retry.fired, stopped] : []),
      ]).finally(() => retry?.clear());
      if ('woke' in next) {
        if (!setting.signal.aborted) await peekLeases(setting, state);
        continue;
      }
      if ('built' in next) {
        building = next.built ? nextBuild(setting.builds) : null;
        continue;
      }
      const { point } = state.live.get(next.runId)!;
      state.live.delete(next.runId);
      state.busy.delete(point.deviceKey);
      settle(setting, state, point, next.end);
    }
  } finally {
    setting.signal.removeEventListener('abort', onAbort);
  }
  for (const point of setting.points.filter((each) => each.status === 'pending')) {
    change(setting, point, { status: 'cancelled', reason: 'the sweep was stopped' });
  }
}

/** The phones with a pending point. */
function pendingPhones(setting: LoopSetting): Set<string> {
  const phones = new Set<string>();
  for (const point of setting.points) if (point.status === 'pending') phones.add(point.deviceKey);
  return phones;
}

/** The next graph build's end; `built: false` once there are no more. */
function nextBuild(builds: AsyncIterator<unknown> | undefined): Promise<Wake> | null {
  return builds ? builds.next().then((step) => ({ built: !step.done })) : null;
}

/**
 * A timer to the next try of a leased phone that still has pending points; null when none
 * waits (so the loop never spins on a phone with nothing left to run).
 */
function retryTimer(
  setting: LoopSetting,
  waits: LeaseWaits,
): { fired: Promise<Wake>; clear(): void } | null {
  const now = Date.now();
  const at = waits.nextTry(pendingPhones(setting), now);
  if (at === null) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fired = new Promise<Wake>((resolve) => {
    timer = setTimeout(() => resolve({ woke: true }), at - now);
  });
  return { fired, clear: () => clearTimeout(timer) };
}

/**
 * Before a refused phone's next try: asks who holds its lease (`leaseHolder`), and while another
 * owner still does, moves its first pending point to an idle twin if one is free now, else backs
 * the phone off again without starting a run. A phone found free, one that cannot be asked, or
 * one waited on past `giveUpMs` is tried with a run (which then holds the lease, or is refused
 * and settles as a refusal does). Phones with a run of this sweep live are not asked.
 */
async function peekLeases(setting: LoopSetting, state: LoopState): Promise<void> {
  const ask = setting.leaseHolder;
  if (!ask) return;
  const pending = () =>
    setting.points.filter(
      (point) => point.status === 'pending' && !state.busy.has(point.deviceKey),
    );
  const due = state.waits.due(
    pending().map((point) => point.deviceKey),
    Date.now(),
  );
  const holders = await Promise.all(due.map((phone) => ask(phone).catch(() => null)));
  due.forEach((phone, index) => {
    const holder = holders[index];
    if (holder === null || holder === undefined) return;
    // Past giveUpMs `refused` leaves the wait as it is: the run then tried is refused and fails.
    if (state.waits.refused(phone, Date.now()).giveUp) return;
    const first = pending().find((point) => point.deviceKey === phone);
    if (first) toTwin(setting, state, first, `the phone is leased by ${holder}`);
  });
}

/** Starts the next pending point of each free phone (not backing off) while the cap allows. */
function dispatch(setting: LoopSetting, { live, busy, waits }: LoopState): void {
  const now = Date.now();
  for (const point of setting.points) {
    if (live.size >= setting.concurrency) return;
    if (point.status !== 'pending' || busy.has(point.deviceKey)) continue;
    if (waits.backingOff(point.deviceKey, now)) continue;
    if (setting.ready && !setting.ready(point)) continue;
    const started = setting.runs.start(point.request, setting.sweepId);
    if (!started.ok) {
      change(setting, point, { status: 'failed', reason: started.error.message });
      continue;
    }
    const { runId } = started.value;
    busy.add(point.deviceKey);
    live.set(runId, { point, end: setting.runs.ended(runId) });
    change(setting, point, { status: 'running', runIds: [...point.runIds, runId] });
  }
}

/** What a point becomes once its run ended. */
function settle(setting: LoopSetting, state: LoopState, point: SweepPoint, end: RunEnd): void {
  const reason = end.error?.message ?? null;
  const leased = end.error?.code === 'busy';
  // Only a run refused its lease keeps the phone backing off: any other end means it got one.
  if (!leased) state.waits.cleared(point.deviceKey);
  if (end.state === 'finished') return change(setting, point, { status: 'finished', reason: null });
  if (end.state === 'cancelled' || setting.signal.aborted) {
    return change(setting, point, { status: 'cancelled', reason: reason ?? 'stopped' });
  }
  if (leased) return waitForLease(setting, state, point, end.error!);
  if (!end.error || !phoneLost.has(end.error.code)) {
    return change(setting, point, { status: 'failed', reason });
  }
  moveElsewhere(setting, point, end.error);
}

/**
 * A point refused because another owner holds its phone's lease: to a free twin if there is
 * one, else pending until the phone's next try (no retry spent), or failed once the phone stayed
 * leased past the back-off's `giveUpMs`.
 */
function waitForLease(
  setting: LoopSetting,
  state: LoopState,
  point: SweepPoint,
  error: StudioError,
): void {
  const refusal = state.waits.refused(point.deviceKey, Date.now());
  if (toTwin(setting, state, point, error.message)) return;
  if (refusal.giveUp) {
    const minutes = Math.round(refusal.waitedMs / 60_000);
    const reason = `${error.message} (the phone stayed leased for ${minutes} min)`;
    return change(setting, point, { status: 'failed', reason });
  }
  change(setting, point, { status: 'pending', reason: `waiting: ${error.message}` });
}

/** Moves a point off its leased phone to a free twin (`freeTwin`); false when none is free. */
function toTwin(setting: LoopSetting, state: LoopState, point: SweepPoint, why: string): boolean {
  const twin = freeTwin(setting, state, point);
  if (!twin) return false;
  change(setting, point, {
    status: 'pending',
    deviceKey: twin.key,
    request: { ...point.request, device: twin.key },
    reason: `moved from ${point.deviceKey}: ${why}`,
  });
  return true;
}

/**
 * An eligible phone of the same model and SoC as the point's (its numbers stay comparable) with
 * nothing to do: no live run, no pending point, not backing off itself.
 */
function freeTwin(
  setting: LoopSetting,
  { busy, waits }: LoopState,
  point: SweepPoint,
): SweepPhone | undefined {
  const now = Date.now();
  const leased = setting.phones.find((phone) => phone.key === point.deviceKey);
  if (!leased) return undefined;
  const idle = (key: string) =>
    !busy.has(key) &&
    !waits.backingOff(key, now) &&
    !setting.points.some((each) => each.status === 'pending' && each.deviceKey === key);
  return retryPhones(leased, setting.phones, (phone) => setting.fits(point, phone)).find(
    (phone) => phone.model === leased.model && phone.soc === leased.soc && idle(phone.key),
  );
}

/** A point lost with its phone: to the least loaded other eligible phone (a twin on ties), or failed. */
function moveElsewhere(setting: LoopSetting, point: SweepPoint, error: StudioError): void {
  const attempts = point.attempts + 1;
  const lost = setting.phones.find((phone) => phone.key === point.deviceKey);
  const candidates = lost
    ? retryPhones(lost, setting.phones, (phone) => setting.fits(point, phone))
    : [];
  if (attempts > setting.retries || candidates.length === 0) {
    const why =
      attempts > setting.retries ? `after ${point.attempts} retries` : 'no other phone fits';
    return change(setting, point, {
      status: 'failed',
      attempts,
      reason: `${error.message} (${why})`,
    });
  }
  const load = (key: string) =>
    setting.points.filter((each) => each.deviceKey === key && each.status === 'pending').length;
  const [target] = [...candidates].sort((a, b) => load(a.key) - load(b.key));
  change(setting, point, {
    status: 'pending',
    attempts,
    deviceKey: target!.key,
    request: { ...point.request, device: target!.key },
    reason: `moved from ${point.deviceKey}: ${error.message}`,
  });
}

function change(setting: LoopSetting, point: SweepPoint, fields: Partial<SweepPoint>): void {
  Object.assign(point, fields);
  setting.onPoint(point);
}
