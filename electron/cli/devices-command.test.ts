import { describe, expect, it } from 'vitest';
import { formatFarm } from './devices-command';

describe('edge-studio devices', () => {
  it('prints one block per host and a hint for a blocked phone', () => {
    const text = formatFarm({
      hosts: [
        { address: '127.0.0.1:5037', status: 'up', message: null },
        { address: '10.0.0.9:5037', status: 'unreachable', message: 'nothing answers' },
      ],
      devices: [
        {
          key: '127.0.0.1:5037/R5CT',
          host: '127.0.0.1:5037',
          transport: 'R5CT',
          serialno: null,
          state: 'unauthorized',
          hint: 'Unlock the phone',
          model: null,
          manufacturer: null,
          soc: null,
          android: null,
          sdk: null,
          emulated: false,
          batteryPercent: null,
          thermal: null,
          leaseHolder: null,
          isDefault: true,
        },
      ],
    });
    expect(text).toBe(
      '127.0.0.1:5037  up\n  R5CT  unauthorized  ?  ?  (ANDROID_SERIAL)\n    Unlock the phone\n\n10.0.0.9:5037  unreachable (nothing answers)\n  (no phones)',
    );
  });
});
