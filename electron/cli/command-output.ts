import { SingleBar } from 'cli-progress';
import type { Result } from '../../shared/result';
import type { ProgressListener } from '../core/graphs/build-graphs';

/** An expected failure of a command (bad model, …): printed as one line, exit code 1. */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
}

/** The value of a successful result; a failure ends the command with its message. */
export function succeed<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new CommandFailure(result.error.message);
}

/** A progress bar on stderr when it is a terminal; silent otherwise. */
export function progressBar(): { update: ProgressListener; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: '{bar} {value}/{total} {message}',
    stream: process.stderr,
    clearOnComplete: true,
  });
  let started = false;
  return {
    update: (step, steps, message) => {
      if (!started) bar.start(steps, step, { message });
      started = true;
      bar.update(step, { message });
    },
    stop: () => bar.stop(),
  };
}
