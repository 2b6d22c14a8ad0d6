import { thermalStatusSchema } from '../../../../shared/device';
import type { ThermalReading, ThermalSensor } from '../../../../shared/device-sample';

/** Android's thermal status names, by value (PowerManager.THERMAL_STATUS_*). */
export const thermalStatusNames = thermalStatusSchema.options;

export type ThermalStatusName = (typeof thermalStatusNames)[number];

export type { ThermalReading, ThermalSensor };

const temperaturePattern =
  /Temperature\{mValue=(-?[\d.]+), mType=(-?\d+), mName=([^,}]+), mStatus=\d+\}/g;

/**
 * Parses `dumpsys thermalservice`: `Thermal Status: N`, then sensors. The live section ("Current
 * temperatures from HAL") wins over the cached one when both are there. Null without a status. Pure.
 */
export function parseThermalService(text: string): ThermalReading | null {
  const status = /^Thermal Status: (\d+)/m.exec(text);
  const index = status ? Number(status[1]) : NaN;
  const name = thermalStatusNames[index];
  if (!name) return null;
  const live = text.indexOf('Current temperatures from HAL');
  const section = live >= 0 ? text.slice(live) : text;
  const sensors = [...section.matchAll(temperaturePattern)].map((match) => ({
    name: match[3]!,
    type: Number(match[2]),
    celsius: Number(match[1]),
  }));
  return { status: name, sensors: dedupe(sensors) };
}

function dedupe(sensors: ThermalSensor[]): ThermalSensor[] {
  return [...new Map(sensors.map((sensor) => [sensor.name, sensor])).values()];
}
