import { z } from 'zod';

/** A component that was found, or why it was not. */
const probeSchema = <T extends z.ZodRawShape>(found: T) =>
  z.discriminatedUnion('found', [
    z.object({ found: z.literal(true), ...found }),
    z.object({ found: z.literal(false), reason: z.string() }),
  ]);

/** Which host runs the core: Electron's main, the web host (`serve`), or another `edge-studio` command. */
export const hostKindSchema = z.enum(['electron', 'web', 'cli']);
export type HostKind = z.infer<typeof hostKindSchema>;

/** What the Environment view shows: versions and paths read on the main side. */
export const appInfoSchema = z.object({
  studioVersion: z.string(),
  host: hostKindSchema,
  node: z.string(),
  electron: z.string().nullable(),
  platform: z.string(),
  onnxruntime: probeSchema({ version: z.string() }),
  adb: probeSchema({ path: z.string(), version: z.string() }),
  dataDir: z.string(),
  farm: z.array(z.string()),
  /**
   * The host's cores (`os.availableParallelism()`): a sweep runs no more emulated phones at once
   * than this, as their programs run on the host's CPUs (the Profiles page's estimate counts it).
   */
  hostCores: z.number().int().positive(),
});

export type AppInfo = z.infer<typeof appInfoSchema>;

export const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

/** One line of the studio's log, streamed to every window. */
export const logEntrySchema = z.object({
  time: z.number(),
  level: logLevelSchema,
  source: z.string(),
  message: z.string(),
});

export type LogEntry = z.infer<typeof logEntrySchema>;
export type LogLevel = z.infer<typeof logLevelSchema>;
