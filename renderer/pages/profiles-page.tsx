import { useCallback, useState } from 'react';
import { Page } from '../components/page';
import { useFarm } from '../features/devices/use-farm';
import { ModelPanel } from '../features/graphs/model-panel';
import { ProfileWorkbench } from '../features/profiles/profile-workbench';
import { phoneLabel } from '../features/runs/run-form-fields';
import { SweepSection } from '../features/sweeps/sweep-section';
import { hashParam } from '../routes';
import '../features/profiles/profiles-page.css';

/**
 * Profiles: edit scenario profiles, launch and watch sweeps (`#/profiles?sweep=ID` opens on
 * one), and inspect the model of one.
 */
export function ProfilesPage() {
  const farm = useFarm();
  const [sweepId, setSweepId] = useState(() => hashParam(window.location.hash, 'sweep'));
  const phoneName = useCallback(
    (key: string) => {
      const device = farm?.devices.find((phone) => phone.key === key);
      return device ? phoneLabel(device) : key;
    },
    [farm],
  );
  return (
    <Page
      title="Profiles"
      lead="Scenario profiles: edit one, see its grid and how long it takes, sweep it across the farm."
    >
      <section aria-label="Scenario profiles">
        <h2>Scenario profiles</h2>
        <ProfileWorkbench devices={farm?.devices ?? []} onLaunched={setSweepId} />
      </section>
      <SweepSection selected={sweepId} onSelect={setSweepId} phoneName={phoneName} />
      <section aria-label="Model">
        <h2>Model</h2>
        <ModelPanel />
      </section>
    </Page>
  );
}
