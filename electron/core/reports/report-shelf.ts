import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { reportEntrySchema, type ReportEntry, type ReportFormat } from '../../../shared/compare';

/**
 * The reports the studio wrote: files in the data dir's `reports/` (or wherever `out` said), and
 * `reports/reports.json`, the index `report:list` reads (file, format, sweeps, when). A file
 * deleted by hand drops out of the list; the index is rebuilt empty if it is unreadable.
 */
export class ReportShelf {
  readonly folder: string;
  readonly #index: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'reports');
    this.#index = join(this.folder, 'reports.json');
  }

  /** Where a report goes when no `out` is given: `SWEEP[-vs-AGAINST]-UTCSTAMP.FORMAT`. */
  fileFor(sweepId: string, against: string | null, format: ReportFormat, at: number): string {
    const safe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');
    const stamp = new Date(at)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const name = `${safe(sweepId)}${against === null ? '' : `-vs-${safe(against)}`}-${stamp}`;
    return join(this.folder, `${name}.${format}`);
  }

  /** Every listed report whose file is still there, newest first, with its size now. */
  list(): ReportEntry[] {
    return this.#read()
      .filter((entry) => existsSync(entry.file))
      .map((entry) => ({ ...entry, bytes: statSync(entry.file).size }))
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Adds a written report to the index (a rewrite of the same file replaces its entry). */
  async record(entry: ReportEntry): Promise<void> {
    const entries = [...this.#read().filter((each) => each.file !== entry.file), entry];
    await writeAtomically(this.#index, `${JSON.stringify(entries, null, 2)}\n`);
  }

  #read(): ReportEntry[] {
    if (!existsSync(this.#index)) return [];
    try {
      const parsed = z
        .array(reportEntrySchema)
        .safeParse(JSON.parse(readFileSync(this.#index, 'utf8')));
      return parsed.success ? parsed.data : [];
    } catch {
      // A torn or hand-edited index only forgets the list; the report files stay.
      return [];
    }
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a report. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, file);
}
