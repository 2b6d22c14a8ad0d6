import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { fail, ok, type Result } from '../../../../shared/result';
import { sendFile, type PushTarget } from '../push/send-file';
import { quoteArgument } from '../shell/android-quote';
import { runShell, type ShellTransport } from '../shell/device-shell';
import { studioDir } from '../push/cache-layout';
import { leaseVerdict, parseLeaseRecord, type LeaseRecord } from './lease-record';

/** Where the lease lives on the phone: `mkdir` of this directory is the atomic take. */
export const leaseDir = `${studioDir}/lease`;
const holderFile = `${leaseDir}/holder`;

/** What a lease needs of a device: adbkit's `DeviceClient` fits. */
export type LeaseDevice = ShellTransport & PushTarget;

/** Options of `acquireLease`. */
export interface LeaseOptions {
  owner: string;
  /** How long the lease lives without renewal (default 30 s); renewed every third of it. */
  ttlMs?: number;
  /** Wait up to this long for another holder to release (default 0: refuse at once). */
  waitMs?: number;
  now?: () => number;
}

/** A lease held on one phone: renewed while held, `release` on exit. */
export interface DeviceLease {
  record: LeaseRecord;
  release(): Promise<void>;
}

/**
 * Takes the phone's lease so one job runs on it at a time across windows, processes and
 * teammates. Refuses (or waits, with `waitMs`) while another holder has it; breaks one that
 * expired. The holder's clock decides expiry, so farm machines should keep time (NTP).
 */
export async function acquireLease(
  device: LeaseDevice,
  options: LeaseOptions,
): Promise<Result<DeviceLease>> {
  const now = options.now ?? Date.now;
  const deadline = now() + (options.waitMs ?? 0);
  for (;;) {
    const taken = await tryTake(device, options, now);
    if (taken.ok || taken.error.code !== 'busy' || now() >= deadline) return taken;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Who holds the phone's lease now (`owner until <ISO time>`), or null when nobody does, the
 * lease expired (the next take breaks it) or the phone did not answer within `timeoutMs` (a
 * sweep's wait reads it between runs and must not stall on one phone). Reads it, takes nothing.
 */
export async function leaseHolder(
  device: ShellTransport,
  { now = Date.now, timeoutMs = 3000 }: { now?: () => number; timeoutMs?: number } = {},
): Promise<string | null> {
  const current = await readHolder(device, timeoutMs);
  if (!current || leaseVerdict(current, now()) !== 'held') return null;
  return holderWords(current);
}

const holderWords = (record: LeaseRecord) =>
  `${record.owner} until ${new Date(record.expiresAt).toISOString()}`;

async function tryTake(device: LeaseDevice, options: LeaseOptions, now: () => number) {
  // One round trip: the parent made when missing, then the take itself (its exit status).
  const script = `mkdir -p ${quoteArgument(studioDir)} && mkdir ${quoteArgument(leaseDir)}`;
  const made = await runShell(device, 'sh', ['-c', script]);
  if (!made.ok) return fail<DeviceLease>('device-lost', `DEVICE_LOST: ${made.error.message}`);
  if (made.value.exitCode === 0) return hold(device, options, now);
  const current = await readHolder(device);
  const verdict = leaseVerdict(current, now());
  if (verdict === 'free-to-break') {
    // mv is atomic: of two breakers, only one moves the expired lease away.
    const aside = `${leaseDir}.broken-${randomBytes(4).toString('hex')}`;
    const moved = await runShell(device, 'mv', [leaseDir, aside]);
    if (moved.ok && moved.value.exitCode === 0) await runShell(device, 'rm', ['-rf', aside]);
    return tryTake(device, options, now);
  }
  const who = current ? holderWords(current) : 'another studio (being taken)';
  return fail<DeviceLease>('busy', `the phone is leased by ${who}`);
}

async function readHolder(device: ShellTransport, timeoutMs?: number): Promise<LeaseRecord | null> {
  const read = await runShell(device, 'cat', [holderFile], timeoutMs ? { timeoutMs } : {});
  return read.ok && read.value.exitCode === 0 ? parseLeaseRecord(read.value.stdout) : null;
}

async function writeHolder(device: LeaseDevice, record: LeaseRecord): Promise<Result<void>> {
  return sendFile(device, Readable.from([Buffer.from(JSON.stringify(record))]), holderFile);
}

async function hold(device: LeaseDevice, options: LeaseOptions, now: () => number) {
  const ttl = options.ttlMs ?? 30_000;
  const record = {
    owner: options.owner,
    token: randomBytes(8).toString('hex'),
    expiresAt: now() + ttl,
  };
  const written = await writeHolder(device, record);
  if (!written.ok) return written as Result<DeviceLease>;
  const timer = setInterval(() => void renew(device, record, ttl, now), ttl / 3);
  timer.unref();
  const release = async () => {
    clearInterval(timer);
    if (!(await releaseOnce(device, record))) retryRelease(device, record, now);
  };
  return ok<DeviceLease>({ record, release });
}

/**
 * Removes the lease if this holder still has it; false when the phone could not be asked (the
 * link is down), so the removal is still owed.
 */
async function releaseOnce(device: LeaseDevice, record: LeaseRecord): Promise<boolean> {
  const read = await runShell(device, 'cat', [holderFile], { timeoutMs: 5000 });
  if (!read.ok) return false;
  const current = read.value.exitCode === 0 ? parseLeaseRecord(read.value.stdout) : null;
  if (current?.token !== record.token) return true;
  const removed = await runShell(device, 'rm', ['-rf', leaseDir], { timeoutMs: 5000 });
  return removed.ok && removed.value.exitCode === 0;
}

/**
 * A lease released while the phone was unreachable (lost mid-run) is removed once the phone is
 * back, retried every second in the background until it would have expired anyway: otherwise the
 * next job on the phone is refused as busy for the rest of the ttl.
 */
function retryRelease(device: LeaseDevice, record: LeaseRecord, now: () => number): void {
  const retry = setTimeout(async () => {
    if (now() >= record.expiresAt || (await releaseOnce(device, record))) return;
    retryRelease(device, record, now);
  }, 1000);
  retry.unref();
}

/** Extends the lease if this holder still has it. */
async function renew(device: LeaseDevice, record: LeaseRecord, ttl: number, now: () => number) {
  const current = await readHolder(device);
  if (current?.token !== record.token) return;
  record.expiresAt = now() + ttl;
  await writeHolder(device, record);
}
