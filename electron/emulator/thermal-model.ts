/** Android thermal statuses (PowerManager.THERMAL_STATUS_*). */
export const thermalStatusNames = [
  'NONE',
  'LIGHT',
  'MODERATE',
  'SEVERE',
  'CRITICAL',
  'EMERGENCY',
  'SHUTDOWN',
] as const;

/** One thermal zone as `/sys/class/thermal` and `dumpsys thermalservice` show it. */
export interface ThermalZone {
  name: string;
  celsius: number;
}

const ambient = 30;
const perLoadUnit = 9;
const timeConstantMs = 20_000;
const thresholds = [39, 43, 46, 49, 52, 55];
const zoneOffsets: [string, number][] = [
  ['cpu-0-0', 0],
  ['cpu-1-0', 1.5],
  ['gpu', -1],
  ['battery', -4],
  ['skin', -6],
];

/**
 * A load-driven temperature model: the die heats toward `ambient + 9 °C × load` with a 20 s time
 * constant and cools back the same way. A manual override pins the status (and temperature).
 */
export class ThermalModel {
  private celsius = ambient;
  private updatedAt: number;
  private override: number | null = null;

  constructor(now = Date.now()) {
    this.updatedAt = now;
  }

  /** Advances the model to `now` under `load` (running programs, each ~one busy core cluster). */
  update(load: number, now = Date.now()): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    const target = ambient + perLoadUnit * Math.min(load, 4);
    this.celsius += (target - this.celsius) * (1 - Math.exp(-elapsed / timeConstantMs));
    this.updatedAt = now;
  }

  /** Pins the thermal status (0–6), or `null` to follow the model again. */
  setOverride(status: number | null): void {
    this.override = status === null ? null : Math.max(0, Math.min(6, Math.round(status)));
  }

  /** Current hottest temperature (°C). */
  temperature(): number {
    if (this.override === null) return this.celsius;
    return Math.max(
      this.celsius,
      this.override === 0 ? ambient : thresholds[this.override - 1]! + 0.5,
    );
  }

  /** Thermal status 0–6. */
  status(): number {
    if (this.override !== null) return this.override;
    const index = thresholds.findIndex((limit) => this.celsius < limit);
    return index === -1 ? 6 : index;
  }

  /** The zones with their current temperatures. */
  zones(): ThermalZone[] {
    const hottest = this.temperature();
    return zoneOffsets.map(([name, offset]) => ({ name, celsius: hottest - 1.5 + offset }));
  }
}
