import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { fail, type Result } from '../../../shared/result';

/** What an artifact's key is made of. */
export interface ArtifactKeyParts {
  modelHash: string;
  scenario: unknown;
  quant: string;
  toolVersion: string;
}

const manifestName = 'manifest.json';

/** How one artifact is built: cancelled by `signal`, its manifest checked by `schema` on read. */
export interface BuildOptions<T> {
  signal?: AbortSignal;
  schema?: z.ZodType<T>;
}

/**
 * Content-addressed artifacts in the data dir. A build writes into a temporary folder that is
 * renamed into place only when complete, so a failed or interrupted build leaves nothing under
 * its key; two requests for one key in this process share one build.
 */
export class ArtifactCache {
  readonly #root: string;
  readonly #inFlight = new Map<string, Promise<Result<unknown>>>();
  readonly #onBuild = new Set<(key: string) => void>();

  constructor(root: string) {
    this.#root = root;
  }

  static keyOf(parts: ArtifactKeyParts): string {
    const canonical = JSON.stringify([
      parts.modelHash,
      parts.scenario,
      parts.quant,
      parts.toolVersion,
    ]);
    return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
  }

  /**
   * Calls `listener` with the key of each build this cache really starts (a miss: nothing
   * trustworthy under the key, no build of it in flight here), until the returned function runs.
   */
  onDidStartBuild(listener: (key: string) => void): () => void {
    this.#onBuild.add(listener);
    return () => this.#onBuild.delete(listener);
  }

  dirOf(key: string): string {
    return join(this.#root, key);
  }

  /**
   * The manifest of a finished artifact, or null when there is none or it cannot be trusted: not
   * JSON, or not what `schema` says a manifest is (an older studio's, a damaged file).
   */
  async read<T>(key: string, schema?: z.ZodType<T>): Promise<T | null> {
    const path = join(this.dirOf(key), manifestName);
    if (!existsSync(path)) return null;
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      return null;
    }
    if (!schema) return json as T;
    const parsed = schema.safeParse(json);
    return parsed.success ? parsed.data : null;
  }

  /**
   * Returns the artifact under `key`, building it with `build(tempDir)` when missing. Once
   * `signal` aborts, nothing is put in place: the build ends `cancelled` and its folder goes.
   */
  async getOrBuild<T>(
    key: string,
    build: (dir: string) => Promise<Result<T>>,
    options: BuildOptions<T> = {},
  ): Promise<Result<T>> {
    const { signal } = options;
    const running = this.#inFlight.get(key) as Promise<Result<T>> | undefined;
    if (running) {
      const shared = await running;
      // Cancelled by the caller who started it: this caller still wants it, so build it anew.
      if (shared.ok || shared.error.code !== 'cancelled' || signal?.aborted) return shared;
      return this.getOrBuild(key, build, options);
    }
    const job = this.#build(key, build, options);
    this.#inFlight.set(key, job);
    try {
      return await job;
    } finally {
      this.#inFlight.delete(key);
    }
  }

  async #build<T>(
    key: string,
    build: (dir: string) => Promise<Result<T>>,
    { signal, schema }: BuildOptions<T>,
  ): Promise<Result<T>> {
    const existing = await this.read(key, schema);
    if (existing) return { ok: true, value: existing };
    // A folder without a manifest to trust is stale: rebuilt, not served nor kept in the way.
    await rm(this.dirOf(key), { recursive: true, force: true });
    const temporary = join(this.#root, `.tmp-${key}-${randomBytes(4).toString('hex')}`);
    await mkdir(temporary, { recursive: true });
    for (const listener of this.#onBuild) listener(key);
    try {
      const result = await build(temporary);
      if (!result.ok) return result;
      if (signal?.aborted) return fail('cancelled', 'The build was cancelled');
      await writeFile(join(temporary, manifestName), JSON.stringify(result.value, null, 2));
      await rename(temporary, this.dirOf(key)).catch(async (error: NodeJS.ErrnoException) => {
        // Another process finished the same key first: its artifact is as good as ours.
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      });
      return { ok: true, value: (await this.read(key, schema)) ?? result.value };
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
  }
}
