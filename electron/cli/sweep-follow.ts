import type { StudioApi } from '../../shared/contract';
import { isTerminalRunState } from '../../shared/run-state';
import { onInterrupt } from './interrupt';
import { sweepProgressView } from './sweep-progress';

const pollMs = 250;

/**
 * Follows a sweep until it ends, with its progress per phone. The first Ctrl-C stops the sweep
 * and its runners on the phones (`sweep:stop`); a second one quits at once. True when stopped.
 */
export async function followSweep(studio: StudioApi, sweepId: string): Promise<boolean> {
  const view = sweepProgressView();
  let stopped = false;
  const offProgress = studio.on('sweep:onDidProgress', (progress) => {
    if (progress.sweepId === sweepId) view.update(progress);
  });
  const offInterrupt = onInterrupt(
    () => {
      stopped = true;
      console.error(
        `edge-studio: stopping sweep ${sweepId} on the phones (Ctrl-C again quits at once)`,
      );
      void studio.invoke('sweep:stop', { sweepId });
    },
    { secondQuits: true },
  );
  try {
    // Polled as well as heard: the end of a sweep is in the store even if an event was missed.
    for (;;) {
      const got = await studio.invoke('sweep:get', { sweepId });
      if (!got.ok || isTerminalRunState(got.value.sweep.state)) return stopped;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    offInterrupt();
    offProgress();
    view.stop();
  }
}
