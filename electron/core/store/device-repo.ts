import type { DeviceSummary } from '../../../shared/device';
import type { StudioDatabase } from './database';

/** A phone the studio has seen, keyed by host + ro.serialno so history survives reconnects. */
export interface SeenDevice {
  key: string;
  serialno: string;
  model: string | null;
  emulated: boolean;
  firstSeen: number;
  lastSeen: number;
}

/** Records every identified phone of the farm. */
export class DeviceRepo {
  readonly #db: StudioDatabase;

  constructor(db: StudioDatabase) {
    this.#db = db;
  }

  /** Upserts the identified phones of a snapshot (transport-only rows are not identities). */
  record(devices: readonly DeviceSummary[], now = Date.now()): void {
    const upsert = this.#db.prepare(
      `INSERT INTO devices (key, host, serialno, model, manufacturer, soc, android, emulated, first_seen, last_seen)
       VALUES (@key, @host, @serialno, @model, @manufacturer, @soc, @android, @emulated, @now, @now)
       ON CONFLICT(key) DO UPDATE SET model = excluded.model, soc = excluded.soc,
         android = excluded.android, last_seen = excluded.last_seen`,
    );
    const identified = devices.filter((device) => device.serialno !== null);
    this.#db.transaction(() => {
      for (const device of identified) {
        upsert.run({ ...device, emulated: device.emulated ? 1 : 0, now });
      }
    })();
  }

  seen(): SeenDevice[] {
    return this.#db
      .prepare(
        `SELECT key, serialno, model, emulated, first_seen AS firstSeen, last_seen AS lastSeen
         FROM devices ORDER BY key`,
      )
      .all()
      .map((row) => {
        const seen = row as Omit<SeenDevice, 'emulated'> & { emulated: number };
        return { ...seen, emulated: seen.emulated === 1 };
      });
  }
}
