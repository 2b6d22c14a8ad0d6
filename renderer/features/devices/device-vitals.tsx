import { VitalsChart } from '../../charts/vitals-chart';
import { useDeviceSamples } from './use-device-samples';

/** Live temperatures and battery of a phone, sampled every second while shown. */
export function DeviceVitals({ deviceKey }: { deviceKey: string }) {
  const { samples, error } = useDeviceSamples(deviceKey);
  const latest = samples.at(-1)?.sample;
  return (
    <section className="device-vitals" data-testid="device-vitals" aria-label="Live vitals">
      <h3>Live vitals</h3>
      {error ? <p role="alert">Sampling failed: {error}</p> : null}
      {latest ? (
        <p data-testid="vitals-latest">
          Thermal status <strong>{latest.thermal?.status ?? 'unknown'}</strong>, battery{' '}
          {latest.battery
            ? `${latest.battery.levelPercent}% at ${latest.battery.temperatureC} °C`
            : '—'}{' '}
          ({samples.length} samples)
        </p>
      ) : error ? null : (
        <p>Sampling the phone…</p>
      )}
      {samples.length > 1 ? <VitalsChart samples={samples} /> : null}
    </section>
  );
}
