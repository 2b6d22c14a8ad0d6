import type { LogEntry } from '../../shared/app-info';
import type { StudioEventBus } from '../../shared/event-bus';

/** How many recent log lines a newly opened window can catch up on. */
export const logHistorySize = 200;

/** Keeps the last lines of `app:onDidLog`, so a window opened later sees what happened before. */
export class LogHistory {
  readonly #entries: LogEntry[] = [];

  constructor(bus: StudioEventBus) {
    bus.subscribe((event) => {
      if (event.channel !== 'app:onDidLog') return;
      this.#entries.push(event.payload);
      if (this.#entries.length > logHistorySize) this.#entries.shift();
    });
  }

  entries(): LogEntry[] {
    return [...this.#entries];
  }
}
