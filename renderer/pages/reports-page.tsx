import { EmptyState } from '../components/empty-state';
import { Page } from '../components/page';

/** Reports: device-farm reports exported for the team. */
export function ReportsPage() {
  return (
    <Page title="Reports" lead="Device-farm reports for the team, as HTML, CSV or JSON.">
      <EmptyState title="No reports yet">
        <p>
          Exported reports appear here: the sweep's configurations, phones and run context, with its
          charts rendered into a single HTML file, and CSV or JSON for further analysis.
        </p>
        <p>Export a report from a finished sweep on the Compare page.</p>
      </EmptyState>
    </Page>
  );
}
