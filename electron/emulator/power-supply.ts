/** The battery's voltage, in mV: `dumpsys battery`, the thermal HAL's `vbat` and `voltage_now`. */
export const batteryMv = 4182;

/** What the lab charger feeds the battery, µA (a powered hub: `AC powered: true`). */
const chargeUa = 1_200_000;
/** What one running program (about one busy core cluster) draws, µA. */
const perLoadUa = 850_000;
const idleUa = 180_000;

/**
 * `/sys/class/power_supply/battery/*` of a phone on its lab charger, driven by the load (running
 * programs): `current_now` in µA with the kernel's sign (positive = into the battery, negative =
 * discharging; power_supply ABI, BatteryManager.BATTERY_PROPERTY_CURRENT_NOW), so a busy phone
 * draws more than the charger gives and the sign flips; `voltage_now` in µV (sagging under net
 * discharge); `status` as the kernel words it. Null for other names. Pure.
 */
export function powerSupplyFile(name: string, load: number): string | null {
  const currentUa = chargeUa - idleUa - perLoadUa * Math.min(load, 4);
  const values: Record<string, string> = {
    current_now: String(currentUa),
    voltage_now: String(batteryMv * 1000 - Math.round(currentUa < 0 ? -currentUa / 20 : 0)),
    // As `dumpsys battery` says (AC powered, status 2): a phone on a charger stays `Charging`
    // while its load outdraws the charger; only the sign of current_now shows it.
    status: 'Charging',
    capacity: '85',
    present: '1',
    type: 'Battery',
  };
  return values[name] === undefined ? null : `${values[name]}\n`;
}

/** The names `ls /sys/class/power_supply/battery` shows. */
export const powerSupplyNames = [
  'capacity',
  'current_now',
  'present',
  'status',
  'type',
  'voltage_now',
];
