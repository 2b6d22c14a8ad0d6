import { useEffect, useState } from 'react';
import type { SettingKey, SettingValue } from '../../shared/settings';
import { useErrorCenter } from '../errors/error-center';
import { useStudio } from '../studio-context';

/** A setting's current value (undefined while loading), kept live across windows. */
export function useSetting<K extends SettingKey>(key: K): SettingValue<K> | undefined {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const [value, setValue] = useState<SettingValue<K>>();
  useEffect(() => {
    let live = true;
    void studio.invoke('settings:get', { key }).then((result) => {
      if (!live) return;
      if (result.ok) setValue(result.value.value as SettingValue<K>);
      else report(`Could not read setting ${key}`, result.error);
    });
    const off = studio.on('settings:onDidChange', (entry) => {
      if (entry.key === key) setValue(entry.value as SettingValue<K>);
    });
    return () => {
      live = false;
      off();
    };
  }, [studio, key, report]);
  return value;
}
