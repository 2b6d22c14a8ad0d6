import type { z } from 'zod';

/**
 * Rows read back from SQLite, each checked with its schema: a row this studio cannot read (an
 * older or newer one's, edited by hand) is left out rather than handed on with the wrong type.
 */
export function rowsOf<T>(schema: z.ZodType<T>, rows: readonly unknown[]): T[] {
  return rows.flatMap((row) => {
    const parsed = schema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}
