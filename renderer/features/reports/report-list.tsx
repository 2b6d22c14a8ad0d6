import type { ReportEntry } from '../../../shared/compare';
import { formatBytes } from '../graphs/format-bytes';

/** The reports the studio wrote, newest first, each with its file's path. */
export function ReportList({
  reports,
  sweepName,
}: {
  reports: readonly ReportEntry[];
  sweepName(sweepId: string): string;
}) {
  if (reports.length === 0) return <p className="muted">No reports yet.</p>;
  return (
    <table className="chart-table report-list" aria-label="Reports">
      <thead>
        <tr>
          <th scope="col">sweep</th>
          <th scope="col">format</th>
          <th scope="col">file</th>
          <th scope="col">size</th>
          <th scope="col">written</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((report) => (
          <tr key={report.file}>
            <td>
              {sweepName(report.sweepId)}
              {report.against && ` vs ${sweepName(report.against)}`}
            </td>
            <td>{report.format.toUpperCase()}</td>
            <td className="report-file" data-testid="report-file">
              {report.file}
            </td>
            <td>{formatBytes(report.bytes)}</td>
            <td>{new Date(report.createdAt).toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
