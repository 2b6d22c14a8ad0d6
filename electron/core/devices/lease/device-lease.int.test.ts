import type { Client } from '@devicefarmer/adbkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedPhone } from '../../../emulator/emulated-phone';
import { connectPhone, startPhones, stopPhones } from '../../../emulator/phone-farm';
import { findPreset } from '../../../emulator/phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../../../emulator/testing-adb';
import { createAdbClient } from '../adbkit';
import { acquireLease, leaseDir, leaseHolder } from './device-lease';
import { startLeaseHolder } from './testing-lease-process';

let server: TestAdbServer;
let phone: EmulatedPhone;
let client: Client;

beforeAll(async () => {
  server = await startTestAdbServer();
  phone = (await startPhones([findPreset('sd8gen3')!]))[0]!;
  expect((await connectPhone(targetOf(server), phone!)).ok).toBe(true);
  client = createAdbClient({ host: '127.0.0.1', port: server.port });
});

afterAll(async () => {
  await stopPhones(targetOf(server), [phone]);
  await server.stop();
});

/** A second process holding the lease. */
const holderProcess = () => startLeaseHolder(server.port, phone.address, 'other-process');

describe('phone leases across processes', () => {
  it('refuses while another process holds it, waits, and gets it once released', async () => {
    const other = await holderProcess();
    const device = client.getDevice(phone.address);
    const refused = await acquireLease(device, { owner: 'me' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(refused.ok ? '' : refused.error.message).toContain('other-process');
    expect(await leaseHolder(device)).toMatch(/^other-process until \d{4}-/);
    const waiting = acquireLease(device, { owner: 'me', waitMs: 10_000 });
    setTimeout(() => other.kill('SIGTERM'), 300);
    const lease = await waiting;
    expect(lease.ok && lease.value.record.owner).toBe('me');
    if (lease.ok) await lease.value.release();
    expect((await phone.runShell(`ls ${leaseDir}`)).status).not.toBe(0);
    expect(await leaseHolder(device)).toBeNull();
  });

  it('breaks an expired lease and keeps a held one renewed', async () => {
    await phone.runShell(`mkdir -p ${leaseDir}`);
    await phone.runShell(
      `echo '{"owner":"crashed","token":"x","expiresAt":1}' > ${leaseDir}/holder`,
    );
    const device = client.getDevice(phone.address);
    // An expired lease is nobody's: the next take breaks it.
    expect(await leaseHolder(device)).toBeNull();
    const lease = await acquireLease(device, { owner: 'me', ttlMs: 600 });
    expect(lease.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await acquireLease(device, { owner: 'late' })).toMatchObject({ ok: false });
    if (lease.ok) await lease.value.release();
  });
});
