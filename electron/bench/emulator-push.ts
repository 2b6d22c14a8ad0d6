import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { locateAdb } from '../core/devices/adb-binary';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import { freePort } from '../emulator/free-port';
import {
  connectPhone,
  runAdb,
  startPhones,
  stopPhones,
  type AdbTarget,
} from '../emulator/phone-farm';
import { phonePresets } from '../emulator/phone-presets';
import { medianOf, type Benchmark } from './benchmark';

const size = 256 * 1024 * 1024;
const samples = 3;

/**
 * `adb push` of 256 MiB to an emulated phone over loopback, in MB/s (10^6 bytes/s), median of 3.
 * Baseline: the same bytes copied over a plain loopback TCP socket into a file on the same disk,
 * in this process — the most any push could do here, so the ratio is the protocol's cost.
 */
export const emulatorPush: Benchmark = {
  name: 'emulator-push',
  description: '`adb push` of 256 MiB to an emulated phone over loopback, MB/s, median of 3',
  async run() {
    const work = mkdtempSync(join(tmpdir(), 'edge-studio-bench-push-'));
    const source = join(work, 'payload.bin');
    writeFileSync(source, randomBytes(size));
    try {
      const baseline = await medianOf(samples, () => loopbackCopy(source, join(work, 'copy.bin')));
      const value = await withPhone((target, phone) =>
        medianOf(samples, () => adbPush(target, phone, source)),
      );
      return {
        value,
        unit: 'MB/s',
        goal: { op: '>=', value: 100 },
        baseline: { label: 'raw loopback TCP copy to a file', value: baseline },
      };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};

/** Runs `use` against one emulated phone on a private adb server, torn down after. */
export async function withPhone<T>(
  use: (target: AdbTarget, phone: EmulatedPhone) => Promise<T>,
): Promise<T> {
  const adbPath = locateAdb();
  if (!adbPath.ok) throw new Error(adbPath.error.message);
  const target = { adbPath: adbPath.value, host: '127.0.0.1', port: await freePort() };
  await runAdb(target, ['start-server'], 60_000);
  const [phone] = await startPhones([phonePresets[0]!]);
  try {
    const connected = await connectPhone(target, phone!);
    if (!connected.ok) throw new Error(connected.error.message);
    return await use(target, phone!);
  } finally {
    await stopPhones(target, [phone!]);
    await runAdb(target, ['kill-server']);
  }
}

async function adbPush(target: AdbTarget, phone: EmulatedPhone, source: string): Promise<number> {
  const started = performance.now();
  const pushed = await runAdb(
    target,
    ['-s', phone.address, 'push', source, '/data/local/tmp/payload.bin'],
    120_000,
  );
  if (!pushed.ok) throw new Error(pushed.error.message);
  return size / 1e6 / ((performance.now() - started) / 1000);
}

async function loopbackCopy(source: string, destination: string): Promise<number> {
  const server = createServer();
  const received = new Promise<void>((resolve, reject) =>
    server.once('connection', (socket) =>
      pipeline(socket, createWriteStream(destination)).then(resolve, reject),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const started = performance.now();
  const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
  await pipeline(createReadStream(source), socket);
  await received;
  const seconds = (performance.now() - started) / 1000;
  server.close();
  return size / 1e6 / seconds;
}
