import { createHash } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EmulatedPhone } from '../../../emulator/emulated-phone';

/**
 * A stand-in runner for tests without adb: says hello with its pid, then prints a token line
 * every 20 ms until killed; with `ignore-term` it survives SIGTERM (a hung runner).
 */
export const fakeRunnerSource = `#!/usr/bin/env node
if (process.argv.includes('ignore-term')) {
  process.on('SIGTERM', () => {});
  process.stderr.write('ignoring SIGTERM\\n');
}
process.stdout.write(JSON.stringify({ ev: 'hello', runner: 'fake', version: '1', pid: process.pid,
  runtime: 'none', ort: '0', ep: 'cpu', threads: 1 }) + '\\n');
let i = 0;
setInterval(() => process.stdout.write(JSON.stringify({ ev: 'token', rep: 0, i: i++, ms: 1 }) + '\\n'), 20);
`;

/** Puts an executable on an emulated phone as a sync push would (so the phone runs it). */
export async function installProgram(
  phone: EmulatedPhone,
  path: string,
  source: string,
): Promise<void> {
  const host = await phone.fs.hostPath(path, 'write');
  if (!host.ok) throw new Error(host.error.message);
  await mkdir(dirname(host.value), { recursive: true });
  await writeFile(host.value, source);
  await chmod(host.value, 0o755);
  phone.pushed.set(path, createHash('sha256').update(source).digest('hex'));
}

/** Waits until the phone runs a program (a real child), and answers its pid. */
export async function waitForChild(phone: EmulatedPhone, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const child = phone.processes.children()[0];
    if (child) return child.pid;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no program started on the phone');
}

/** Waits until the fake runner said (on stderr, which the phone logs) it ignores SIGTERM. */
export async function untilIgnoringTerm(phone: EmulatedPhone, pid: number): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    const said = phone.logcat
      .dump()
      .some((entry) => entry.pid === pid && /ignoring SIGTERM/.test(entry.message));
    if (said) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`process ${pid} never said it ignores SIGTERM`);
}
