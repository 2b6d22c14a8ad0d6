import { thermalStatusSchema } from '../../../../shared/device';
import type {
  OtherSensor,
  OtherSensorKind,
  ThermalReading,
  ThermalSensor,
} from '../../../../shared/device-sample';

/** Android's thermal status names, by value (PowerManager.THERMAL_STATUS_*). */
export const thermalStatusNames = thermalStatusSchema.options;

export type ThermalStatusName = (typeof thermalStatusNames)[number];

export type { OtherSensor, ThermalReading, ThermalSensor };

/** `mValue` as Java's Float.toString writes it: `36.2`, `-3.4028235E38`, `NaN`, `Infinity`. */
const temperaturePattern =
  /Temperature\{mValue=([-\w.]+), mType=(-?\d+), mName=([^,}]+), mStatus=-?\d+\}/g;

/**
 * TemperatureType values that are not temperatures (android.os.Temperature, the thermal HAL's
 * TemperatureType): the battery-current-limit sensors. Every other type from CPU (0) to POGO (19)
 * is a temperature in °C; UNKNOWN (-1) and types newer than POGO have no unit the HAL promises.
 */
const batteryLimitKinds: Partial<Record<number, OtherSensorKind>> = {
  6: 'voltage',
  7: 'current',
  8: 'percent',
};
const lastTemperatureType = 19;
/** Below this a "temperature" is the HAL's not-available value (-Float.MAX_VALUE), not a reading. */
const absoluteZeroC = -273.15;

function kindOf(type: number): OtherSensorKind | 'temperature' {
  const limit = batteryLimitKinds[type];
  if (limit) return limit;
  return type >= 0 && type <= lastTemperatureType ? 'temperature' : 'unknown';
}

/**
 * Parses `dumpsys thermalservice`: `Thermal Status: N`, then sensors. The live section ("Current
 * temperatures from HAL") wins over the cached one when both are there. Only temperature types
 * go into `sensors`; voltage, current, charge and unknown-unit sensors go into `otherSensors`
 * (read as °C, a Tensor phone's GPU current limit, 11 900 mA, was its "hottest sensor"). Null
 * without a status. Pure.
 */
export function parseThermalService(text: string): ThermalReading | null {
  const status = /^Thermal Status: (\d+)/m.exec(text);
  const name = thermalStatusNames[status ? Number(status[1]) : NaN];
  if (!name) return null;
  const live = text.indexOf('Current temperatures from HAL');
  const sensors: ThermalSensor[] = [];
  const otherSensors: OtherSensor[] = [];
  for (const match of (live >= 0 ? text.slice(live) : text).matchAll(temperaturePattern)) {
    const [value, type, sensorName] = [Number(match[1]), Number(match[2]), match[3]!];
    const kind = kindOf(type);
    if (!Number.isFinite(value)) continue;
    if (kind !== 'temperature') otherSensors.push({ name: sensorName, type, kind, value });
    else if (value >= absoluteZeroC) sensors.push({ name: sensorName, type, celsius: value });
  }
  return { status: name, sensors: lastByName(sensors), otherSensors: lastByName(otherSensors) };
}

/** One entry per sensor name, the last one read. */
function lastByName<T extends { name: string }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.name, item])).values()];
}
