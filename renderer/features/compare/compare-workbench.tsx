import { useMemo, useState } from 'react';
import type { CompareQuery } from '../../../shared/compare';
import type { Budgets } from '../../../shared/profile';
import { isTerminalRunState } from '../../../shared/run-state';
import type { SweepRecord } from '../../../shared/sweep';
import { BudgetForm } from './budget-form';
import {
  budgetInputsOf,
  emptyBudgetInputs,
  parseBudgets,
  type BudgetInputs,
} from './compare-budgets';
import { ComparePicker } from './compare-picker';
import { CompareResults } from './compare-results';
import { compareView } from './compare-view';
import { useCompareQuery } from './use-compare-query';

/** The picked sweeps: the hash's `sweep`, else the newest ended sweep once the list arrives. */
function usePickedSweeps(sweeps: readonly SweepRecord[], initial: string | null) {
  const [picked, setPicked] = useState<string[] | null>(initial ? [initial] : null);
  const newest = sweeps.find((sweep) => isTerminalRunState(sweep.state)) ?? sweeps[0];
  return [picked ?? (newest ? [newest.id] : []), setPicked] as const;
}

/**
 * The budgets as typed, filled from the answer's (the profile's) until the user edits them; the
 * last valid budgets stay in force while a field is invalid.
 */
function useBudgets(answerBudgets: Budgets | null) {
  const [typed, setTyped] = useState<BudgetInputs | null>(null);
  const [lastValid, setLastValid] = useState<Budgets>({});
  const inputs = useMemo(
    () => typed ?? (answerBudgets ? budgetInputsOf(answerBudgets) : emptyBudgetInputs),
    [typed, answerBudgets],
  );
  const parsed = useMemo(() => parseBudgets(inputs), [inputs]);
  const change = (next: BudgetInputs) => {
    setTyped(next);
    const checked = parseBudgets(next);
    if (checked.ok) setLastValid(checked.budgets);
  };
  return { inputs, parsed, budgets: parsed.ok ? parsed.budgets : lastValid, change };
}

/** Compare: pick sweeps and scope, set budgets, read the answer. */
export function CompareWorkbench({
  sweeps,
  initialSweep,
}: {
  sweeps: readonly SweepRecord[];
  initialSweep: string | null;
}) {
  const [sweepIds, setSweepIds] = usePickedSweeps(sweeps, initialSweep);
  const [scope, setScope] = useState<CompareQuery['scope']>('per-phone');
  const state = useCompareQuery({ sweepIds, scope });
  const result = state.status === 'ready' ? state.result : null;
  const budget = useBudgets(result?.budgets ?? null);
  const view = useMemo(
    () => (result ? compareView(result, budget.budgets) : null),
    [result, budget.budgets],
  );
  return (
    <div className="compare-layout">
      <aside className="compare-controls">
        <ComparePicker
          sweeps={sweeps}
          sweepIds={sweepIds}
          scope={scope}
          onChange={(next) => {
            setSweepIds(next.sweepIds);
            setScope(next.scope);
          }}
        />
        <BudgetForm inputs={budget.inputs} parsed={budget.parsed} onChange={budget.change} />
      </aside>
      <div className="compare-main" aria-busy={state.status === 'loading'}>
        {state.status === 'idle' && (
          <p className="muted">Pick a sweep to compare its configurations.</p>
        )}
        {state.status === 'loading' && !view && <p role="status">Pooling the runs…</p>}
        {state.status === 'failed' && <p role="alert">Could not compare: {state.error.message}</p>}
        {view && <CompareResults view={view} budgets={budget.budgets} />}
      </div>
    </div>
  );
}
