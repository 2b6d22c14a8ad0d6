import { useEffect, useState } from 'react';
import type { CompareQuery, Significance } from '../../../shared/compare';
import { useStudio } from '../../studio-context';

export type SignificanceState =
  | { status: 'loading' }
  | { status: 'ready'; tests: readonly Significance[] }
  | { status: 'failed'; message: string };

/**
 * `compare:significance` of B against A in the query's answer, asked again when a pick changes;
 * the studio tests the values their runs pooled (kept out of `compare:query`'s answer, which is
 * what the page draws first). A stale answer never replaces a newer one.
 */
export function useSignificance(
  query: Pick<CompareQuery, 'sweepIds' | 'runIds' | 'scope'>,
  a: string | null,
  b: string | null,
): SignificanceState {
  const studio = useStudio();
  const [state, setState] = useState<SignificanceState>({ status: 'loading' });
  const key = JSON.stringify({
    sweepIds: query.sweepIds,
    runIds: query.runIds,
    scope: query.scope,
  });
  useEffect(() => {
    if (a === null || b === null) return;
    let current = true;
    setState({ status: 'loading' });
    void studio.invoke('compare:significance', { ...JSON.parse(key), a, b }).then((answer) => {
      if (!current) return;
      setState(
        answer.ok
          ? { status: 'ready', tests: answer.value }
          : { status: 'failed', message: answer.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [studio, key, a, b]);
  return state;
}
