import { join, resolve } from 'node:path';
import { fail, ok, type Result } from '../../../../shared/result';
import { hashFile } from '../../hash-file';
import { readBundle, type BundleManifest } from './runtime-bundle';

/**
 * Reads the bundle in `dir` and checks each file it lists is there with the listed size and
 * sha256, so a registered bundle is the one its manifest describes (a tampered or half-copied
 * folder is refused before any phone runs it).
 */
export async function verifyBundle(dir: string): Promise<Result<BundleManifest>> {
  const folder = resolve(dir);
  const manifest = await readBundle(folder);
  if (!manifest.ok) return manifest;
  for (const file of manifest.value.files) {
    const checked = await checkFile(join(folder, file.name), file);
    if (!checked.ok) return checked;
  }
  return manifest;
}

async function checkFile(
  path: string,
  expected: { size: number; sha256: string },
): Promise<Result<void>> {
  const actual = await hashFile(path).catch(() => null);
  if (!actual) return fail('not-found', `${path} is listed in bundle.json but missing`);
  if (actual.bytes !== expected.size) {
    return fail(
      'verify-failed',
      `${path} is ${actual.bytes} bytes, bundle.json says ${expected.size}`,
    );
  }
  if (actual.sha256 !== expected.sha256) {
    return fail('verify-failed', `${path} does not match the sha256 in bundle.json`);
  }
  return ok(undefined);
}
