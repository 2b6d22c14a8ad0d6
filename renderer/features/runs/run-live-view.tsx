import { describeError } from '../../errors/error-center';
import { isTerminalRunState } from '../../../shared/run-state';
import type { RunView } from './run-stream-store';
import { liveChartPaceMs, RunChartsGrid } from './run-charts-grid';
import { RunLogPanel } from './run-log-panel';
import { RunAccuracyPanel, RunContextPanel, RunSummaryFacts } from './run-summary-panels';

/** The view's props: the run as the store sees it, and Stop. */
export interface RunLiveViewProps {
  view: RunView;
  onStop(): void;
  stopping: boolean;
}

/**
 * One run, live or reopened: its state and progress, Stop while it runs, every chart, the
 * accuracy panel and context once the summary is in, and its logs.
 */
export function RunLiveView({ view, onStop, stopping }: RunLiveViewProps) {
  const state = view.state ?? view.record?.state ?? null;
  const ended = state !== null && isTerminalRunState(state);
  const record = view.record;
  const error = view.error ?? record?.error ?? null;
  const fraction = view.progress?.fraction ?? (ended ? 1 : 0);
  return (
    <section aria-label="Run" className="run-live" data-testid="run-view" data-state={state ?? ''}>
      <header className="section-header">
        <h2>
          Run {view.runId}
          {record && (
            <span className="muted">
              {' '}
              · {record.request.model} · {record.scenario} · {record.quant}
            </span>
          )}
        </h2>
        <button type="button" onClick={onStop} disabled={ended || stopping} aria-keyshortcuts="s">
          Stop
        </button>
      </header>
      <p data-testid="run-state" role="status">
        <b>{state ?? 'waiting'}</b>
        {/* A failed run says why, not the last step it reported before failing. */}
        {error ? (
          <span role="alert"> — {describeError(error)}</span>
        ) : (
          view.progress && ` — ${view.progress.message}`
        )}{' '}
        <progress value={fraction} max={1} aria-label="Run progress" />
        <span className="muted">
          {' '}
          {view.series.sampleCount} samples
          {view.loading && ', loading from the store…'}
          {view.missing > 0 && `, ${view.missing} lost`}
        </span>
      </p>
      {view.loadError && <p role="alert">Could not load the run: {view.loadError.message}</p>}
      {record?.summary && <RunSummaryFacts summary={record.summary} />}
      <RunChartsGrid
        series={view.series}
        summary={record?.summary ?? null}
        paceMs={ended ? undefined : liveChartPaceMs}
      />
      <RunAccuracyPanel accuracy={record?.summary?.accuracy} />
      <RunContextPanel context={record?.context} />
      <RunLogPanel logs={view.series.logs} dropped={view.series.logsDropped} />
    </section>
  );
}
