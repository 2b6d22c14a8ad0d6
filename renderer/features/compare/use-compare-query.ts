import { useEffect, useState } from 'react';
import type { CompareQuery, CompareResult } from '../../../shared/compare';
import type { StudioError } from '../../../shared/result';
import { useStudio } from '../../studio-context';

export type CompareState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; result: CompareResult }
  | { status: 'failed'; error: StudioError };

/**
 * `compare:query` for the picked sweeps and scope, asked again when they change (budgets are
 * applied in the page). Nothing picked: idle. A stale answer never replaces a newer one.
 */
export function useCompareQuery(query: Pick<CompareQuery, 'sweepIds' | 'scope'>): CompareState {
  const studio = useStudio();
  const [state, setState] = useState<CompareState>({ status: 'idle' });
  const key = JSON.stringify(query);
  useEffect(() => {
    const { sweepIds, scope } = JSON.parse(key) as Pick<CompareQuery, 'sweepIds' | 'scope'>;
    if (sweepIds.length === 0) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    void studio.invoke('compare:query', { sweepIds, scope }).then((answer) => {
      if (!current) return;
      setState(
        answer.ok
          ? { status: 'ready', result: answer.value }
          : { status: 'failed', error: answer.error },
      );
    });
    return () => {
      current = false;
    };
  }, [studio, key]);
  return state;
}
