import { useEffect, useState } from 'react';
import type { FarmEndpointStatus } from '../../../shared/contract';
import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';

/** The saved `adb connect` endpoints with their statuses, read once and kept live by events. */
export function useFarmEndpoints(): FarmEndpointStatus[] | null {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const [endpoints, setEndpoints] = useState<FarmEndpointStatus[] | null>(null);
  useEffect(() => {
    let live = true;
    const off = studio.on('farm:onDidChangeEndpoints', (payload) =>
      setEndpoints(payload.endpoints),
    );
    void studio.invoke('farm:getEndpoints', {}).then((result) => {
      if (!live) return;
      if (result.ok) setEndpoints((known) => known ?? result.value.endpoints);
      else report('Could not read the farm endpoints', result.error);
    });
    return () => {
      live = false;
      off();
    };
  }, [studio, report]);
  return endpoints;
}
