import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing';
import { openDatabase, type StudioDatabase } from './database';
import { SettingsRepo } from './settings-repo';

describe('SettingsRepo', () => {
  let data: ReturnType<typeof tempDataDir>;
  let db: StudioDatabase;
  beforeEach(() => {
    data = tempDataDir();
    db = openDatabase(data.dir);
  });
  afterEach(() => {
    db.close();
    data.cleanup();
  });

  it('returns defaults, then saved values that survive a reopen', () => {
    const repo = new SettingsRepo(db);
    expect(repo.get('ui.theme')).toBe('system');
    repo.set({ key: 'ui.theme', value: 'dark' });
    db.close();
    db = openDatabase(data.dir);
    expect(new SettingsRepo(db).get('ui.theme')).toBe('dark');
  });

  it('refuses values that fail the schema', () => {
    const repo = new SettingsRepo(db);
    expect(() => repo.set({ key: 'ui.theme', value: 'neon' } as never)).toThrow();
    expect(repo.get('ui.theme')).toBe('system');
  });

  it('falls back to the default when a stored value is corrupt', () => {
    db.prepare("INSERT INTO settings VALUES ('ui.theme', '{not json', 0)").run();
    expect(new SettingsRepo(db).get('ui.theme')).toBe('system');
  });
});
