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
});
