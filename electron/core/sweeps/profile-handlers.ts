import { readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { InvokeHandlers } from '../../../shared/contract';
import { formatProfileIssue, type ProfileEntry } from '../../../shared/profile-file';
import { fail, ok, type Result } from '../../../shared/result';
import { studioRoot } from '../paths';
import { gridSize } from './grid';
import { parseProfileText, readProfileFile } from './profile-file';
import { saveProfileText } from './profile-save';

/** The two profile folders: shipped with the studio, and the user's own in the data dir. */
export interface ProfileFolders {
  studio: string;
  user: string;
}

/** The studio's shipped `profiles/` and the data dir's `profiles/` (the user's own). */
export function profileFolders(dataDir: string): ProfileFolders {
  return { studio: join(studioRoot(), 'profiles'), user: join(dataDir, 'profiles') };
}

type ProfileChannel = 'profile:list' | 'profile:get' | 'profile:save' | 'profile:validate';

/** Handlers of the `profile:*` channels, over the profile folders (and no file outside them). */
export function profileHandlers(folders: ProfileFolders): Pick<InvokeHandlers, ProfileChannel> {
  return {
    'profile:list': async () => ok({ profiles: await listProfiles(folders) }),
    'profile:get': async ({ file }) => {
      const path = profilePath(folders, file);
      if (!path.ok) return path;
      const read = await readProfileFile(path.value);
      if (read.text === null)
        return fail('not-found', read.ok ? path.value : (read.issues[0]?.message ?? path.value));
      const issues = read.ok ? [] : read.issues;
      return ok({
        file: path.value,
        text: read.text,
        profile: read.ok ? read.profile : null,
        issues,
      });
    },
    'profile:save': async ({ file, text }) => {
      const path = profilePath(folders, file);
      if (!path.ok) return path;
      const saved = await saveProfileText(path.value, text);
      if (saved.ok) return ok({ file: saved.file });
      const lines = saved.issues.map((issue) => formatProfileIssue(path.value, issue));
      return fail('invalid-args', `the profile is not saved:\n${lines.join('\n')}`);
    },
    'profile:validate': async ({ file, text }) => {
      const parsed = parseProfileText(text, file === undefined ? undefined : resolve(file));
      if (!parsed.ok)
        return ok({ valid: false, issues: parsed.issues, gridPoints: 0, skippedPoints: 0 });
      const size = gridSize(parsed.profile);
      return ok({ valid: true, issues: [], gridPoints: size.points, skippedPoints: size.skipped });
    },
  };
}

/** Every `.yaml` profile of both folders (the shipped ones first), each with its validity. */
export async function listProfiles(folders: ProfileFolders): Promise<ProfileEntry[]> {
  const sources = [['studio', folders.studio] as const, ['user', folders.user] as const];
  const entries = await Promise.all(
    sources.map(async ([source, folder]) => {
      const names = await yamlFiles(folder);
      return Promise.all(
        names.map(async (name): Promise<ProfileEntry> => {
          const read = await readProfileFile(join(folder, name));
          const issues = read.ok ? [] : read.issues;
          return { name: basename(name, '.yaml'), file: read.file, source, valid: read.ok, issues };
        }),
      );
    }),
  );
  return entries.flat();
}

async function yamlFiles(folder: string): Promise<string[]> {
  try {
    const names = await readdir(folder);
    return names.filter((name) => name.endsWith('.yaml') && !name.startsWith('.')).sort();
  } catch {
    return []; // no user folder yet: no user profiles
  }
}

/** The absolute path of a profile file, refused outside the profile folders or not `.yaml`. */
function profilePath(folders: ProfileFolders, file: string): Result<string> {
  const path = resolve(file);
  const inside = [folders.studio, folders.user].some((folder) => dirname(path) === resolve(folder));
  if (!inside || !path.endsWith('.yaml')) {
    return fail(
      'invalid-args',
      `${file} is not a .yaml file in ${folders.studio} or ${folders.user}`,
    );
  }
  return ok(path);
}
