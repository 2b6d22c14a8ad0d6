import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { SweepCounts, SweepPoint, SweepProgress } from '../../shared/sweep';
import { etaSeconds, formatDuration, settledPoints } from '../../shared/sweep-pace';

/** Shows a sweep's progress as it arrives (`sweep:onDidProgress`); `stop` before printing. */
export interface SweepProgressView {
  update(progress: SweepProgress): void;
  stop(): void;
}

/** One phone's bar text: its counts, the point it runs now and its ETA in words. Pure. */
export function phonePayload(counts: SweepCounts, current: string | null, eta: number | null) {
  return {
    done: counts.done,
    failed: counts.failed,
    infeasible: counts.infeasible,
    current: current ?? '-',
    eta: eta === null ? 'after its first run' : formatDuration(eta),
  };
}

/** The line a point's change prints where there is no terminal (logs, CI, tests). Pure. */
export function pointLine(point: SweepPoint): string | null {
  if (point.status === 'pending' && point.reason === null) return null;
  const reason = point.reason ? ` (${point.reason})` : '';
  return `${point.pointKey} on ${point.deviceKey}: ${point.status}${reason}`;
}

/**
 * A bar per phone on a terminal's stderr (runs done / failed / infeasible, the point it runs
 * now, ETA); elsewhere one stderr line per point that changes, so a log still tells the story.
 * A phone's ETA is its own pace since the view first heard of it (a resumed sweep's earlier
 * runs do not count), not cli-progress's, which reads `INF` until a bar first moves.
 */
export function sweepProgressView(): SweepProgressView {
  if (!process.stderr.isTTY) return lineView();
  const multibar = new MultiBar(
    {
      format:
        '{phone} {bar} {value}/{total}  done {done}  failed {failed}  infeasible {infeasible}  ETA {eta}  {current}',
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  const current = new Map<string, string | null>();
  const firstSeen = new Map<string, { at: number; counts: SweepCounts }>();
  return {
    update: (progress) => {
      const point = progress.point;
      if (point?.status === 'running') current.set(point.deviceKey, point.pointKey);
      else if (point && current.get(point.deviceKey) === point.pointKey) {
        current.set(point.deviceKey, null);
      }
      for (const [phone, counts] of Object.entries(progress.perPhone)) {
        const seen = firstSeen.get(phone) ?? { at: Date.now(), counts };
        firstSeen.set(phone, seen);
        const eta = etaSeconds(counts, seen.at, Date.now(), seen.counts);
        const payload = { phone, ...phonePayload(counts, current.get(phone) ?? null, eta) };
        const bar = bars.get(phone) ?? multibar.create(counts.planned, 0, payload);
        bars.set(phone, bar);
        bar.setTotal(counts.planned);
        bar.update(settledPoints(counts), payload);
      }
    },
    stop: () => multibar.stop(),
  };
}

function lineView(): SweepProgressView {
  return {
    update: ({ point }) => {
      const line = point && pointLine(point);
      if (line) console.error(line);
    },
    stop: () => undefined,
  };
}
