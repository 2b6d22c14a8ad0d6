import { useEffect } from 'react';
import { useSetting } from './use-setting';

/** Applies the saved theme to the document root (`data-theme`), following changes live. */
export function useTheme(): void {
  const theme = useSetting('ui.theme');
  useEffect(() => {
    if (theme) document.documentElement.dataset.theme = theme;
  }, [theme]);
}
