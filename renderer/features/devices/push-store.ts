import type { StudioApi } from '../../../shared/contract';
import type { PushProgress } from '../../../shared/device';
import { pushProgressOf, type JobSnapshot } from '../../../shared/job';
import { appendBounded } from '../../stores/bounded-buffer';
import { FrameStore, type FrameScheduler } from '../../stores/frame-store';

export const finishedPhases = new Set<PushProgress['phase']>([
  'done',
  'failed',
  'cached',
  'cancelled',
]);

/** Pushes shown at most: the oldest leave first. */
const maxPushes = 32;
/** How long a finished push stays on the list. */
const keepFinishedMs = 5000;

/**
 * The pushes of this window's studio, latest progress per push, kept outside any page so that a
 * push still shows (and progresses) after navigating away and back.
 */
export class PushStore {
  readonly pushes: FrameStore<readonly PushProgress[]>;

  constructor(studio: StudioApi, schedule?: FrameScheduler) {
    this.pushes = new FrameStore<readonly PushProgress[]>([], schedule);
    // Pushes are jobs: a window that opens mid-push lists it, then follows its changes.
    const fromJob = (job: JobSnapshot) =>
      job.kind === 'device-push' && this.apply(pushProgressOf(job));
    studio.on('job:onDidChange', fromJob);
    void studio.invoke('job:list', {}).then((listed) => {
      const known = (job: JobSnapshot) =>
        this.pushes.current.some((push) => push.pushId === job.id);
      if (listed.ok) for (const job of listed.value.jobs) if (!known(job)) fromJob(job);
    });
  }

  apply(progress: PushProgress): void {
    this.pushes.update((pushes) => {
      const index = pushes.findIndex((push) => push.pushId === progress.pushId);
      if (index < 0) return appendBounded(pushes, [progress], maxPushes);
      return pushes.map((push, i) => (i === index ? progress : push));
    });
    if (!finishedPhases.has(progress.phase)) return;
    setTimeout(() => this.#remove(progress), keepFinishedMs);
  }

  #remove(finished: PushProgress): void {
    // Only the progress that ended it: a push id used again since then stays.
    this.pushes.update((pushes) => pushes.filter((push) => push !== finished));
  }
}
