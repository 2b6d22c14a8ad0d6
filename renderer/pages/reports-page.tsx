import { useState } from 'react';
import type { ReportBuildArgs, ReportEntry } from '../../shared/compare';
import { Page } from '../components/page';
import { useErrorCenter } from '../errors/error-center';
import { ReportBuildForm } from '../features/reports/report-build-form';
import { ReportDiffView } from '../features/reports/report-diff-view';
import { ReportList } from '../features/reports/report-list';
import { useReportList } from '../features/reports/use-report-list';
import { useSweepList } from '../features/sweeps/use-sweep-list';
import { useStudio } from '../studio-context';
import '../features/compare/compare-page.css';

/** Reports: build a sweep's report (HTML, CSV, JSON) or a diff, list them, read a diff here. */
export function ReportsPage() {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const { sweeps } = useSweepList();
  const list = useReportList();
  const [busy, setBusy] = useState(false);
  const [built, setBuilt] = useState<ReportEntry | null>(null);
  const build = async (args: ReportBuildArgs) => {
    setBusy(true);
    const answer = await studio.invoke('report:build', args);
    setBusy(false);
    if (!answer.ok) return report('Could not build the report', answer.error);
    setBuilt(answer.value);
    void list.reload();
  };
  const sweepName = (id: string) => sweeps.find((sweep) => sweep.id === id)?.profileName ?? id;
  return (
    <Page title="Reports" lead="Device-farm reports for the team, as HTML, CSV or JSON.">
      <section aria-label="Build a report" className="compare-section">
        <h2>Build a report</h2>
        <ReportBuildForm sweeps={sweeps} busy={busy} onBuild={(args) => void build(args)} />
        {built && (
          <p role="status" data-testid="report-built">
            Wrote {built.format.toUpperCase()} report <code>{built.file}</code>
          </p>
        )}
      </section>
      <section aria-label="Reports list" className="compare-section">
        <h2>Reports</h2>
        <ReportList reports={list.reports} sweepName={sweepName} />
      </section>
      <section aria-label="Diff two sweeps" className="compare-section">
        <h2>Diff two sweeps</h2>
        <ReportDiffView sweeps={sweeps} />
      </section>
    </Page>
  );
}
