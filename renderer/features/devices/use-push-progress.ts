import { useEffect, useState } from 'react';
import type { PushProgress } from '../../../shared/device';
import { useStudio } from '../../studio-context';

export const finishedPhases = new Set<PushProgress['phase']>([
  'done',
  'failed',
  'cached',
  'cancelled',
]);

/** Pushes in flight (latest progress per push); finished ones leave the list after 5 s. */
export function usePushProgress(): PushProgress[] {
  const studio = useStudio();
  const [pushes, setPushes] = useState<ReadonlyMap<string, PushProgress>>(new Map());
  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const remove = (pushId: string) =>
      setPushes((current) => {
        const next = new Map(current);
        next.delete(pushId);
        return next;
      });
    const off = studio.on('device:onDidPushProgress', (progress) => {
      setPushes((current) => new Map(current).set(progress.pushId, progress));
      if (finishedPhases.has(progress.phase))
        timers.add(setTimeout(() => remove(progress.pushId), 5000));
    });
    return () => {
      off();
      for (const timer of timers) clearTimeout(timer);
    };
  }, [studio]);
  return [...pushes.values()];
}
