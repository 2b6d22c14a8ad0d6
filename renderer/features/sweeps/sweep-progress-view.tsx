import { useEffect, useRef, useState } from 'react';
import { isTerminalRunState } from '../../../shared/run-state';
import {
  wasInterrupted,
  type SweepCounts,
  type SweepDetails,
  type SweepRecord,
} from '../../../shared/sweep';
import { etaSeconds, formatDuration, settledPoints } from '../../../shared/sweep-pace';
import { SweepPhoneTable } from './sweep-phone-table';
import { SweepPointTable } from './sweep-point-table';

/** The clock, ticking each second while `ticking`. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** Where a live sweep's pace is counted from: its start, or when this view first saw it. */
interface PaceStart {
  id: string;
  at: number;
  /** Its counts then, when counted from a later look (resumed, or opened mid-sweep). */
  before?: Pick<SweepCounts, 'done' | 'failed'>;
}

/** A sweep this view saw start counts from its start (it was launched here). */
const launchedWithinMs = 10_000;

/**
 * The start of a live sweep's pace: its `createdAt` when this view saw it from (about) its
 * start, else the moment it first saw it live, with the counts then, so that a resumed sweep's
 * downtime and earlier runs do not count. Null once it ended.
 */
function usePaceStart(sweep: SweepRecord, live: boolean): PaceStart | null {
  const start = useRef<PaceStart | null>(null);
  if (!live) start.current = null;
  else if (start.current?.id !== sweep.id) {
    const now = Date.now();
    const { done, failed } = sweep.counts;
    start.current =
      now - sweep.createdAt < launchedWithinMs
        ? { id: sweep.id, at: sweep.createdAt }
        : { id: sweep.id, at: now, before: { done, failed } };
  }
  return start.current;
}

/** Whether a sweep ended with points never run (stopped, or its studio died): it can resume. */
export function canResume({ sweep }: SweepDetails): boolean {
  const { counts } = sweep;
  return (
    isTerminalRunState(sweep.state) &&
    sweep.state !== 'finished' &&
    settledPoints(counts) - counts.cancelled < counts.planned
  );
}

/** How an ended sweep ended, when not as planned: its studio stopped, or its error. */
function SweepEnding({ details }: { details: SweepDetails }) {
  const { error } = details.sweep;
  if (wasInterrupted(details.sweep)) {
    return (
      <p role="status" data-testid="sweep-interrupted">
        Interrupted: the studio running it stopped
        {canResume(details) && '; Resume continues it, keeping its finished runs'}.
      </p>
    );
  }
  return error && <p role="alert">{error.message}</p>;
}

/** A sweep's progress: overall bar and ETA, the farm's concurrency note, phones, points. */
export function SweepProgressView({
  details,
  phoneName,
  onStop,
  onResume,
}: {
  details: SweepDetails;
  phoneName(key: string): string;
  onStop(): void;
  onResume(): void;
}) {
  const { sweep, points } = details;
  const live = !isTerminalRunState(sweep.state);
  const now = useNow(live);
  const pace = usePaceStart(sweep, live);
  const eta = pace ? etaSeconds(sweep.counts, pace.at, now, pace.before) : null;
  const noEtaYet = pace?.before ? 'after its next run' : 'after the first run';
  const settled = settledPoints(sweep.counts);
  return (
    <section aria-label="Sweep progress" className="sweep-progress" data-state={sweep.state}>
      <h2>
        Sweep {sweep.profileName} <span className="badge">{sweep.state}</span>
      </h2>
      <p>
        <progress aria-label="Sweep progress" max={sweep.counts.planned} value={settled} />{' '}
        <span data-testid="sweep-settled">
          {settled} / {sweep.counts.planned} points
        </span>
        {' · '}
        {sweep.counts.done} done, {sweep.counts.failed} failed, {sweep.counts.infeasible} infeasible
        {(live || sweep.counts.running > 0) && (
          <>
            , {sweep.counts.running} {live ? 'running' : 'interrupted'}
          </>
        )}
        {live && <> · ETA {eta === null ? noEtaYet : formatDuration(eta)}</>}
      </p>
      {sweep.concurrencyNote && (
        <p className="muted" data-testid="concurrency-note">
          {sweep.concurrencyNote}
        </p>
      )}
      {/* A resumed sweep's details keep its last ending until it ends again. */}
      {!live && <SweepEnding details={details} />}
      <div className="actions">
        {live && (
          <button type="button" onClick={onStop}>
            Stop sweep
          </button>
        )}
        {canResume(details) && (
          <button type="button" onClick={onResume}>
            Resume sweep
          </button>
        )}
      </div>
      <SweepPhoneTable perPhone={sweep.perPhone} phoneName={phoneName} />
      <SweepPointTable points={points} live={live} phoneName={phoneName} />
    </section>
  );
}
