import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result';
import { isInside, isWritable, normalizeDevicePath } from './device-path';

/** What a caller intends to do with a path: writing needs a writable directory. */
export type PathIntent = 'read' | 'write';

/** An Android-like directory tree inside a host temp dir; every path escape is refused. */
export class SandboxFs {
  readonly root: string;

  /** Creates the tree (`/data/local/tmp`, `/sdcard`, `/system/bin`, `/vendor/lib64` …) in `root`. */
  constructor(root: string, vendorLibs: readonly string[]) {
    for (const dir of ['data/local/tmp', 'sdcard', 'system/bin', 'vendor/lib64', 'etc', 'dev']) {
      mkdirSync(join(root, dir), { recursive: true });
    }
    for (const lib of vendorLibs) writeFileSync(join(root, 'vendor/lib64', lib), '');
    writeFileSync(join(root, 'dev/null'), '');
    this.root = realpathSync(root);
  }

  /**
   * Maps a device path to its host path, refusing escapes (`..`, host paths, symlinks out).
   * `followLast: false` checks a final symlink's own directory, not its target (rm, mv).
   */
  async hostPath(
    path: string,
    intent: PathIntent,
    cwd = '/',
    options: { followLast?: boolean } = {},
  ): Promise<Result<string>> {
    const device = normalizeDevicePath(path, cwd);
    if (!device.ok) return device;
    if (intent === 'write' && !isWritable(device.value)) {
      return fail('unauthorized', `${device.value}: Read-only file system`);
    }
    const host = join(this.root, device.value);
    // rm and mv act on a symlink itself: then only its directory must stay inside.
    const resolved =
      options.followLast === false && device.value !== '/'
        ? join(await this.resolveExisting(dirname(host)), basename(host))
        : await this.resolveExisting(host);
    if (!isInside(this.root, resolved)) {
      return fail('unauthorized', `${device.value}: Permission denied (leaves the sandbox)`);
    }
    return ok(host);
  }

  /** The device path of a host path inside the sandbox. */
  devicePath(host: string): string {
    const relative = host.slice(this.root.length);
    return relative === '' ? '/' : relative;
  }

  /** realpath of the deepest existing ancestor, joined with the rest (symlinks resolved). */
  private async resolveExisting(host: string): Promise<string> {
    let current = host;
    const rest: string[] = [];
    for (;;) {
      try {
        const real = await realpath(current);
        return rest.length > 0 ? join(real, ...rest.reverse()) : real;
      } catch {
        const isLink = await lstat(current).then(
          (stats) => stats.isSymbolicLink(),
          () => false,
        );
        // A dangling symlink could be created through later: treat it as leaving.
        if (isLink) return '/';
        rest.push(current.slice(dirname(current).length + 1));
        const parent = dirname(current);
        if (parent === current) return current;
        current = parent;
      }
    }
  }
}
