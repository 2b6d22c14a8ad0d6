import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { processFailureCode } from '../../shared/process-failure';
import { fail, ok, type Result } from '../../shared/result';
import { EmulatedPhone, type PhoneOptions } from './emulated-phone';
import { findPreset, phonePresets, type PhonePreset } from './phone-presets';

const run = promisify(execFile);

/** Which adb binary and server the phones attach to. */
export interface AdbTarget {
  adbPath: string;
  host: string;
  port: number;
}

/**
 * `-H` only for a remote server: adb 29 refuses to start a server when given any `-H`, even
 * `-H 127.0.0.1` ("cannot start server on remote host").
 */
function serverArgs(target: AdbTarget): string[] {
  const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(target.host);
  return [...(loopback ? [] : ['-H', target.host]), '-P', String(target.port)];
}

/** Runs `adb [-H host] -P port args…` (argument array, never a shell string). */
export async function runAdb(
  target: AdbTarget,
  args: readonly string[],
  timeout = 30_000,
): Promise<Result<string>> {
  try {
    const { stdout } = await run(target.adbPath, [...serverArgs(target), ...args], { timeout });
    return ok(stdout);
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    return fail(
      processFailureCode(error),
      `adb ${args.join(' ')}: ${(failed.stderr || failed.message).trim()}`,
    );
  }
}

/** The presets for `count` phones: the names given, cycled; every preset in turn when none is. */
export function choosePresets(count: number, names: readonly string[]): Result<PhonePreset[]> {
  const unknown = names.filter((name) => !findPreset(name));
  if (unknown.length > 0) {
    const known = phonePresets.map((preset) => preset.name).join(', ');
    return fail('invalid-args', `unknown preset ${unknown.join(', ')}; known: ${known}`);
  }
  const pool = names.length > 0 ? names.map((name) => findPreset(name)!) : [...phonePresets];
  return ok(Array.from({ length: count }, (_, index) => pool[index % pool.length]!));
}

/** Starts the adb server if none answers (`adb -P PORT start-server`). */
export async function ensureAdbServer(target: AdbTarget): Promise<Result<void>> {
  const started = await runAdb(target, ['start-server'], 60_000);
  return started.ok ? ok(undefined) : started;
}

/** `adb connect` then wait until adb reports the phone as a device. */
export async function connectPhone(target: AdbTarget, phone: EmulatedPhone): Promise<Result<void>> {
  const connected = await runAdb(target, ['connect', phone.address]);
  if (!connected.ok) return connected;
  // adb connect exits 0 when it fails to connect too; only its output tells.
  if (!connected.value.includes('connected to')) {
    return fail('command-failed', connected.value.trim());
  }
  const ready = await runAdb(target, ['-s', phone.address, 'wait-for-device'], 30_000);
  return ready.ok ? ok(undefined) : ready;
}

/** Starts phones from presets (identity = index, so serials stay the same across restarts). */
export async function startPhones(
  presets: readonly PhonePreset[],
  options: Omit<PhoneOptions, 'preset' | 'identity'> = {},
): Promise<EmulatedPhone[]> {
  const phones = presets.map(
    (preset, index) => new EmulatedPhone({ ...options, preset, identity: String(index) }),
  );
  await Promise.all(phones.map((phone) => phone.start()));
  return phones;
}

/** Disconnects every phone from adb and stops it. */
export async function stopPhones(
  target: AdbTarget | null,
  phones: readonly EmulatedPhone[],
): Promise<void> {
  for (const phone of phones) {
    if (target) await runAdb(target, ['disconnect', phone.address], 10_000);
    await phone.stop();
  }
}
