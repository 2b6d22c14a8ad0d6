import type { DeviceDetails, DeviceSummary, FarmSnapshot } from '../device';
import type { WatchedSample } from '../device-sample';

const phone = (index: number, model: string, soc: string): DeviceSummary => ({
  key: `127.0.0.1:5037/ES00${index}`,
  host: '127.0.0.1:5037',
  transport: `127.0.0.1:4010${index}`,
  serialno: `ES00${index}`,
  state: 'device',
  hint: null,
  model,
  manufacturer: 'samsung',
  soc,
  android: '14',
  sdk: 34,
  emulated: true,
  batteryPercent: 80 + index,
  thermal: 'none',
  leaseHolder: null,
  isDefault: index === 0,
});

/** A farm of three emulated phones on one host, for renderer tests. */
export const sampleFarm: FarmSnapshot = {
  hosts: [{ address: '127.0.0.1:5037', status: 'up', message: null }],
  devices: [
    phone(0, 'SM-S928B', 'SM8650'),
    phone(1, '24129PN74G', 'SM8750'),
    phone(2, 'Pixel 9', 'Tensor G4'),
  ],
};

/** Details of the first sample phone. */
export const sampleDetails: DeviceDetails = {
  key: sampleFarm.devices[0]!.key,
  model: 'SM-S928B',
  manufacturer: 'samsung',
  soc: 'SM8650',
  abi: 'arm64-v8a',
  android: '14',
  sdk: 34,
  fingerprint: 'samsung/e3qxxx/e3q:14/UP1A.231005.007/1:user/release-keys',
  kernel: '6.1.57-android14-11',
  ramKb: 12582912,
  availableRamKb: 6920602,
  storageFreeKb: 189000000,
  batteryPercent: 80,
  batteryCelsius: 28.5,
  thermal: 'none',
  governor: 'schedutil',
  emulated: true,
  accelerators: ['QNN (Qualcomm HTP)', 'OpenCL'],
};

/** The `n`-th live sample of a phone, warming by half a degree a second. */
export function sampleVitals(deviceKey: string, n: number): WatchedSample {
  return {
    deviceKey,
    pid: null,
    at: 1_700_000_000_000 + n * 1000,
    sample: {
      tMs: n * 1000,
      memory: null,
      thermal: {
        status: n < 3 ? 'none' : 'light',
        sensors: [{ name: 'cpu0', type: 0, celsius: 40 + n / 2 }],
        otherSensors: [],
      },
      battery: { levelPercent: 80, temperatureC: 30 + n / 4, voltageMv: 4000, powered: false },
    },
  };
}
