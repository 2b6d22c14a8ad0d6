import { existsSync } from 'node:fs';
import type { StudioApi } from '../../shared/contract';
import { deviceSelectorSchema, type DeviceSelector, type Profile } from '../../shared/profile';
import { formatProfileIssue } from '../../shared/profile-file';
import { readProfileFile } from '../core/sweeps/profile-file';
import { call } from './cli-studio';
import { CommandFailure } from './command-output';
import { UsageError } from './global-options';

const listFields = ['model', 'soc', 'abi', 'host', 'serial'] as const;
type ListField = (typeof listFields)[number];

/**
 * A `--devices` selector: comma-separated `FIELD=VALUE` terms (model, soc, abi, host, serial,
 * emulated=true|false); a bare term is a serial number or farm key, as `--device` takes one.
 * A field given twice matches either value, as the profile's lists do. Pure.
 */
export function parseDeviceSelector(text: string): DeviceSelector {
  const lists: Partial<Record<ListField, string[]>> = {};
  let emulated: boolean | undefined;
  for (const term of text.split(',').map((each) => each.trim())) {
    if (term === '') throw new UsageError(`--devices has an empty term in "${text}"`);
    const [field, value] = term.includes('=') ? term.split(/=(.*)/s) : ['serial', term];
    if (field === 'emulated' && (value === 'true' || value === 'false')) {
      emulated = value === 'true';
    } else if (listFields.includes(field as ListField) && value) {
      (lists[field as ListField] ??= []).push(value);
    } else {
      throw new UsageError(
        `--devices: "${term}" is not FIELD=VALUE with FIELD one of ${listFields.join(', ')}, emulated (true|false)`,
      );
    }
  }
  return deviceSelectorSchema.parse({ ...lists, ...(emulated === undefined ? {} : { emulated }) });
}

/**
 * The profile a `sweep PROFILE` names: a YAML file, or a profile of the studio's or the data
 * dir's folder by name (`profile:list`). Its issues, by file and line, are the command's failure.
 */
export async function loadProfile(studio: StudioApi, name: string): Promise<Profile> {
  const read = await readProfileFile(await profileFile(studio, name));
  if (read.ok) return read.profile;
  const lines = read.issues.map((issue) => formatProfileIssue(read.file, issue));
  throw new CommandFailure(lines.join('\n'));
}

async function profileFile(studio: StudioApi, name: string): Promise<string> {
  if (/\.ya?ml$/i.test(name) || name.includes('/') || existsSync(name)) return name;
  const { profiles } = await call(studio, 'profile:list', {});
  const entry = profiles.find((each) => each.name === name);
  if (entry) return entry.file;
  const known = profiles.map((each) => each.name).join(', ') || 'none';
  throw new UsageError(`No profile named ${name}: name a YAML file or one of ${known}`);
}
