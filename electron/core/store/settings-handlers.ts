import type { InvokeHandlers } from '../../../shared/contract';
import type { StudioEventBus } from '../../../shared/event-bus';
import { ok } from '../../../shared/result';
import type { SettingEntry } from '../../../shared/settings';
import type { SettingsRepo } from './settings-repo';

/** Handlers of the `settings:*` channels; a change is broadcast to every window. */
export function settingsHandlers(
  settings: SettingsRepo,
  bus: StudioEventBus,
): Pick<InvokeHandlers, 'settings:get' | 'settings:set'> {
  return {
    'settings:get': async ({ key }) => ok({ key, value: settings.get(key) } as SettingEntry),
    'settings:set': async (entry) => {
      const saved = settings.set(entry);
      bus.emit('settings:onDidChange', saved);
      return ok(saved);
    },
  };
}
