import { fail, ok, type Result } from '../../../../shared/result';

/**
 * The pushes running now, by the id their caller gave, so that any window can cancel one and
 * closing the studio cancels them all (their temporary files are removed, nothing is cached).
 */
export class PushesInFlight {
  readonly #controllers = new Map<string, AbortController>();
  #closed = false;

  /**
   * Registers a push; its signal aborts on `cancel`. An id already in flight is refused, and
   * every push once `cancelAll` has run (the studio is closing).
   */
  begin(pushId: string): Result<AbortSignal> {
    if (this.#closed) return fail('cancelled', 'The studio is closing: no new pushes');
    if (this.#controllers.has(pushId)) {
      return fail('invalid-args', `A push with id ${pushId} is already in flight`);
    }
    const controller = new AbortController();
    this.#controllers.set(pushId, controller);
    return ok(controller.signal);
  }

  end(pushId: string): void {
    this.#controllers.delete(pushId);
  }

  /** Cancels a push; false when none with this id is in flight. */
  cancel(pushId: string): boolean {
    const controller = this.#controllers.get(pushId);
    controller?.abort();
    return controller !== undefined;
  }

  /** Cancels every push, now and from now on. */
  cancelAll(): void {
    this.#closed = true;
    for (const controller of this.#controllers.values()) controller.abort();
  }
}
