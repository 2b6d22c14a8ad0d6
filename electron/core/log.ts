import type { LogLevel } from '../../shared/app-info';
import type { StudioEventBus } from '../../shared/event-bus';

/** A logger for one source; every line goes to the `app:onDidLog` event of the bus. */
export type Logger = Record<LogLevel, (message: string) => void>;

export function createLogger(bus: StudioEventBus, source: string): Logger {
  const write = (level: LogLevel) => (message: string) =>
    bus.emit('app:onDidLog', { time: Date.now(), level, source, message });
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Message of any thrown value, for logs and error values. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
