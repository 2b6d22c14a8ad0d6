import { z } from 'zod';

/**
 * Every persisted user setting and its schema. Keys are dotted by domain; later issues add
 * theirs here so the store, the UI and the CLI agree on one list.
 */
export const settingValueSchemas = {
  'ui.theme': z.enum(['system', 'light', 'dark']),
  'ui.reducedMotion': z.boolean(),
  /** adb servers added in the Devices page, on top of `--adb` (validated by farm:setHosts). */
  'farm.hosts': z.array(z.string().max(300)).max(64),
  /** Phones reached with `adb connect HOST:PORT` (Wi-Fi debugging, STF), kept attached. */
  'farm.endpoints': z.array(z.string().max(300)).max(256),
} as const;

export type SettingKey = keyof typeof settingValueSchemas;
export type SettingValue<K extends SettingKey> = z.output<(typeof settingValueSchemas)[K]>;

/** What a setting is until the user changes it. */
export const settingDefaults: { [K in SettingKey]: SettingValue<K> } = {
  'ui.theme': 'system',
  'ui.reducedMotion': false,
  'farm.hosts': [],
  'farm.endpoints': [],
};

export const settingKeys = Object.keys(settingValueSchemas) as SettingKey[];
export const settingKeySchema = z.enum(settingKeys as [SettingKey, ...SettingKey[]]);

const entry = <K extends SettingKey>(key: K) =>
  z.object({ key: z.literal(key), value: settingValueSchemas[key] }).strict();

/** A key with its value, checked against that key's schema. */
export const settingEntrySchema = z.discriminatedUnion('key', [
  entry('ui.theme'),
  entry('ui.reducedMotion'),
  entry('farm.hosts'),
  entry('farm.endpoints'),
]);

export type SettingEntry = z.infer<typeof settingEntrySchema>;
