import type { DeviceDetails } from '../../../shared/device';
import { useInvoke } from '../../hooks/use-invoke';
import { DeviceVitals } from './device-vitals';

const kb = (value: number | null) =>
  value === null ? '—' : `${(value / 1024 / 1024).toFixed(1)} GiB`;

/** Every detail of one phone, read when it is selected. */
export function DeviceDetailsPanel({ deviceKey }: { deviceKey: string }) {
  const { state } = useInvoke('device:details', { key: deviceKey });
  if (state.status === 'loading')
    return <aside className="device-details">Reading the phone…</aside>;
  if (state.status === 'failed')
    return <aside className="device-details">{state.error.message}</aside>;
  return (
    <aside className="device-details" data-testid="device-details">
      <h2>{state.value.model ?? deviceKey}</h2>
      <dl>
        {rows(state.value).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-field={label}>{value}</dd>
          </div>
        ))}
      </dl>
      <DeviceVitals deviceKey={deviceKey} />
    </aside>
  );
}

function rows(d: DeviceDetails): [string, string][] {
  return [
    ['Manufacturer', d.manufacturer ?? '—'],
    ['SoC', d.soc ?? '—'],
    ['ABI', d.abi ?? '—'],
    ['Android', d.android ? `${d.android} (SDK ${d.sdk ?? '?'})` : '—'],
    ['Fingerprint', d.fingerprint ?? '—'],
    ['Kernel', d.kernel ?? '—'],
    ['RAM', `${kb(d.ramKb)} (${kb(d.availableRamKb)} available)`],
    ['Free storage', kb(d.storageFreeKb)],
    [
      'Battery',
      d.batteryPercent === null ? '—' : `${d.batteryPercent}% at ${d.batteryCelsius ?? '?'} °C`,
    ],
    ['Thermal', d.thermal ?? '—'],
    ['CPU governor', d.governor ?? '—'],
    ['Accelerators', d.accelerators.join(', ') || 'none found'],
    [
      'Emulated',
      d.emulated ? `yes (emulated phone${d.timingNote ? `; ${d.timingNote}` : ''})` : 'no',
    ],
  ];
}
