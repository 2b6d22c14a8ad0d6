/** ABIs an emulated phone can have: x86_64 (the default: this host's CPU) or arm64 under qemu. */
export const phoneAbis = ['x86_64', 'arm64-v8a'] as const;
export type PhoneAbi = (typeof phoneAbis)[number];

/** What the UI and reports say about a phone whose programs run under an emulator. */
export const qemuNote = 'arm64 under qemu: timings not representative';

/** ELF e_machine values of the ABIs (elf.h EM_X86_64, EM_AARCH64). */
const machines: Record<number, PhoneAbi> = { 62: 'x86_64', 183: 'arm64-v8a' };

/**
 * The ABI of an ELF file from its header bytes: `not-elf` without the magic, `other` for a
 * machine no phone runs (32-bit, big-endian or another architecture). Pure.
 */
export function elfAbi(bytes: Uint8Array): PhoneAbi | 'other' | 'not-elf' {
  if (bytes.length < 20 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c)
    return 'not-elf';
  if (bytes[3] !== 0x46) return 'not-elf';
  // EI_CLASS 2 = 64-bit, EI_DATA 1 = little-endian: the only kind both ABIs use.
  if (bytes[4] !== 2 || bytes[5] !== 1) return 'other';
  return machines[bytes[18]! | (bytes[19]! << 8)] ?? 'other';
}

/** `ro.product.cpu.abi` and `abilist` as the phone reports them. */
export function abiProperties(abi: PhoneAbi): [string, string][] {
  const list = abi === 'x86_64' ? 'x86_64,x86' : 'arm64-v8a,armeabi-v7a,armeabi';
  return [
    ['ro.product.cpu.abi', abi],
    ['ro.product.cpu.abilist', list],
    ['ro.product.cpu.abilist64', abi],
  ];
}
