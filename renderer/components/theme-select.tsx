import { settingValueSchemas } from '../../shared/settings';
import { useErrorCenter } from '../errors/error-center';
import { useSetting } from '../hooks/use-setting';
import { useStudio } from '../studio-context';

const themes = settingValueSchemas['ui.theme'].options;

/** Picks the colour theme; saved in the store, so every window and the next launch agree. */
export function ThemeSelect() {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const theme = useSetting('ui.theme');
  const choose = async (value: (typeof themes)[number]) => {
    const result = await studio.invoke('settings:set', { key: 'ui.theme', value });
    if (!result.ok) report('Could not save the theme', result.error);
  };
  return (
    <label className="field">
      <span>Theme</span>
      <select
        value={theme ?? 'system'}
        disabled={theme === undefined}
        onChange={(event) => void choose(event.target.value as (typeof themes)[number])}
      >
        {themes.map((option) => (
          <option key={option} value={option}>
            {option[0]?.toUpperCase() + option.slice(1)}
          </option>
        ))}
      </select>
    </label>
  );
}
