import { useEffect } from 'react';
import type { FarmSnapshot } from '../../../shared/device';
import { useErrorCenter } from '../../errors/error-center';
import { useFrameStore } from '../../stores/frame-store';
import { useDeviceStores } from './device-stores';

/** The farm, listed once and then kept live by `device:onDidChange` (null while listing). */
export function useFarm(): FarmSnapshot | null {
  const { farm } = useDeviceStores();
  const { report } = useErrorCenter();
  useEffect(() => {
    let live = true;
    void farm.list().then((error) => {
      if (live && error) report('Could not list the phones', error);
    });
    return () => void (live = false);
  }, [farm, report]);
  return useFrameStore(farm.farm);
}
