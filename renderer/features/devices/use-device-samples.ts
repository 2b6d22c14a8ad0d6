import { useEffect, useState } from 'react';
import type { WatchedSample } from '../../../shared/device-sample';
import { useStudio } from '../../studio-context';

/** Renewal period of the watch: well inside the main side's 10 s time-to-live. */
const renewMs = 4000;

/** The latest samples of a phone (at most `keep`), sampled while the caller is mounted. */
export function useDeviceSamples(deviceKey: string, intervalMs = 1000, keep = 120) {
  const studio = useStudio();
  const [samples, setSamples] = useState<WatchedSample[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const off = studio.on('device:onDidSample', (sample) => {
      if (sample.deviceKey !== deviceKey || sample.pid !== null) return;
      setSamples((current) => [...current.slice(1 - keep), sample]);
    });
    const renew = async () => {
      const watched = await studio.invoke('device:watch', { key: deviceKey, intervalMs });
      setError(watched.ok ? null : watched.error.message);
    };
    void renew();
    const timer = setInterval(() => void renew(), renewMs);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [studio, deviceKey, intervalMs, keep]);
  return { samples, error };
}
