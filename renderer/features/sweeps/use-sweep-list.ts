import { useCallback, useEffect, useRef, useState } from 'react';
import { isTerminalRunState } from '../../../shared/run-state';
import type { SweepRecord } from '../../../shared/sweep';
import { useStudio } from '../../studio-context';

/** The sweeps in the store, newest first, listed again when one starts or ends. */
export function useSweepList(): { sweeps: readonly SweepRecord[]; reload(): Promise<void> } {
  const studio = useStudio();
  const [sweeps, setSweeps] = useState<readonly SweepRecord[]>([]);
  const known = useRef(new Set<string>());
  const reload = useCallback(async () => {
    const listed = await studio.invoke('sweep:list', {});
    if (!listed.ok) return;
    known.current = new Set(listed.value.sweeps.map((sweep) => sweep.id));
    setSweeps([...listed.value.sweeps].sort((a, b) => b.createdAt - a.createdAt));
  }, [studio]);
  useEffect(() => {
    void reload();
    return studio.on('sweep:onDidProgress', ({ sweepId, state, counts }) => {
      if (!known.current.has(sweepId) || isTerminalRunState(state)) {
        known.current.add(sweepId);
        void reload();
      }
      setSweeps((current) =>
        current.map((sweep) => (sweep.id === sweepId ? { ...sweep, state, counts } : sweep)),
      );
    });
  }, [studio, reload]);
  return { sweeps, reload };
}
