import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
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

/** The host tools arm64 programs need, or why they cannot run. */
export function qemuMissing(): string | null {
  for (const tool of ['qemu-aarch64', 'unshare']) {
    if (spawnSync('sh', ['-c', 'command -v "$0"', tool]).status !== 0)
      return `${tool} not installed (Debian: qemu-user, util-linux)`;
  }
  return null;
}

/**
 * The host launch of a program for a phone of `abi`: native for x86_64; for arm64, qemu inside a
 * private mount namespace where the phone's arm64 /proc/cpuinfo is bind-mounted over the host's
 * (ORT's CPU detection crashes before main on an x86 one, and qemu-user 7.2 does not fake it).
 * The bind mount's shell line is a constant; every path and argument is a positional parameter.
 */
export async function hostLaunch(
  abi: PhoneAbi,
  program: string,
  args: readonly string[],
  context: { execDir: string; cpuinfo(): Promise<string> },
): Promise<HostLaunch> {
  if (abi === 'x86_64') return { file: program, args: [...args] };
  const cpuinfo = join(context.execDir, 'cpuinfo-arm64');
  await writeFile(cpuinfo, await context.cpuinfo());
  const namespace = process.getuid?.() === 0 ? ['-m'] : ['-r', '-m'];
  return {
    file: 'unshare',
    args: [
      ...namespace,
      '--',
      'sh',
      '-c',
      'mount --bind -- "$0" /proc/cpuinfo && exec "$@"',
      cpuinfo,
      'qemu-aarch64',
      '-cpu',
      qemuCpu,
      program,
      ...args,
    ],
  };
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
