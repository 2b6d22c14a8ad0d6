import type { DeviceSummary, FarmSnapshot } from '../../../shared/device';

interface DeviceTableProps {
  farm: FarmSnapshot;
  selected: string | null;
  onSelect(key: string): void;
}

/** The farm grouped by adb server, one row per phone. */
export function DeviceTable({ farm, selected, onSelect }: DeviceTableProps) {
  return (
    <div className="device-hosts">
      {farm.hosts.map((host) => (
        <section key={host.address} data-testid="farm-host" data-host={host.address}>
          <h2>
            {host.address} <span className={`host-status host-${host.status}`}>{host.status}</span>
          </h2>
          {host.message ? <p className="hint">{host.message}</p> : null}
          <HostPhones
            phones={farm.devices.filter((device) => device.host === host.address)}
            selected={selected}
            onSelect={onSelect}
          />
        </section>
      ))}
    </div>
  );
}

function HostPhones(props: { phones: DeviceSummary[] } & Omit<DeviceTableProps, 'farm'>) {
  if (props.phones.length === 0) return <p>No phones on this adb server.</p>;
  return (
    <table className="data-table device-table">
      <thead>
        <tr>
          {['Model', 'SoC', 'Android', 'State', 'Lease', 'Battery', 'Thermal', ''].map((label) => (
            <th key={label}>{label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.phones.map((phone) => (
          <DeviceRow key={phone.key} phone={phone} {...props} />
        ))}
      </tbody>
    </table>
  );
}

function DeviceRow({
  phone,
  selected,
  onSelect,
}: { phone: DeviceSummary } & Omit<DeviceTableProps, 'farm'>) {
  return (
    <tr
      data-testid="device-row"
      data-key={phone.key}
      data-state={phone.state}
      aria-selected={selected === phone.key}
      onClick={() => onSelect(phone.key)}
    >
      <td>
        <button type="button" className="link">
          {phone.model ?? phone.transport}
        </button>
      </td>
      <td>{phone.soc ?? '—'}</td>
      <td>{phone.android ?? '—'}</td>
      <td data-field="state" title={phone.hint ?? undefined}>
        {phone.state}
        {phone.hint && phone.state !== 'device' ? <div className="hint">{phone.hint}</div> : null}
      </td>
      <td>{phone.leaseHolder ?? 'free'}</td>
      <td>{phone.batteryPercent === null ? '—' : `${phone.batteryPercent}%`}</td>
      <td>{phone.thermal ?? '—'}</td>
      <td>
        {phone.emulated ? (
          <span className="badge" data-testid="emulated-badge">
            emulated
          </span>
        ) : null}
        {phone.isDefault ? (
          <span className="badge" title="ANDROID_SERIAL names this phone">
            default
          </span>
        ) : null}
      </td>
    </tr>
  );
}
