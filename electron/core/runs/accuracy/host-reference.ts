import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphArtifact, ModelInspection } from '../../../../shared/graph';
import type { Logits } from '../../graphs/fidelity/logits';
import { chunkScorer, type Scorer } from '../../graphs/fidelity/candidates';
import { openCandidate, openReference } from '../../graphs/fidelity/runners';

/** A built artifact with its folder, as buildGraphs returns it. */
export type BuiltArtifact = GraphArtifact & { dir: string };

/**
 * The host's logits a run's phone logits are measured against, computed once and kept on disk
 * under `dir` (the data dir's `references/`): the float full-context reference per model and
 * prompt, and the float specialised graphs per scenario and prompt.
 */
export class HostReferences {
  constructor(private readonly dir: string) {}

  /** The float full-context reference's logits of every prompt position. */
  reference(inspection: ModelInspection, modelHash: string, tokens: readonly number[]) {
    return this.#cached(['reference', modelHash, tokens], async () =>
      chunkScorer(await openReference(inspection), null),
    )(tokens);
  }

  /** The float specialised graphs' logits (same scenario, no quantisation, on this host). */
  specialised(inspection: ModelInspection, float: BuiltArtifact, tokens: readonly number[]) {
    return this.#cached(['specialised', float.key, tokens], async () =>
      chunkScorer(await openCandidate(inspection, float), null),
    )(tokens);
  }

  #cached(key: [string, string, readonly number[]], open: () => Promise<Scorer>) {
    const file = join(this.dir, `${hashOf(key)}.logits`);
    return async (tokens: readonly number[]): Promise<Logits[]> => {
      const kept = await readRows(file);
      if (kept) return kept;
      const scorer = await open();
      try {
        const { logits } = await scorer.score(tokens, 0);
        await writeRows(file, logits);
        return logits;
      } finally {
        await scorer.release();
      }
    };
  }
}

function hashOf([kind, id, tokens]: [string, string, readonly number[]]): string {
  const hash = createHash('sha256').update(`${kind}\n${id}\n`);
  hash.update(Buffer.from(Int32Array.from(tokens).buffer));
  return hash.digest('hex');
}

/** Rows as `[rows, vocab]` int32 then the float32 values; null when absent or torn. */
async function readRows(file: string): Promise<Logits[] | null> {
  const bytes = await readFile(file).catch(() => null);
  if (!bytes || bytes.length < 8) return null;
  const rows = bytes.readInt32LE(0);
  const vocab = bytes.readInt32LE(4);
  if (bytes.length !== 8 + rows * vocab * 4) return null;
  const values = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset + 8, bytes.byteOffset + bytes.length),
  );
  return Array.from({ length: rows }, (_, row) => values.subarray(row * vocab, (row + 1) * vocab));
}

/** Written to a temporary name and renamed: a reader never sees half a file. */
async function writeRows(file: string, rows: readonly Logits[]): Promise<void> {
  const vocab = rows[0]?.length ?? 0;
  const header = Buffer.alloc(8);
  header.writeInt32LE(rows.length, 0);
  header.writeInt32LE(vocab, 4);
  const body = rows.map((row) => Buffer.from(row.buffer, row.byteOffset, row.byteLength));
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(`${file}.partial`, Buffer.concat([header, ...body]));
  await rename(`${file}.partial`, file);
}
