import { EmptyState } from '../components/empty-state';
import { Page } from '../components/page';

/** Runs: live TTFT, memory and accuracy of the runs under way and finished. */
export function RunsPage() {
  return (
    <Page
      title="Runs"
      lead="Live TTFT, decode speed, memory and accuracy of every run on every phone."
    >
      <EmptyState title="No runs yet">
        <p>
          Each run of a profile on a phone appears here with its state (queued, building, pushing,
          running, finished) and live charts of prefill chunks, time to first token, resident memory
          and temperature as the runner streams them.
        </p>
        <p>Start a run or a sweep from a profile on the Profiles page.</p>
      </EmptyState>
    </Page>
  );
}
