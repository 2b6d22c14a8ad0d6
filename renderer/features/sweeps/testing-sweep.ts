import { profileSchema } from '../../../shared/profile';
import { runRequestSchema } from '../../../shared/run';
import {
  countPerPhone,
  countPoints,
  type SweepDetails,
  type SweepPoint,
  type SweepPointStatus,
  type SweepProgress,
} from '../../../shared/sweep';

/** A sweep of `chunks` points on each phone, every point pending, as `sweep:get` answers. */
export function fakeSweep(
  sweepId: string,
  phones: readonly string[],
  chunks: readonly number[],
): SweepDetails {
  const profile = profileSchema.parse({
    version: 1,
    name: 'ci',
    model: 'builtin:edge-infinite-tiny',
    grid: { chunk: [...chunks], window: [64] },
  });
  const points = phones.flatMap((phone) =>
    chunks.map((chunk): SweepPoint => ({
      sweepId,
      pointKey: `c${chunk}-s4-w64-mem-float-cpu-t1`,
      plannedDevice: phone,
      deviceKey: phone,
      request: runRequestSchema.parse({
        device: phone,
        model: profile.model,
        scenario: { chunk, sink: 4, window: 64, memory: 'on' },
        quant: 'float',
      }),
      status: 'pending',
      reason: null,
      runIds: [],
      attempts: 0,
    })),
  );
  const sweep = {
    id: sweepId,
    profileName: 'ci',
    profile,
    state: 'running' as const,
    createdAt: Date.now(),
    endedAt: null,
    error: null,
    counts: countPoints(points),
    perPhone: countPerPhone(points),
    concurrency: 2,
    concurrencyNote: 'Emulated phones share this host: at most 2 runs at once (its cores).',
  };
  return { sweep, points };
}

/**
 * The details after point `index` moves to `status` (a run id given when it has run), and the
 * `sweep:onDidProgress` payload the studio sends for it.
 */
export function progressOf(
  details: SweepDetails,
  index: number,
  status: SweepPointStatus,
  reason: string | null = null,
): { details: SweepDetails; progress: SweepProgress } {
  const before = details.points[index]!;
  const runIds = status === 'pending' || status === 'infeasible' ? before.runIds : [`run-${index}`];
  const point = { ...before, status, reason, runIds };
  const points = details.points.map((each, n) => (n === index ? point : each));
  const counts = countPoints(points);
  const settled = points.every((each) => !['pending', 'running'].includes(each.status));
  const state = settled ? (counts.failed > 0 ? 'failed' : 'finished') : 'running';
  const sweep = { ...details.sweep, state, counts, perPhone: countPerPhone(points) } as const;
  const { concurrency, concurrencyNote } = sweep;
  return {
    details: { sweep, points },
    progress: {
      sweepId: sweep.id,
      state,
      counts,
      perPhone: sweep.perPhone,
      concurrency,
      concurrencyNote,
      point,
    },
  };
}
