import { describe, expect, it } from 'vitest';
import type { FarmSnapshot } from '../../../shared/device';
import { StudioEventBus } from '../../../shared/event-bus';
import { DeviceService } from './device-service';

describe('DeviceService', () => {
  it('starts no farm when it is stopped while the farm module loads', async () => {
    const snapshots: FarmSnapshot[] = [];
    const service = new DeviceService(new StudioEventBus(), ['127.0.0.1:1'], {}, (snapshot) =>
      snapshots.push(snapshot),
    );
    const starting = service.farm();
    service.stop();
    await expect(starting).rejects.toThrow(/shutting down/);
    expect(snapshots).toEqual([]);
  });

  it('answers a phone asked for while it stops as cancelled, not with an exception', async () => {
    const service = new DeviceService(new StudioEventBus(), ['127.0.0.1:1'], {});
    const asked = service.device('127.0.0.1:1/ES000');
    service.stop();
    expect(await asked).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await service.device('127.0.0.1:1/ES000')).toMatchObject({
      ok: false,
      error: { code: 'cancelled' },
    });
  });
});
