import { z } from 'zod';
import { thermalStatusSchema } from './device';

/** Memory of one process in kB, from `/proc/<pid>/status` and `smaps_rollup`. */
export const processMemorySchema = z.object({
  vmRssKb: z.number(),
  vmHwmKb: z.number(),
  rssAnonKb: z.number().nullable(),
  rssFileKb: z.number().nullable(),
  /** From smaps_rollup; null where the kernel has none (before 4.14) or it was not read. */
  pssKb: z.number().nullable(),
});

/** Battery state from `dumpsys battery`. */
export const batteryReadingSchema = z.object({
  /** Percent of `scale`. */
  levelPercent: z.number(),
  temperatureC: z.number(),
  voltageMv: z.number().nullable(),
  powered: z.boolean(),
});

/** One temperature sensor of `dumpsys thermalservice`, in °C. */
export const thermalSensorSchema = z.object({
  name: z.string(),
  /** The HAL's TemperatureType (CPU 0, GPU 1, BATTERY 2, SKIN 3, … NPU 9, TPU 10, … POGO 19). */
  type: z.number(),
  celsius: z.number(),
});

/**
 * What a thermal HAL sensor that is not a temperature measures: BCL_VOLTAGE (6), BCL_CURRENT (7),
 * BCL_PERCENTAGE (8), or UNKNOWN (-1, and types newer than this list), whose unit the HAL leaves
 * open.
 */
export const otherSensorKindSchema = z.enum(['voltage', 'current', 'percent', 'unknown']);

/**
 * A sensor of `dumpsys thermalservice` that is not a temperature. The value is as the HAL gives it:
 * units differ by vendor (a Snapdragon's `vbat` reads 4.384, in V; a Tensor's `vdroop1` 1050, in
 * mV), so none is claimed.
 */
export const otherSensorSchema = z.object({
  name: z.string(),
  type: z.number(),
  kind: otherSensorKindSchema,
  value: z.number(),
});

/** The thermal state of a phone. */
export const thermalReadingSchema = z.object({
  status: thermalStatusSchema,
  /** Temperatures only: a hottest-sensor figure is taken over these. */
  sensors: z.array(thermalSensorSchema),
  /** Battery-limit voltage, current and charge sensors, and sensors of unknown unit. */
  otherSensors: z.array(otherSensorSchema).default([]),
});

/** One sample of a phone (and of a process on it, when a pid is watched). */
export const deviceSampleSchema = z.object({
  /** ms since sampling started. */
  tMs: z.number(),
  memory: processMemorySchema.nullable(),
  thermal: thermalReadingSchema.nullable(),
  battery: batteryReadingSchema.nullable(),
});

/** A sample as broadcast to every window watching the phone. */
export const watchedSampleSchema = z.object({
  deviceKey: z.string(),
  pid: z.number().int().nullable(),
  /** Wall-clock time of the sample (ms since the epoch). */
  at: z.number(),
  sample: deviceSampleSchema,
});

export type ProcessMemoryReading = z.infer<typeof processMemorySchema>;
export type BatteryReading = z.infer<typeof batteryReadingSchema>;
export type ThermalSensor = z.infer<typeof thermalSensorSchema>;
export type OtherSensorKind = z.infer<typeof otherSensorKindSchema>;
export type OtherSensor = z.infer<typeof otherSensorSchema>;
export type ThermalReading = z.infer<typeof thermalReadingSchema>;
export type DeviceSample = z.infer<typeof deviceSampleSchema>;
export type WatchedSample = z.infer<typeof watchedSampleSchema>;
