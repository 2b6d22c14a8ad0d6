import { z } from 'zod';

/**
 * One flush of a batched stream (see electron/core/jobs/batcher.ts): `seq` counts the flushes of
 * its channel from 1, so a listener can tell a gap; `items` are what changed since the last one.
 */
export interface Batch<T> {
  seq: number;
  items: T[];
}

/** The schema of a batch of `item`s, for the contract's stream channels. */
export function batchSchema<T extends z.ZodType>(item: T) {
  return z.object({ seq: z.number().int().positive(), items: z.array(item) });
}
