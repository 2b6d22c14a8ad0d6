import { useEffect, useMemo, useState } from 'react';
import { parse } from 'yaml';
import type { DeviceSummary } from '../../../shared/device';
import { profileSchema, type Profile } from '../../../shared/profile';
import type { ProfileValidation } from '../../../shared/profile-file';
import type { RunRecord } from '../../../shared/run';
import { useStudio } from '../../studio-context';
import {
  estimateSweep,
  launchConcurrency,
  runSecondsByPoint,
  type LaunchConcurrency,
  type SweepEstimate,
} from './sweep-estimate';
import { pickPhones } from './sweep-phones';
import { plannedPoints } from './sweep-points';

/** What a launch would do: the grid, the phones, how many run at once, how long. */
export interface LaunchPlan {
  profile: Profile;
  gridPoints: number;
  skippedPoints: number;
  phones: DeviceSummary[];
  abiUnchecked: boolean;
  concurrency: LaunchConcurrency;
  estimate: SweepEstimate;
}

/** The profile text as the schema reads it, or null (the studio's validation is the judge). */
function parseProfile(text: string): Profile | null {
  try {
    const parsed = profileSchema.safeParse(parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The finished runs in the store (for their wall times), read once per profile opened. */
function useRunHistory(key: string | null): readonly RunRecord[] {
  const studio = useStudio();
  const [runs, setRuns] = useState<readonly RunRecord[]>([]);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    void studio.invoke('run:list', { state: 'finished', limit: 2000 }).then((listed) => {
      if (live && listed.ok) setRuns(listed.value.runs);
    });
    return () => void (live = false);
  }, [studio, key]);
  return runs;
}

/**
 * The launch plan of valid profile text on the farm; null while it is invalid or unchecked.
 * `hostCores` (from `app:info`; null until read) caps the emulated phones run at once.
 */
export function useLaunchPlan(
  file: string | null,
  text: string,
  validation: ProfileValidation | null,
  devices: readonly DeviceSummary[],
  hostCores: number | null,
): LaunchPlan | null {
  const runs = useRunHistory(file);
  const profile = useMemo(
    () => (validation?.valid ? parseProfile(text) : null),
    [text, validation],
  );
  return useMemo(() => {
    if (!profile || !validation) return null;
    const { phones, abiUnchecked } = pickPhones(devices, profile.devices);
    const concurrency = launchConcurrency(phones, hostCores);
    const history = runSecondsByPoint(runs, profile.model);
    const share = phones.length / concurrency.runsAtOnce;
    const estimate = estimateSweep(plannedPoints(profile), history, share);
    const { gridPoints, skippedPoints } = validation;
    return { profile, gridPoints, skippedPoints, phones, abiUnchecked, concurrency, estimate };
  }, [profile, validation, devices, runs, hostCores]);
}
