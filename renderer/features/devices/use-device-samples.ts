import { useEffect, useState } from 'react';
import { useFrameStore } from '../../stores/frame-store';
import { useStudio } from '../../studio-context';
import { useDeviceStores } from './device-stores';

/** Renewal period of the watch: well inside the main side's 10 s time-to-live. */
const renewMs = 4000;

/** The latest samples of a phone (a bounded buffer), sampled while the caller is mounted. */
export function useDeviceSamples(deviceKey: string, intervalMs = 1000) {
  const studio = useStudio();
  const samples = useFrameStore(useDeviceStores().samples.of(deviceKey));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const renew = async () => {
      const watched = await studio.invoke('device:watch', { key: deviceKey, intervalMs });
      setError(watched.ok ? null : watched.error.message);
    };
    void renew();
    const timer = setInterval(() => void renew(), renewMs);
    return () => clearInterval(timer);
  }, [studio, deviceKey, intervalMs]);
  return { samples, error };
}
