import { z } from 'zod';
import { parseHostPort } from './host-port';

/** adb's states of a transport, plus `unknown` for anything newer. */
export const deviceStates = [
  'device',
  'offline',
  'unauthorized',
  'no permissions',
  'connecting',
  'authorizing',
  'recovery',
  'bootloader',
  'unknown',
] as const;

export type DeviceState = (typeof deviceStates)[number];

/** Android's thermal status names, in value order (PowerManager.THERMAL_STATUS_*). */
export const thermalStatusSchema = z.enum([
  'none',
  'light',
  'moderate',
  'severe',
  'critical',
  'emergency',
  'shutdown',
]);

/** A `HOST:PORT` adb server address, checked the way `--adb` is. */
export const hostPortStringSchema = z
  .string()
  .max(300)
  .superRefine((text, context) => {
    const parsed = parseHostPort(text);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.error.message });
  });

/** One phone of the farm as the list shows it. */
export const deviceSummarySchema = z.object({
  /** Stable key: `HOST:PORT/ro.serialno` once known, else `HOST:PORT/transport`. */
  key: z.string(),
  host: z.string(),
  /** adb's transport serial (`127.0.0.1:40123`, `R5CT…`). */
  transport: z.string(),
  serialno: z.string().nullable(),
  state: z.enum(deviceStates),
  /** What to do about a state that blocks use (unauthorized, no permissions). */
  hint: z.string().nullable(),
  model: z.string().nullable(),
  manufacturer: z.string().nullable(),
  soc: z.string().nullable(),
  android: z.string().nullable(),
  sdk: z.number().int().nullable(),
  emulated: z.boolean(),
  batteryPercent: z.number().nullable(),
  thermal: thermalStatusSchema.nullable(),
  leaseHolder: z.string().nullable(),
  /** The phone `ANDROID_SERIAL` names (by transport serial or ro.serialno), as adb would pick. */
  isDefault: z.boolean(),
});

export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

/** One adb server of the farm and whether it answers. */
export const farmHostStatusSchema = z.object({
  address: z.string(),
  status: z.enum(['connecting', 'up', 'unreachable']),
  message: z.string().nullable(),
});

export type FarmHostStatus = z.infer<typeof farmHostStatusSchema>;

/** The whole farm: every host and every phone. */
export const farmSnapshotSchema = z.object({
  hosts: z.array(farmHostStatusSchema),
  devices: z.array(deviceSummarySchema),
});

export type FarmSnapshot = z.infer<typeof farmSnapshotSchema>;

/** Everything the details panel and a run context record about one phone. */
export const deviceDetailsSchema = z.object({
  key: z.string(),
  model: z.string().nullable(),
  manufacturer: z.string().nullable(),
  soc: z.string().nullable(),
  abi: z.string().nullable(),
  android: z.string().nullable(),
  sdk: z.number().int().nullable(),
  fingerprint: z.string().nullable(),
  kernel: z.string().nullable(),
  ramKb: z.number().nullable(),
  availableRamKb: z.number().nullable(),
  storageFreeKb: z.number().nullable(),
  batteryPercent: z.number().nullable(),
  batteryCelsius: z.number().nullable(),
  thermal: thermalStatusSchema.nullable(),
  governor: z.string().nullable(),
  emulated: z.boolean(),
  /** Why timings on this phone mean little (an emulated arm64 phone runs programs under qemu). */
  timingNote: z.string().nullable().optional(),
  accelerators: z.array(z.string()),
});

export type DeviceDetails = z.infer<typeof deviceDetailsSchema>;

/** Progress of one push in flight. */
export const pushProgressSchema = z.object({
  pushId: z.string(),
  deviceKey: z.string(),
  bytes: z.number(),
  total: z.number(),
  phase: z.enum(['checking', 'pushing', 'verifying', 'cached', 'done', 'failed', 'cancelled']),
});

export type PushProgress = z.infer<typeof pushProgressSchema>;

/** The outcome of a push into the phone's content-addressed cache. */
export const cachedPushSchema = z.object({
  remotePath: z.string(),
  sha256: z.string(),
  bytes: z.number(),
  skipped: z.boolean(),
});

export type CachedPushResult = z.infer<typeof cachedPushSchema>;
