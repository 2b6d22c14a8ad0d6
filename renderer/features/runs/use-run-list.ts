import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunListFilter, RunRecord } from '../../../shared/run';
import type { StudioError } from '../../../shared/result';
import { isTerminalRunState, type RunState } from '../../../shared/run-state';
import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';

/** The filters the list offers (each optional; empty is any). */
export type RunListFilterInput = Partial<
  Pick<RunListFilter, 'device' | 'model' | 'scenario' | 'quant'>
>;

/** The runs `run:list` answers for a filter, kept live by `run:onDidChangeState`. */
export interface RunList {
  runs: readonly RunRecord[] | null;
  error: StudioError | null;
  reload(): Promise<void>;
  remove(runId: string): Promise<boolean>;
}

/** Coalesces the reloads a burst of state changes asks for. */
const reloadDelayMs = 50;

/**
 * The runs of a filter, newest first: a state change of a listed run is applied at once, and a
 * run the list does not hold yet (just started) or one that ended reloads it (for its summary).
 */
export function useRunList(filter: RunListFilterInput): RunList {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const [runs, setRuns] = useState<readonly RunRecord[] | null>(null);
  const [error, setError] = useState<StudioError | null>(null);
  const known = useRef(new Map<string, RunState>());
  const key = JSON.stringify(filter);
  const reload = useCallback(async () => {
    const args = JSON.parse(key) as RunListFilterInput;
    const clean = Object.fromEntries(Object.entries(args).filter(([, value]) => value));
    const listed = await studio.invoke('run:list', { limit: 200, ...clean });
    if (!listed.ok) return setError(listed.error);
    setError(null);
    known.current = new Map(listed.value.runs.map((run) => [run.id, run.state]));
    setRuns(listed.value.runs);
  }, [studio, key]);
  useEffect(() => {
    void reload();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = studio.on('run:onDidChangeState', ({ runId, state }) => {
      const before = known.current.get(runId);
      if (before === state) return;
      known.current.set(runId, state);
      setRuns(
        (current) => current?.map((run) => (run.id === runId ? { ...run, state } : run)) ?? null,
      );
      if (before !== undefined && !isTerminalRunState(state)) return;
      if (timer === null) timer = setTimeout(() => void ((timer = null), reload()), reloadDelayMs);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [studio, reload]);
  const remove = useCallback(
    async (runId: string) => {
      const deleted = await studio.invoke('run:delete', { runId });
      if (!deleted.ok) report('Could not delete the run', deleted.error);
      else setRuns((current) => current?.filter((run) => run.id !== runId) ?? null);
      return deleted.ok;
    },
    [studio, report],
  );
  return { runs, error, reload, remove };
}
