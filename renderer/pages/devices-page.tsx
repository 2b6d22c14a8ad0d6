import { EmptyState } from '../components/empty-state';
import { Page } from '../components/page';
import { useInvoke } from '../hooks/use-invoke';

/** Devices: the phones of every adb server of the farm. */
export function DevicesPage() {
  const { state } = useInvoke('app:info', {});
  const farm = state.status === 'ready' ? state.value.farm : [];
  return (
    <Page
      title="Devices"
      lead="Every phone of the farm, its identity, state, memory and temperature."
    >
      <EmptyState title="No phones yet">
        <p>
          Phones attached to the farm's adb servers appear here with their model, SoC, Android
          version, state and live memory and thermal readings.
        </p>
        <p>
          Farm: <code>{farm.length > 0 ? farm.join(', ') : '…'}</code>. Attach a phone with USB
          debugging enabled, or run <code>adb connect HOST:PORT</code>, so that{' '}
          <code>adb devices</code> lists it. Add adb servers with{' '}
          <code>edge-studio serve --adb HOST:PORT</code>.
        </p>
      </EmptyState>
    </Page>
  );
}
