import type { InvokeHandlers } from '../../../shared/contract';
import { ok } from '../../../shared/result';
import { readAppInfo, type HostContext } from './app-info';

/** Handlers of the `app:*` channels. */
export function appHandlers(context: HostContext): Pick<InvokeHandlers, 'app:info'> {
  return {
    'app:info': async () => ok(await readAppInfo(context)),
  };
}
