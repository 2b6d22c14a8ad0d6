import {
  settingDefaults,
  settingEntrySchema,
  type SettingEntry,
  type SettingKey,
  type SettingValue,
} from '../../../shared/settings';
import type { StudioDatabase } from './database';

/** Reads and writes user settings; values are JSON, checked against their schema both ways. */
export class SettingsRepo {
  readonly #db: StudioDatabase;

  constructor(db: StudioDatabase) {
    this.#db = db;
  }

  /** The stored value, or the default when unset or no longer valid under the schema. */
  get<K extends SettingKey>(key: K): SettingValue<K> {
    const row = this.#db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    if (!row) return settingDefaults[key];
    const parsed = settingEntrySchema.safeParse({ key, value: safeJson(row.value) });
    return parsed.success ? (parsed.data.value as SettingValue<K>) : settingDefaults[key];
  }

  set(entry: SettingEntry): SettingEntry {
    const checked = settingEntrySchema.parse(entry);
    this.#db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(checked.key, JSON.stringify(checked.value), Date.now());
    return checked;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
