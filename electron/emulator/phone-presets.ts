/** What an emulated phone is: the identity and hardware its properties and files describe. */
export interface PhonePreset {
  /** CLI name, e.g. `sd8gen3`. */
  name: string;
  manufacturer: string;
  brand: string;
  model: string;
  device: string;
  product: string;
  socManufacturer: string;
  socModel: string;
  boardPlatform: string;
  release: string;
  sdk: number;
  buildId: string;
  ramMb: number;
  /** Max frequency of each CPU core in kHz. */
  cpuMaxKhz: number[];
  /** Accelerator libraries under /vendor/lib64 (NPU/DSP/GPU runtimes of the SoC). */
  vendorLibs: string[];
}

const qualcommLibs = [
  'libQnnHtp.so',
  'libQnnHtpPrepare.so',
  'libQnnSystem.so',
  'libcdsprpc.so',
  'libOpenCL.so',
  'libadsprpc.so',
];

/** The presets `--preset` accepts; the first is the default. */
export const phonePresets: readonly PhonePreset[] = [
  {
    name: 'sd8gen3',
    manufacturer: 'samsung',
    brand: 'samsung',
    model: 'SM-S928B',
    device: 'e3q',
    product: 'e3qxxx',
    socManufacturer: 'QTI',
    socModel: 'SM8650',
    boardPlatform: 'pineapple',
    release: '14',
    sdk: 34,
    buildId: 'UP1A.231005.007',
    ramMb: 12288,
    cpuMaxKhz: [2265600, 2265600, 3014400, 3014400, 3014400, 2956800, 2956800, 3302400],
    vendorLibs: [...qualcommLibs, 'libQnnHtpV75Stub.so'],
  },
  {
    name: 'sd8elite',
    manufacturer: 'Xiaomi',
    brand: 'Xiaomi',
    model: '24129PN74G',
    device: 'dada',
    product: 'dada_global',
    socManufacturer: 'QTI',
    socModel: 'SM8750',
    boardPlatform: 'sun',
    release: '15',
    sdk: 35,
    buildId: 'AQ3A.240812.002',
    ramMb: 16384,
    cpuMaxKhz: [3532800, 3532800, 3532800, 3532800, 3532800, 3532800, 4320000, 4320000],
    vendorLibs: [...qualcommLibs, 'libQnnHtpV79Stub.so'],
  },
  {
    name: 'dimensity9300',
    manufacturer: 'vivo',
    brand: 'vivo',
    model: 'V2324A',
    device: 'PD2324',
    product: 'PD2324',
    socManufacturer: 'Mediatek',
    socModel: 'MT6989',
    boardPlatform: 'mt6989',
    release: '14',
    sdk: 34,
    buildId: 'UP1A.231005.007',
    ramMb: 16384,
    cpuMaxKhz: [2000000, 2000000, 2000000, 2000000, 2850000, 2850000, 2850000, 3250000],
    vendorLibs: [
      'libneuronusdk_adapter.mtk.so',
      'libapu_mdw.so',
      'libOpenCL.so',
      'libneuron_runtime.8.so',
    ],
  },
  {
    name: 'tensorg3',
    manufacturer: 'Google',
    brand: 'google',
    model: 'Pixel 8 Pro',
    device: 'husky',
    product: 'husky',
    socManufacturer: 'Google',
    socModel: 'Tensor G3',
    boardPlatform: 'zuma',
    release: '14',
    sdk: 34,
    buildId: 'AP1A.240305.019.A1',
    ramMb: 12288,
    cpuMaxKhz: [1704000, 1704000, 1704000, 1704000, 2367000, 2367000, 2367000, 2367000, 2910000],
    vendorLibs: ['libedgetpu_client.google.so', 'libOpenCL.so', 'libdarwinn_client.so'],
  },
  {
    name: 'midrange',
    manufacturer: 'samsung',
    brand: 'samsung',
    model: 'SM-A356B',
    device: 'a35x',
    product: 'a35xnsxx',
    socManufacturer: 'Samsung',
    socModel: 'Exynos 1380',
    boardPlatform: 's5e8835',
    release: '14',
    sdk: 34,
    buildId: 'UP1A.231005.007',
    ramMb: 6144,
    cpuMaxKhz: [2000000, 2000000, 2000000, 2000000, 2400000, 2400000, 2400000, 2400000],
    vendorLibs: ['libOpenCL.so', 'libeden_nn_on_system.so'],
  },
];

/** The preset called `name`, or undefined. */
export function findPreset(name: string): PhonePreset | undefined {
  return phonePresets.find((preset) => preset.name === name);
}
