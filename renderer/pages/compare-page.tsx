import { EmptyState } from '../components/empty-state';
import { Page } from '../components/page';

/** Compare: configurations side by side on a Pareto chart with confidence intervals. */
export function ComparePage() {
  return (
    <Page
      title="Compare"
      lead="Which configuration is best on which phone: TTFT against memory and accuracy."
    >
      <EmptyState title="Nothing to compare yet">
        <p>
          Finished runs appear here on a Pareto chart of TTFT against peak memory and accuracy, with
          confidence intervals, per phone and per cache configuration.
        </p>
        <p>Finish at least two runs (or one sweep) to compare them.</p>
      </EmptyState>
    </Page>
  );
}
