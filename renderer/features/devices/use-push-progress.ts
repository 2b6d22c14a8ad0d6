import type { PushProgress } from '../../../shared/device';
import { useFrameStore } from '../../stores/frame-store';
import { useDeviceStores } from './device-stores';

/** Pushes in flight (latest progress per push); finished ones leave the list after 5 s. */
export function usePushProgress(): readonly PushProgress[] {
  return useFrameStore(useDeviceStores().pushes.pushes);
}
