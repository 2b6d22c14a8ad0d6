import type { InvokeHandlers } from '../../../shared/contract';
import { ok } from '../../../shared/result';
import type { LogHistory } from '../log-history';
import { readAppInfo, type HostContext } from './app-info';

/** Handlers of the `app:*` channels. */
export function appHandlers(
  context: HostContext,
  history: LogHistory,
): Pick<InvokeHandlers, 'app:info' | 'app:logs'> {
  return {
    'app:info': async () => ok(await readAppInfo(context)),
    'app:logs': async () => ok({ entries: history.entries() }),
  };
}
