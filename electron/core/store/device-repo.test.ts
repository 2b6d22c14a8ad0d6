import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../../shared/device';
import { openDatabase } from './database';
import { DeviceRepo } from './device-repo';

const dir = mkdtempSync(join(tmpdir(), 'edge-studio-devices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('devices seen', () => {
  it('keeps one row per host + serialno across reconnects, first and last seen', () => {
    const db = openDatabase(dir);
    const repo = new DeviceRepo(db);
    const phone: DeviceSummary = {
      key: 'h:5037/ES1',
      host: 'h:5037',
      transport: '127.0.0.1:40000',
      serialno: 'ES1',
      state: 'device',
      hint: null,
      model: 'SM-S928B',
      manufacturer: 'samsung',
      soc: 'SM8650',
      android: '14',
      sdk: 34,
      emulated: true,
      batteryPercent: 80,
      thermal: 'none',
      leaseHolder: null,
      isDefault: false,
    };
    repo.record([phone, { ...phone, key: 'h/transport', serialno: null }], 1000);
    repo.record([{ ...phone, transport: '127.0.0.1:50000' }], 2000);
    expect(repo.seen()).toEqual([
      {
        key: phone.key,
        serialno: phone.serialno,
        model: phone.model,
        emulated: true,
        firstSeen: 1000,
        lastSeen: 2000,
      },
    ]);
    db.close();
  });
});
