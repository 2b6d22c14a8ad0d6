import { createHash } from 'node:crypto';
import { abiProperties, qemuNote, type PhoneAbi } from './phone-abi';
import type { PhonePreset } from './phone-presets';

/** A stable serial: the same preset and identity give the same serial across restarts. */
export function serialFor(preset: PhonePreset, identity: string): string {
  const digest = createHash('sha256').update(`${preset.name}/${identity}`).digest('hex');
  return `ES${digest.slice(0, 12).toUpperCase()}`;
}

/** Partitions whose build.prop names the product, as on a real phone's getprop. */
const productPartitions = ['odm', 'product', 'system', 'system_ext', 'vendor'];

/**
 * `ro.product.<partition>.<field>` for every partition, the values init derives `ro.product.*`
 * from (see parse/getprop.ts productProperty).
 */
function partitionProperties(preset: PhonePreset): [string, string][] {
  const fields = {
    brand: preset.brand,
    device: preset.device,
    manufacturer: preset.manufacturer,
    model: preset.model,
    name: preset.product,
  };
  return productPartitions.flatMap((partition) =>
    Object.entries(fields).map(([field, value]): [string, string] => [
      `ro.product.${partition}.${field}`,
      value,
    ]),
  );
}

/** Every `getprop` property of a phone built from its preset. */
export function phoneProperties(
  preset: PhonePreset,
  serial: string,
  abi: PhoneAbi = 'x86_64',
): Map<string, string> {
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
    ...abiProperties(abi),
    ...(abi === 'x86_64' ? [] : [['ro.edge_studio.abi_note', qemuNote] as [string, string]]),
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
    // One reboot a line, as on real phones: a value that spans lines.
    ['persist.sys.boot.reason.history', 'reboot,userrequested,1700000000\nreboot,ota,1699990000'],
    ...partitionProperties(preset),
  ];
  return new Map(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** `getprop` with no argument: `[key]: [value]` lines; a value's own line ends are printed as is. */
export function formatGetprop(properties: ReadonlyMap<string, string>): string {
  return [...properties].map(([key, value]) => `[${key}]: [${value}]\n`).join('');
}

/** The CNXN banner: identity plus the features the emulator implements, and no others. */
export function connectBanner(preset: PhonePreset, features: readonly string[]): string {
  return `device::ro.product.name=${preset.product};ro.product.model=${preset.model};ro.product.device=${preset.device};features=${features.join(',')}`;
}
