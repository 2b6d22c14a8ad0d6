import { resolve } from 'node:path';
import type { InvokeHandlers } from '../../../shared/contract';
import type { Profile } from '../../../shared/profile';
import { formatProfileIssue } from '../../../shared/profile-file';
import { fail, ok, type Result } from '../../../shared/result';
import type { SweepStartArgs } from '../../../shared/sweep';
import { readProfileFile } from './profile-file';
import { listProfiles, type ProfileFolders } from './profile-handlers';
import type { SweepService } from './scheduler';

type SweepChannel = 'sweep:start' | 'sweep:stop' | 'sweep:resume' | 'sweep:list' | 'sweep:get';

/** Handlers of the `sweep:*` channels over the studio's sweep service. */
export function sweepHandlers(
  sweeps: SweepService,
  folders: ProfileFolders,
): Pick<InvokeHandlers, SweepChannel> {
  return {
    'sweep:start': async (args) => {
      const profile = await profileOf(args, folders);
      return profile.ok ? sweeps.start(profile.value) : profile;
    },
    'sweep:stop': async ({ sweepId }) => ok({ stopped: sweeps.stop(sweepId) }),
    'sweep:resume': async ({ sweepId }) => sweeps.resume(sweepId),
    'sweep:list': async () => ok({ sweeps: sweeps.list() }),
    'sweep:get': async ({ sweepId }) => sweeps.get(sweepId),
  };
}

/** The profile a start names: inline, a file, or a profile of the folders by name. */
async function profileOf(args: SweepStartArgs, folders: ProfileFolders): Promise<Result<Profile>> {
  if (args.profile) return ok(args.profile);
  let file = args.file === undefined ? undefined : resolve(args.file);
  if (file === undefined) {
    const entry = (await listProfiles(folders)).find((each) => each.name === args.name);
    if (!entry) return fail('not-found', `No profile named ${args.name}`);
    file = entry.file;
  }
  const read = await readProfileFile(file);
  if (read.ok) return ok(read.profile);
  const lines = read.issues.map((issue) => formatProfileIssue(read.file, issue));
  return fail(read.text === null ? 'not-found' : 'invalid-args', lines.join('\n'));
}
