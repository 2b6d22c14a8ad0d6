import { PassThrough, type Duplex } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from '../../../emulator/emulated-phone';
import { findPreset } from '../../../emulator/phone-presets';
import { runShell } from './device-shell';
import { hostileArguments, phoneTransport } from './testing-shell';

const phone = new EmulatedPhone({ preset: findPreset('midrange')! });
afterAll(() => phone.stop());

describe('runShell on an emulated phone', () => {
  const device = phoneTransport(phone);

  it('returns stdout, stderr apart and the exit code', async () => {
    expect(await runShell(device, 'echo', ['hi'])).toEqual({
      ok: true,
      value: { stdout: 'hi\n', stderr: '', exitCode: 0 },
    });
    const missing = await runShell(device, 'ls', ['/data/local/tmp/none']);
    expect(missing.ok && missing.value.exitCode).not.toBe(0);
    expect(missing.ok && missing.value.stderr).toContain('/data/local/tmp/none');
    expect(missing.ok && missing.value.stdout).toBe('');
    expect(await runShell(device, 'frobnicate')).toMatchObject({ value: { exitCode: 127 } });
  });

  it('passes hostile strings as single arguments and runs none of them', async () => {
    for (const argument of hostileArguments.filter((text) => !text.startsWith('-'))) {
      const result = await runShell(device, 'echo', [argument]);
      expect(result).toEqual({
        ok: true,
        value: { stdout: `${argument}\n`, stderr: '', exitCode: 0 },
      });
    }
  });

  it('streams stdout as it arrives', async () => {
    const seen: string[] = [];
    await runShell(device, 'echo', ['streamed'], { onStdout: (text) => seen.push(text) });
    expect(seen.join('')).toBe('streamed\n');
  });

  it('times out, cancels, and reports a link that drops before the marker', async () => {
    const stuck = { shell: async () => new PassThrough() as Duplex };
    expect(await runShell(stuck, 'sleep', ['9'], { timeoutMs: 20 })).toMatchObject({
      ok: false,
      error: { code: 'timeout' },
    });
    const controller = new AbortController();
    const pending = runShell(stuck, 'sleep', ['9'], { signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const dropped = new PassThrough();
    const result = runShell({ shell: async () => dropped }, 'cat', ['/x']);
    dropped.end('partial output');
    expect(await result).toMatchObject({ ok: false, error: { code: 'disconnected' } });
  });
});
