import { useEffect, useState } from 'react';
import type { StudioError } from '../../../shared/result';
import type { SweepDetails, SweepPoint, SweepProgress } from '../../../shared/sweep';
import { useStudio } from '../../studio-context';

const samePoint = (a: SweepPoint, b: SweepPoint) =>
  a.pointKey === b.pointKey && a.plannedDevice === b.plannedDevice;

/** A sweep's details with one progress event applied (counts, state, the point that changed). Pure. */
export function applyProgress(details: SweepDetails, progress: SweepProgress): SweepDetails {
  const { point } = progress;
  const points =
    point === null
      ? details.points
      : details.points.some((each) => samePoint(each, point))
        ? details.points.map((each) => (samePoint(each, point) ? point : each))
        : [...details.points, point];
  const { state, counts, perPhone, concurrency, concurrencyNote } = progress;
  return {
    sweep: { ...details.sweep, state, counts, perPhone, concurrency, concurrencyNote },
    points,
  };
}

/**
 * One sweep, read with `sweep:get` and kept live by `sweep:onDidProgress` (events that arrive
 * before the first answer are applied to it, so none is lost).
 */
export function useSweep(sweepId: string | null): {
  details: SweepDetails | null;
  error: StudioError | null;
} {
  const studio = useStudio();
  const [details, setDetails] = useState<SweepDetails | null>(null);
  const [error, setError] = useState<StudioError | null>(null);
  useEffect(() => {
    setDetails(null);
    setError(null);
    if (sweepId === null) return;
    let live = true;
    const early: SweepProgress[] = [];
    let loaded = false;
    const off = studio.on('sweep:onDidProgress', (progress) => {
      if (progress.sweepId !== sweepId) return;
      if (!loaded) early.push(progress);
      else setDetails((current) => current && applyProgress(current, progress));
    });
    void studio.invoke('sweep:get', { sweepId }).then((got) => {
      if (!live) return;
      loaded = true;
      if (!got.ok) return setError(got.error);
      setDetails(early.reduce(applyProgress, got.value));
    });
    return () => {
      live = false;
      off();
    };
  }, [studio, sweepId]);
  return { details, error };
}
