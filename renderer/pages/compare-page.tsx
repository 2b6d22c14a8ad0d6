import { Page } from '../components/page';
import { CompareWorkbench } from '../features/compare/compare-workbench';
import { useSweepList } from '../features/sweeps/use-sweep-list';
import { hashParam } from '../routes';
import '../features/compare/compare-page.css';

/** Compare: configurations of sweeps on a Pareto chart, with confidence intervals and tests. */
export function ComparePage() {
  const { sweeps } = useSweepList();
  return (
    <Page
      title="Compare"
      lead="Which configuration is best on which phone: TTFT against memory and accuracy."
    >
      <CompareWorkbench sweeps={sweeps} initialSweep={hashParam(window.location.hash, 'sweep')} />
    </Page>
  );
}
