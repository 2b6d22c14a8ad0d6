import type { EventPayload, StudioApi } from '../../../shared/contract';
import type { FarmSnapshot } from '../../../shared/device';
import type { StudioError } from '../../../shared/result';
import { FrameStore, type FrameScheduler } from '../../stores/frame-store';

/**
 * The farm as every page sees it: listed once, then kept live by `device:onDidChange` batches
 * (the latest snapshot of a batch wins); readers re-render at most once per frame.
 */
export class FarmStore {
  readonly farm: FrameStore<FarmSnapshot | null>;
  #listing: Promise<StudioError | null> | null = null;

  constructor(
    private readonly studio: StudioApi,
    schedule?: FrameScheduler,
  ) {
    this.farm = new FrameStore<FarmSnapshot | null>(null, schedule);
    studio.on('device:onDidChange', (batch) => this.apply(batch));
  }

  apply(batch: EventPayload<'device:onDidChange'>): void {
    const latest = batch.items.at(-1);
    if (latest) this.farm.update(() => latest);
  }

  /** Lists the farm unless it was listed already; the error when listing failed (tried again later). */
  list(): Promise<StudioError | null> {
    this.#listing ??= this.studio.invoke('device:list', {}).then((result) => {
      if (!result.ok) {
        this.#listing = null;
        return result.error;
      }
      // A batch that came in meanwhile is newer than the list.
      this.farm.update((current) => current ?? result.value);
      return null;
    });
    return this.#listing;
  }
}
