import { ipcMain, type WebContents } from 'electron';
import { invokeChannelNames, type InvokeHandlers } from '../../shared/contract';
import { dispatchInvoke } from '../../shared/dispatch';
import type { StudioEvent } from '../../shared/event-bus';
import { fail } from '../../shared/result';
import type { Logger } from '../core/log';
import { isTrustedFrame } from './trusted-sender';

/**
 * Registers one `ipcMain.handle` per contract channel. Messages from frames other than the
 * studio's renderer are dropped with an error value; args are parsed by the channel's schema; a
 * handler that throws is logged and answered `internal` (by dispatch), never left pending.
 */
export function registerInvokeHandlers(
  handlers: InvokeHandlers,
  rendererUrl: string,
  log: Logger,
): () => void {
  for (const channel of invokeChannelNames) {
    ipcMain.handle(channel, async (event, args: unknown) => {
      if (!isTrustedFrame(event.senderFrame, rendererUrl)) {
        log.warn(
          `Dropped ${channel} from an untrusted frame (${event.senderFrame?.url ?? 'gone'})`,
        );
        return fail('untrusted-sender', `${channel} is only answered for the studio's own window`);
      }
      return dispatchInvoke(handlers, channel, args, (message) => log.error(message));
    });
  }
  return () => invokeChannelNames.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Sends one contract event to a window, unless the window is already gone. */
export function sendEvent(contents: WebContents, event: StudioEvent): void {
  if (contents.isDestroyed()) return;
  contents.send(event.channel, event.payload);
}
