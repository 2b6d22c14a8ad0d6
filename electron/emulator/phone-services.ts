import type { AdbStream } from './adb-stream';
import { parseShellService } from './shell-protocol';
import { startShellService } from './shell-service';
import type { ShellHost } from './shell-types';
import { startSyncService, type SyncContext } from './sync-service';

/**
 * The services a phone offers: `shell:` (raw and v2), `exec:` and `sync:`. Anything else is
 * refused (the connection answers CLSE).
 */
export function openService(
  name: string,
  host: ShellHost,
  sync: SyncContext,
): ((stream: AdbStream) => void) | null {
  if (name === 'sync:') return (stream) => startSyncService(stream, sync);
  const shell = parseShellService(name);
  if (shell) return (stream) => startShellService(stream, shell, host);
  return null;
}
