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

/** One sensor of `dumpsys thermalservice`. */
export const thermalSensorSchema = z.object({
  name: z.string(),
  type: z.number(),
  celsius: z.number(),
});

/** The thermal state of a phone. */
export const thermalReadingSchema = z.object({
  status: thermalStatusSchema,
  sensors: z.array(thermalSensorSchema),
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
export type ThermalReading = z.infer<typeof thermalReadingSchema>;
export type DeviceSample = z.infer<typeof deviceSampleSchema>;
export type WatchedSample = z.infer<typeof watchedSampleSchema>;
