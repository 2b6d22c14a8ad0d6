import { ShortcutList } from '../components/shortcut-list';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunRecord, RunRequestInput } from '../../shared/run';
import { Page } from '../components/page';
import { useErrorCenter } from '../errors/error-center';
import { useFarm } from '../features/devices/use-farm';
import { phoneLabel } from '../features/runs/run-form-fields';
import { RunList, stepRun } from '../features/runs/run-list';
import { RunListFilters } from '../features/runs/run-list-filters';
import { RunPanel } from '../features/runs/run-panel';
import { RunStartForm } from '../features/runs/run-start-form';
import { runShortcuts, useRunShortcuts } from '../features/runs/use-run-shortcuts';
import { useRunList, type RunListFilterInput } from '../features/runs/use-run-list';
import { hashParam } from '../routes';
import { useStudio } from '../studio-context';
import '../features/runs/runs-page.css';

/** Runs: start a run, watch it live, list, filter, reopen and delete runs. */
export function RunsPage() {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const farm = useFarm();
  const [filter, setFilter] = useState<RunListFilterInput>({});
  const list = useRunList(filter);
  const [selected, setSelected] = useState<string | null>(() =>
    hashParam(window.location.hash, 'run'),
  );
  useHashRun(setSelected);
  const [starting, setStarting] = useState(false);
  const formRef = useRef<HTMLDivElement>(null);
  const seen = useSeenRuns(list.runs);
  const phoneName = useCallback(
    (key: string) => {
      const device = farm?.devices.find((phone) => phone.key === key);
      return device ? phoneLabel(device) : key;
    },
    [farm],
  );
  const start = async (request: RunRequestInput) => {
    setStarting(true);
    const started = await studio.invoke('run:start', request);
    setStarting(false);
    if (!started.ok) return report('Could not start the run', started.error);
    setSelected(started.value.runId);
    void list.reload();
  };
  const runs = list.runs ?? [];
  useRunShortcuts({
    start: () => formRef.current?.querySelector<HTMLElement>('select, input')?.focus(),
    stop: () => selected && void studio.invoke('run:stop', { runId: selected }),
    step: (by) => setSelected(stepRun(runs, selected, by) ?? selected),
  });
  return (
    <Page
      title="Runs"
      lead="Start a run, watch TTFT, memory and accuracy stream in, reopen it later."
    >
      <div className="runs-layout">
        <aside className="runs-side">
          <section aria-label="New run" ref={formRef}>
            <h2>New run</h2>
            <RunStartForm devices={farm?.devices ?? []} busy={starting} onStart={start} />
          </section>
          <section aria-label="Runs list">
            <h2>Runs</h2>
            <RunListFilters
              filter={filter}
              onChange={setFilter}
              seen={seen}
              phoneName={phoneName}
            />
            {list.error && <p role="alert">Could not list the runs: {list.error.message}</p>}
            <RunList
              runs={runs}
              selected={selected}
              onSelect={setSelected}
              onDelete={(runId) => {
                if (runId === selected) setSelected(null);
                void list.remove(runId);
              }}
              phoneName={phoneName}
            />
          </section>
          <Shortcuts />
        </aside>
        <div className="runs-main">
          {selected ? (
            <RunPanel key={selected} studio={studio} runId={selected} />
          ) : (
            <p className="muted">Start a run or pick one from the list to see its charts.</p>
          )}
        </div>
      </div>
    </Page>
  );
}

/** Selects the run a link such as `#/runs?run=ID` names (a sweep point's run). */
function useHashRun(select: (runId: string) => void): void {
  useEffect(() => {
    const onChange = () => {
      const runId = hashParam(window.location.hash, 'run');
      if (runId) select(runId);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [select]);
}

/** Every run any list answer held this visit, so a filter still offers the other values. */
function useSeenRuns(runs: readonly RunRecord[] | null): readonly RunRecord[] {
  const seen = useRef(new Map<string, RunRecord>());
  return useMemo(() => {
    for (const run of runs ?? []) seen.current.set(run.id, run);
    return [...seen.current.values()];
  }, [runs]);
}

function Shortcuts() {
  return (
    <section aria-label="Keyboard shortcuts">
      <h2>Keyboard</h2>
      <ShortcutList shortcuts={runShortcuts} />
    </section>
  );
}
