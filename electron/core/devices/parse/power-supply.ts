/** Battery current and voltage in the run's convention: µA positive = discharging, µV. */
export interface BatteryPower {
  currentUa: number;
  voltageUv: number;
}

/**
 * Reads `/sys/class/power_supply/battery/{current_now,voltage_now,status}` into µA with positive =
 * discharging. The kernel's power_supply ABI and Android's BATTERY_PROPERTY_CURRENT_NOW say µA,
 * positive into the battery, negative out; some vendors report the opposite sign (positive while
 * discharging), some older ones mA or mV. So:
 * - `status` `Discharging`: the battery is discharging whatever the sign, so |current|;
 * - otherwise (`Charging`, `Full`, `Not charging`, unknown): the kernel's sign, negated. A vendor
 *   with the inverted sign on a charger cannot be told apart here; it reads as charging.
 * - current is taken as µA (a vendor reporting mA reads 1000× too small: near-zero currents of a
 *   full battery make a size test unsafe); a voltage under 100 000 (0.1 V in µV, where a battery
 *   is 3–4.5 V) is taken as mV.
 * Null when current or voltage is missing or not a number. Pure.
 */
export function parseBatteryPower(
  currentNow: string | undefined,
  voltageNow: string | undefined,
  status?: string,
): BatteryPower | null {
  const current = integerOf(currentNow);
  const voltage = integerOf(voltageNow);
  if (current === null || voltage === null) return null;
  const voltageUv = Math.abs(voltage) < 100_000 ? voltage * 1000 : voltage;
  const discharging = status?.trim() === 'Discharging';
  return { currentUa: discharging ? Math.abs(current) : -current || 0, voltageUv };
}

function integerOf(text: string | undefined): number | null {
  const trimmed = text?.trim() ?? '';
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
}
