import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A tiny bundle folder whose bundle.json lists its files with their real sizes and sha256: a
 * fixture of the manifest contract (electron/runner/README.md, "Registering a bundle"), for tests.
 */
export function writeFakeBundle(dir: string, abi = 'arm64-v8a'): void {
  mkdirSync(dir, { recursive: true });
  const files = { 'edge-runner': '#!/bin/sh\n', 'libonnxruntime.so': 'not really a library' };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const listed = Object.entries(files).map(([name, text]) => ({
    name,
    size: Buffer.byteLength(text),
    sha256: sha256(text),
  }));
  const manifest = {
    abi,
    runner: 'edge-runner',
    hash: sha256(JSON.stringify(listed)),
    files: listed,
  };
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(manifest));
}
