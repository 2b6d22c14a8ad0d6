import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from '../../emulator/emulated-phone';
import { captureRunContext } from './run-context';
import { phoneTransport } from './shell/testing-shell';

const phone = new EmulatedPhone();
afterAll(() => phone.stop());

describe('run context', () => {
  it('records build, kernel, governor, thermal, battery and versions', async () => {
    const context = await captureRunContext(phoneTransport(phone), 'k', {
      name: 'onnxruntime',
      version: '1.30.0',
    });
    expect(context).toMatchObject({
      deviceKey: 'k',
      governor: 'schedutil',
      thermal: 'none',
      emulated: true,
      runtime: { name: 'onnxruntime', version: '1.30.0' },
    });
    expect(context.fingerprint).toContain('samsung/');
    expect(context.kernel).toMatch(/^6\./);
    expect(context.studioVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});
