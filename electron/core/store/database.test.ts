import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing';
import { databaseFileName, openDatabase } from './database';
import { migrations, type Migration } from './migrations';

describe('openDatabase', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.cleanup());

  it('creates the file in the data dir and migrates to the latest version', () => {
    const db = openDatabase(join(data.dir, 'nested'));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'settings'").get()).toBeTruthy();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('is idempotent when reopened', () => {
    openDatabase(data.dir).close();
    const db = openDatabase(data.dir);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    db.close();
  });

  it('rolls back a failing migration and keeps the previous version', () => {
    const broken: Migration[] = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        sql: 'CREATE TABLE half (x); SELECT * FROM missing_table;',
      },
    ];
    expect(() => openDatabase(data.dir, broken)).toThrow(/missing_table/);
    const raw = new Database(join(data.dir, databaseFileName));
    expect(raw.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    raw.close();
  });

  it('refuses a database from a newer studio', () => {
    const raw = new Database(join(data.dir, databaseFileName));
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(data.dir)).toThrow(/newer than this studio/);
  });
});
