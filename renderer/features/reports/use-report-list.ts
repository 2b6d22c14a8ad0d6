import { useCallback, useEffect, useState } from 'react';
import type { ReportEntry } from '../../../shared/compare';
import { useStudio } from '../../studio-context';

/** The reports the studio wrote, listed on mount and again on `reload`. */
export function useReportList(): { reports: readonly ReportEntry[]; reload(): Promise<void> } {
  const studio = useStudio();
  const [reports, setReports] = useState<readonly ReportEntry[]>([]);
  const reload = useCallback(async () => {
    const listed = await studio.invoke('report:list', {});
    if (listed.ok) setReports(listed.value.reports);
  }, [studio]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { reports, reload };
}
