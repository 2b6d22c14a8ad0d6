import type { StudioApi } from '../../../shared/contract';
import { useStudio } from '../../studio-context';
import { FarmStore } from './farm-store';
import { PushStore } from './push-store';

/** The Devices feature's stores: one set per studio, alive as long as the window. */
export interface DeviceStores {
  farm: FarmStore;
  pushes: PushStore;
}

const storesByStudio = new WeakMap<StudioApi, DeviceStores>();

export function deviceStoresOf(studio: StudioApi): DeviceStores {
  let stores = storesByStudio.get(studio);
  if (!stores) {
    stores = { farm: new FarmStore(studio), pushes: new PushStore(studio) };
    storesByStudio.set(studio, stores);
  }
  return stores;
}

/** The Devices feature's stores of the current studio. */
export function useDeviceStores(): DeviceStores {
  return deviceStoresOf(useStudio());
}
