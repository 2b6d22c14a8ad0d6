import { z } from 'zod';

/** What the lease directory's `holder` file says. */
export const leaseRecordSchema = z.object({
  owner: z.string(),
  token: z.string(),
  /** ms since the epoch, by the holder's clock. */
  expiresAt: z.number(),
});

export type LeaseRecord = z.infer<typeof leaseRecordSchema>;

/** Parses a holder file; null when it is missing, partial or not a lease. Pure. */
export function parseLeaseRecord(text: string): LeaseRecord | null {
  try {
    const parsed = leaseRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The lease state a caller decides on. Pure. */
export function leaseVerdict(
  record: LeaseRecord | null,
  now: number,
): 'free-to-break' | 'held' | 'being-taken' {
  if (!record) return 'being-taken';
  return record.expiresAt < now ? 'free-to-break' : 'held';
}
