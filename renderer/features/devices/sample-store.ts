import type { StudioApi } from '../../../shared/contract';
import type { WatchedSample } from '../../../shared/device-sample';
import { appendBounded } from '../../stores/bounded-buffer';
import { FrameStore, type FrameScheduler } from '../../stores/frame-store';

/** Samples kept per phone: two minutes at the default 1 s interval. */
export const samplesKept = 120;

/**
 * The latest phone-wide samples (`device:onDidSample` without a pid) of every watched phone, in a
 * bounded buffer each; readers of a phone re-render at most once per frame.
 */
export class SampleStore {
  readonly #byDevice = new Map<string, FrameStore<readonly WatchedSample[]>>();

  constructor(
    studio: StudioApi,
    private readonly schedule?: FrameScheduler,
  ) {
    studio.on('device:onDidSample', (sample) => {
      if (sample.pid !== null) return;
      this.of(sample.deviceKey).update((kept) => appendBounded(kept, [sample], samplesKept));
    });
  }

  /** The samples of one phone (an empty store until it is watched). */
  of(deviceKey: string): FrameStore<readonly WatchedSample[]> {
    let store = this.#byDevice.get(deviceKey);
    if (!store) {
      store = new FrameStore<readonly WatchedSample[]>([], this.schedule);
      this.#byDevice.set(deviceKey, store);
    }
    return store;
  }
}
