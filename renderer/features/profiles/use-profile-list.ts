import { useCallback, useEffect, useState } from 'react';
import type { ProfileEntry } from '../../../shared/profile-file';
import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';

/** The profile files of the studio and of the data dir (`profile:list`), listed again on save. */
export function useProfileList(): { profiles: readonly ProfileEntry[]; reload(): Promise<void> } {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const [profiles, setProfiles] = useState<readonly ProfileEntry[]>([]);
  const reload = useCallback(async () => {
    const listed = await studio.invoke('profile:list', {});
    if (listed.ok) setProfiles(listed.value.profiles);
    else report('Could not list the profiles', listed.error);
  }, [studio, report]);
  useEffect(() => void reload(), [reload]);
  return { profiles, reload };
}
