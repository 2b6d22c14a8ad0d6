import type { StudioApi } from '../../../shared/contract';
import { useStudio } from '../../studio-context';
import { FarmStore } from './farm-store';
import { PushStore } from './push-store';
import { SampleStore } from './sample-store';

/** The Devices feature's stores: one set per studio, alive as long as the window. */
export interface DeviceStores {
  farm: FarmStore;
  pushes: PushStore;
  samples: SampleStore;
}

const storesByStudio = new WeakMap<StudioApi, DeviceStores>();

export function deviceStoresOf(studio: StudioApi): DeviceStores {
  let stores = storesByStudio.get(studio);
  if (!stores) {
    stores = {
      farm: new FarmStore(studio),
      pushes: new PushStore(studio),
      samples: new SampleStore(studio),
    };
    storesByStudio.set(studio, stores);
  }
  return stores;
}

/** The Devices feature's stores of the current studio. */
export function useDeviceStores(): DeviceStores {
  return deviceStoresOf(useStudio());
}
