import { useEffect, useState } from 'react';
import type { FarmSnapshot } from '../../../shared/device';
import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';

/** The farm, loaded once and then kept live by `device:onDidChange` (null while loading). */
export function useFarm(): FarmSnapshot | null {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const [farm, setFarm] = useState<FarmSnapshot | null>(null);
  useEffect(() => {
    let live = true;
    const off = studio.on('device:onDidChange', (snapshot) => setFarm(snapshot));
    void studio.invoke('device:list', {}).then((result) => {
      if (!live) return;
      if (result.ok) setFarm((current) => current ?? result.value);
      else report('Could not list the phones', result.error);
    });
    return () => {
      live = false;
      off();
    };
  }, [studio, report]);
  return farm;
}
