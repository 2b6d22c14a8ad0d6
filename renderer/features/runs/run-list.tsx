import { useState, type KeyboardEvent } from 'react';
import type { RunRecord } from '../../../shared/run';
import { isTerminalRunState } from '../../../shared/run-state';

/** The list's props: the runs, which is selected, and what selecting and deleting do. */
export interface RunListProps {
  runs: readonly RunRecord[];
  selected: string | null;
  onSelect(runId: string): void;
  onDelete(runId: string): void;
  /** Phone names by key (the farm's labels). */
  phoneName(deviceKey: string): string;
}

/** The run `step` places after `runId` in `runs` (clamped); the first when none is selected. */
export function stepRun(runs: readonly RunRecord[], runId: string | null, step: number) {
  if (runs.length === 0) return null;
  const at = runs.findIndex((run) => run.id === runId);
  if (at < 0) return runs[0]!.id;
  return runs[Math.min(runs.length - 1, Math.max(0, at + step))]!.id;
}

const when = (ms: number) => new Date(ms).toLocaleString();

/**
 * The runs as a listbox: ↑/↓ (or j/k) move the selection and open the run, Home/End jump, Delete
 * asks to delete the selected one (finished runs only) and Enter confirms.
 */
export function RunList({ runs, selected, onSelect, onDelete, phoneName }: RunListProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const keys: Record<string, () => void> = {
    ArrowDown: () => move(1),
    j: () => move(1),
    ArrowUp: () => move(-1),
    k: () => move(-1),
    Home: () => runs[0] && onSelect(runs[0].id),
    End: () => runs.at(-1) && onSelect(runs.at(-1)!.id),
    Delete: () => selectedRun && isTerminalRunState(selectedRun.state) && setConfirming(selected),
  };
  const selectedRun = runs.find((run) => run.id === selected);
  function move(step: number) {
    const next = stepRun(runs, selected, step);
    if (next) onSelect(next);
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };
  if (runs.length === 0) return <p className="muted">No runs match.</p>;
  return (
    <>
      <ul
        role="listbox"
        aria-label="Runs"
        tabIndex={0}
        className="run-list"
        aria-activedescendant={selected ? `run-${selected}` : undefined}
        onKeyDown={onKeyDown}
      >
        {runs.map((run) => (
          <li
            key={run.id}
            id={`run-${run.id}`}
            role="option"
            aria-selected={run.id === selected}
            data-state={run.state}
            onClick={() => onSelect(run.id)}
          >
            <b>{run.state}</b> {phoneName(run.deviceKey)} · {run.request.model} · {run.scenario} ·{' '}
            {run.quant} <span className="muted">{when(run.createdAt)}</span>
          </li>
        ))}
      </ul>
      {selectedRun && isTerminalRunState(selectedRun.state) && (
        <button type="button" onClick={() => setConfirming(selectedRun.id)}>
          Delete run
        </button>
      )}
      {confirming && (
        <div role="alertdialog" aria-label="Delete the run?" className="run-confirm">
          <p>Delete run {confirming} and its samples? This cannot be undone.</p>
          <button
            type="button"
            autoFocus
            onClick={() => {
              onDelete(confirming);
              setConfirming(null);
            }}
          >
            Delete
          </button>
          <button type="button" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      )}
    </>
  );
}
