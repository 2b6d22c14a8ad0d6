import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioRoot } from '../core/paths';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import { choosePresets, startPhones, stopPhones } from '../emulator/phone-farm';
import type { PhonePreset } from '../emulator/phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../emulator/testing-adb';

const run = promisify(execFile);
let server: TestAdbServer;
let phone: EmulatedPhone;
const data = mkdtempSync(join(tmpdir(), 'edge-studio-connect-cli-'));

/** `edge-studio --data D --adb SERVER devices ARGS…`: its exit code and output. */
async function studio(...args: string[]) {
  const bin = join(studioRoot(), 'electron/cli/edge-studio.mjs');
  const globals = ['--data', data, '--adb', `127.0.0.1:${server.port}`];
  try {
    const { stdout } = await run(process.execPath, [bin, ...globals, 'devices', ...args]);
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: `${failed.stdout}${failed.stderr}` };
  }
}

const listed = async () => (await server.adb(['devices'])).stdout;

beforeAll(async () => {
  server = await startTestAdbServer();
  phone = (await startPhones((choosePresets(1, []) as { value: PhonePreset[] }).value))[0]!;
});

afterAll(async () => {
  await stopPhones(targetOf(server), [phone]);
  await server.stop();
  rmSync(data, { recursive: true, force: true });
});

describe('edge-studio devices connect / disconnect', () => {
  it('attaches a phone by HOST:PORT and saves it; a later list shows it', async () => {
    expect(await listed()).not.toContain(phone.address);
    const connected = await studio('connect', phone.address);
    expect(connected).toEqual({ code: 0, out: `${phone.address}: connected (saved)\n` });
    expect(await listed()).toMatch(new RegExp(`${phone.address}\\s+device`));
    // Saved in the data dir: adb forgetting it is healed by the next studio on that data dir.
    await server.adb(['disconnect', phone.address]);
    const farm = await studio('--json');
    expect(farm.code).toBe(0);
    await expect.poll(listed, { timeout: 15_000 }).toMatch(phone.address);
  });

  it('refuses what is not a HOST:PORT before touching adb', async () => {
    const refused = await studio('connect', '--', '-H');
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('is not a host:port address');
  });

  it('forgets and disconnects a saved endpoint, and says so for an unknown one', async () => {
    const gone = await studio('disconnect', phone.address);
    expect(gone).toEqual({ code: 0, out: `${phone.address}: disconnected (forgotten)\n` });
    expect(await listed()).not.toContain(phone.address);
    const unknown = await studio('disconnect', phone.address);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('is not a saved endpoint (saved: none)');
  });
});
