import { useState } from 'react';
import { EmptyState } from '../components/empty-state';
import { Page } from '../components/page';
import { DeviceDetailsPanel } from '../features/devices/device-details-panel';
import { DeviceTable } from '../features/devices/device-table';
import { FarmHostForm } from '../features/devices/farm-host-form';
import { PushList } from '../features/devices/push-list';
import { useFarm } from '../features/devices/use-farm';
import { usePushProgress } from '../features/devices/use-push-progress';

/** Devices: the phones of every adb server of the farm, live. */
export function DevicesPage() {
  const farm = useFarm();
  const pushes = usePushProgress();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <Page
      title="Devices"
      lead="Every phone of the farm, its identity, state, battery and temperature."
    >
      {farm === null ? <p>Listing the farm…</p> : null}
      {farm && farm.devices.length === 0 ? (
        <EmptyState title="No phones yet">
          <p>
            Attach a phone with USB debugging enabled, or run <code>adb connect HOST:PORT</code>, so
            that <code>adb devices</code> lists it; or start emulated phones with{' '}
            <code>edge-studio serve --emulate 3</code>.
          </p>
          <p>
            Farm: <code>{farm.hosts.map((host) => host.address).join(', ')}</code>. Add adb servers
            below or with <code>edge-studio serve --adb HOST:PORT</code>.
          </p>
        </EmptyState>
      ) : null}
      {farm ? <DeviceTable farm={farm} selected={selected} onSelect={setSelected} /> : null}
      <PushList pushes={pushes} />
      {selected ? <DeviceDetailsPanel key={selected} deviceKey={selected} /> : null}
      <FarmHostForm />
    </Page>
  );
}
