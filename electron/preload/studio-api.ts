import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  eventChannels,
  invokeResultSchema,
  isEventChannel,
  isInvokeChannel,
  type EventChannel,
  type EventPayload,
  type StudioApi,
} from '../../shared/contract';
import { fail, type Result } from '../../shared/result';

/**
 * `window.studio` over Electron IPC, derived from the contract: only contract channels pass, and
 * results and event payloads are checked against their schemas before the page sees them.
 */
export function createPreloadStudio(
  ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): StudioApi {
  return {
    async invoke(channel, args) {
      if (!isInvokeChannel(channel)) {
        return fail('unknown-channel', `Unknown invoke channel ${String(channel)}`);
      }
      const answer: unknown = await ipc.invoke(channel, args);
      return invokeResultSchema(channel).parse(answer) as Result<never>;
    },
    on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void) {
      if (!isEventChannel(channel)) throw new Error(`Unknown event channel ${String(channel)}`);
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => {
        const parsed = eventChannels[channel].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<E>);
      };
      ipc.on(channel, wrapped);
      return () => void ipc.removeListener(channel, wrapped);
    },
  };
}
