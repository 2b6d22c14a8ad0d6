import {
  eventChannels,
  invokeResultSchema,
  type EventChannel,
  type EventPayload,
  type InvokeHandlers,
  type StudioApi,
} from './contract';
import { dispatchInvoke, type LogError } from './dispatch';
import type { StudioEventBus } from './event-bus';
import type { Result } from './result';

/**
 * A `StudioApi` that calls handlers in-process, through the same dispatch and schemas as the
 * hosts. Used by renderer tests and anywhere a host boundary is not wanted. A handler that throws
 * is logged through `logError`, by default as an `app:onDidLog` error line on `events`.
 */
export function createLocalStudio(
  handlers: InvokeHandlers,
  events: StudioEventBus,
  logError: LogError = busLogError(events),
): StudioApi {
  return {
    async invoke(channel, args) {
      const result = await dispatchInvoke(handlers, channel, args, logError);
      return invokeResultSchema(channel).parse(result) as Result<never>;
    },
    on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void) {
      return events.subscribe((event) => {
        if (event.channel === channel) {
          listener(eventChannels[channel].parse(event.payload) as EventPayload<E>);
        }
      });
    },
  };
}

function busLogError(events: StudioEventBus): LogError {
  return (message) =>
    events.emit('app:onDidLog', { time: Date.now(), level: 'error', source: 'dispatch', message });
}
