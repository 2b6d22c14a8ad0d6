import { createHash } from 'node:crypto';
import type { PhonePreset } from './phone-presets';

/** A stable serial: the same preset and identity give the same serial across restarts. */
export function serialFor(preset: PhonePreset, identity: string): string {
  const digest = createHash('sha256').update(`${preset.name}/${identity}`).digest('hex');
  return `ES${digest.slice(0, 12).toUpperCase()}`;
}

/** Every `getprop` property of a phone built from its preset. */
export function phoneProperties(preset: PhonePreset, serial: string): Map<string, string> {
  const fingerprint = `${preset.brand}/${preset.product}/${preset.device}:${preset.release}/${preset.buildId}/${serial.slice(2, 9)}:user/release-keys`;
  const entries: [string, string][] = [
    ['ro.product.model', preset.model],
    ['ro.product.manufacturer', preset.manufacturer],
    ['ro.product.brand', preset.brand],
    ['ro.product.name', preset.product],
    ['ro.product.device', preset.device],
    ['ro.soc.manufacturer', preset.socManufacturer],
    ['ro.soc.model', preset.socModel],
    ['ro.board.platform', preset.boardPlatform],
    ['ro.hardware', preset.boardPlatform],
    ['ro.product.cpu.abi', 'arm64-v8a'],
    ['ro.product.cpu.abilist', 'arm64-v8a,armeabi-v7a,armeabi'],
    ['ro.build.fingerprint', fingerprint],
    ['ro.build.id', preset.buildId],
    ['ro.build.type', 'user'],
    ['ro.build.version.release', preset.release],
    ['ro.build.version.sdk', String(preset.sdk)],
    ['ro.serialno', serial],
    ['ro.boot.serialno', serial],
    ['ro.edge_studio.emulated', '1'],
    ['ro.edge_studio.preset', preset.name],
    ['ro.config.total_ram_mb', String(preset.ramMb)],
    ['sys.boot_completed', '1'],
    ['persist.sys.timezone', 'UTC'],
  ];
  return new Map(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** `getprop` with no argument: `[key]: [value]` lines, as adbkit's getProperties parses. */
export function formatGetprop(properties: ReadonlyMap<string, string>): string {
  return [...properties].map(([key, value]) => `[${key}]: [${value}]\n`).join('');
}

/** The CNXN banner: identity plus the features the emulator implements, and no others. */
export function connectBanner(preset: PhonePreset, features: readonly string[]): string {
  return `device::ro.product.name=${preset.product};ro.product.model=${preset.model};ro.product.device=${preset.device};features=${features.join(',')}`;
}
