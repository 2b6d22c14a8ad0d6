import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PhoneAbi } from './phone-abi';
import type { SandboxFs } from './sandbox-fs';

/** How the host starts a verified ELF copy: `file` with `args` (never through a shell string). */
export interface HostLaunch {
  file: string;
  args: string[];
}

/**
 * qemu's CPU: `max` advertises SVE/SME and ORT then picks kernels qemu runs ~15× slower
 * (measured, see shared/reference/protocols.md).
 */
const qemuCpu = 'neoverse-n1';

/** Why arm64 programs cannot run here, or null when qemu-aarch64 is installed. */
export function qemuMissing(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v qemu-aarch64']).status === 0;
  return found ? null : 'qemu-aarch64 not installed (Debian: qemu-user)';
}

/**
 * The host launch of a program for a phone of `abi`: native for x86_64; for arm64, under qemu
 * with the phone's ARMv8 /proc/cpuinfo. ORT's CPU detection crashes before main on the host's x86
 * one and qemu-user 7.2 does not fake it for aarch64, so qemu gets an `-L` prefix holding only
 * `proc/cpuinfo`: qemu opens a guest's absolute path under the prefix when it exists there
 * (util/path.c), so that one file is redirected, with no mount namespace or root needed.
 */
export async function hostLaunch(
  abi: PhoneAbi,
  program: string,
  args: readonly string[],
  context: { execDir: string; cpuinfo(): Promise<string> },
): Promise<HostLaunch> {
  if (abi === 'x86_64') return { file: program, args: [...args] };
  const prefix = join(context.execDir, 'qemu-root');
  await mkdir(join(prefix, 'proc'), { recursive: true });
  await writeFile(join(prefix, 'proc', 'cpuinfo'), await context.cpuinfo());
  return { file: 'qemu-aarch64', args: ['-L', prefix, '-cpu', qemuCpu, program, ...args] };
}

/**
 * An argument or variable as the host process must see it: an absolute device path under the
 * phone's data folders (or a `:` list of them) becomes its host path, as a chroot would; anything
 * else (`/proc/…`, flags, plain words) is kept.
 */
export async function hostArgument(fs: SandboxFs, value: string, cwd: string): Promise<string> {
  if (!value.startsWith('/')) return value;
  const parts = value.split(':');
  if (!parts.every((part) => /^\/(data|sdcard|storage)(\/|$)/.test(part))) return value;
  const mapped = await Promise.all(parts.map((part) => fs.hostPath(part, 'read', cwd)));
  if (mapped.some((result) => !result.ok)) return value;
  return mapped.map((result) => (result.ok ? result.value : '')).join(':');
}
